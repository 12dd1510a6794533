import { describe, expect, it } from 'vitest';
import { RATING_EXAMPLES, ratingHint, recogniseRating } from './rating-syntax.js';
import { parseRating } from './ratings.js';

// The validation-facing API answers from the one parser (./ratings.ts, tested there in full).
describe('recogniseRating', () => {
  it('recognises ratings of every scheme as the parser reads them (DOMAIN.md §1)', () => {
    for (const text of [
      'V/7200[N2A]/48/90:0.2',
      'V/7500[N2]/80/90:0.8/18.1',
      'M50-P1',
      'C7:50-P3',
      'K12-L3',
    ]) {
      expect(recogniseRating(text), text).toEqual(parseRating(text));
    }
    expect(recogniseRating(' v/7200[n2a]/48/90:0.2 ')).toMatchObject({ scheme: 'ISO 22343-1', massKg: 7200 });
    for (const example of Object.values(RATING_EXAMPLES))
      expect(recogniseRating(example), example).not.toBeNull();
  });

  it.each(['V/7200[N2A]/48', 'V/7200/48/90:0.2', 'M55-P1', 'C750', 'K10', 'PAS 68', 'very strong', ''])(
    'does not recognise %j',
    (text) => {
      expect(recogniseRating(text)).toBeNull();
    },
  );
});

describe('ratingHint', () => {
  it('answers with the reason and an example of the scheme the text seems to follow', () => {
    expect(ratingHint('V/7200[N2A]/48')).toMatch(
      /^The impact angle .* are missing after the speed\. An ISO 22343-1, IWA 14-1 or PAS 68 rating reads .* for example V\/7200\[N2A\]\/48\/90:0\.2/,
    );
    expect(ratingHint('M55')).toContain('ASTM F2656');
    expect(ratingHint('K10')).toContain('K4, K8 or K12');
    expect(ratingHint('strong')).toMatch(/V\/7200\[N2A\]\/48\/90:0\.2 .*M50-P1 .*K12/);
  });
});
