import { describe, expect, it } from 'vitest';
import { RATING_EXAMPLES, ratingHint, recogniseRating } from './rating-syntax.js';

describe('recogniseRating', () => {
  it('reads ISO 22343-1 / IWA 14-1 / PAS 68 ratings (DOMAIN.md §1)', () => {
    expect(recogniseRating('V/7200[N2A]/48/90:0.2')).toEqual({
      scheme: 'iso-iwa-pas',
      massKg: 7200,
      vehicleClass: 'N2A',
      speedKmh: 48,
      angleDeg: 90,
      penetrationM: 0.2,
      debrisM: null,
    });
    expect(recogniseRating('V/7500[N2]/80/90:0.8/18.1')).toMatchObject({
      massKg: 7500,
      vehicleClass: 'N2',
      speedKmh: 80,
      penetrationM: 0.8,
      debrisM: 18.1,
    });
    expect(recogniseRating('V/1500[M1]/32/90:0')).toMatchObject({ vehicleClass: 'M1', penetrationM: 0 });
    expect(recogniseRating('V/30000[N3F]/80/45:12.5')).toMatchObject({ massKg: 30000, angleDeg: 45 });
    // As typed from a catalogue: lower case, spaces.
    expect(recogniseRating(' v/2500[n1g]/ 64 /90:5.4 ')).toMatchObject({ vehicleClass: 'N1G', speedKmh: 64 });
  });

  it('reads ASTM F2656 ratings, including the C7 colon form and the 2007 vehicle codes', () => {
    expect(recogniseRating('M50-P1')).toEqual({
      scheme: 'astm-f2656',
      vehicle: 'M',
      speedMph: 50,
      penetrationClass: 1,
    });
    expect(recogniseRating('C7:50-P3')).toEqual({
      scheme: 'astm-f2656',
      vehicle: 'C7',
      speedMph: 50,
      penetrationClass: 3,
    });
    expect(recogniseRating('PU40')).toMatchObject({ vehicle: 'PU', speedMph: 40, penetrationClass: null });
    expect(recogniseRating('H30-P2')).toMatchObject({ vehicle: 'H', speedMph: 30 });
    expect(recogniseRating('SC60-P4')).toMatchObject({ vehicle: 'SC', speedMph: 60, penetrationClass: 4 });
  });

  it('reads US DoS K ratings', () => {
    expect(recogniseRating('K12')).toEqual({ scheme: 'dos-k', kRating: 12, penetrationLevel: null });
    expect(recogniseRating('K4-L3')).toEqual({ scheme: 'dos-k', kRating: 4, penetrationLevel: 3 });
    expect(recogniseRating('k8')).toMatchObject({ kRating: 8 });
  });

  it('recognises every documented example', () => {
    for (const example of Object.values(RATING_EXAMPLES))
      expect(recogniseRating(example), example).not.toBeNull();
  });

  it.each([
    'V/7200[N2A]/48', // no angle or penetration
    'V/7200/48/90:0.2', // no vehicle class
    'V/7200[N2A]/48/0:0.2', // 0° is not an impact
    'V/7200[N2A]/48/95:0.2',
    'V/100[M1]/48/90:0.2', // implausible mass
    'V/7200[N2A]/300/90:0.2', // implausible speed
    'V/7200[X9]/48/90:0.2',
    'M55-P1', // not an F2656 speed
    'M50-P5',
    'C750', // C7 needs the colon
    'K10',
    'K12-L4',
    'very strong',
    '',
  ])('does not recognise %j', (text) => {
    expect(recogniseRating(text)).toBeNull();
  });
});

describe('ratingHint', () => {
  it('answers with an example of the scheme the text seems to follow', () => {
    expect(ratingHint('V/7200[N2A]/48')).toContain(RATING_EXAMPLES.isoIwaPas);
    expect(ratingHint('M55')).toContain('ASTM F2656');
    expect(ratingHint('K10')).toContain('K4, K8 or K12');
    expect(ratingHint('strong')).toMatch(/V\/7200\[N2A\]\/48\/90:0\.2 .*M50-P1 .*K12/);
  });
});
