import { describe, expect, it } from 'vitest';
import { ASSEMBLY_COLOUR, CORDON_COLOURS, RING_COLOURS } from './bomb-threat-layers.js';
import { DETAIL_BANDS, NOT_SEEN_COLOUR, SEEN_COLOUR, detailBand } from './coverage-scale.js';
import { SPEED_BANDS, type Rgb } from './speed-scale.js';
import { CLASS_COLOURS } from './standoff-layers.js';

const luminance = ([r, g, b]: Rgb) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
const distance = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('the coverage colour scale', () => {
  it('has the EN 62676-4 levels in order with their thresholds (DOMAIN.md §5)', () => {
    expect(DETAIL_BANDS.map((b) => [b.level, b.ppm])).toEqual([
      ['monitor', 12.5],
      ['detect', 25],
      ['observe', 62.5],
      ['recognise', 125],
      ['identify', 250],
      ['inspect', 1000],
    ]);
    expect(detailBand('recognise').label).toBe('Recognise');
  });

  it('runs light to dark, so the levels read in order in greyscale', () => {
    const l = DETAIL_BANDS.map((b) => luminance(b.colour));
    for (let i = 1; i < l.length; i++) expect(l[i]).toBeLessThan(l[i - 1]! - 15);
  });

  it('keeps apart from the speed scale, the standoff classes and the bomb-threat colours', () => {
    const others: Rgb[] = [
      ...SPEED_BANDS.map((b) => b.colour),
      ...Object.values(CLASS_COLOURS),
      ...Object.values(RING_COLOURS),
      ...Object.values(CORDON_COLOURS),
      ASSEMBLY_COLOUR,
    ];
    for (const band of DETAIL_BANDS)
      for (const other of others) expect(distance(band.colour, other), band.level).toBeGreaterThan(40);
    expect(distance(SEEN_COLOUR, NOT_SEEN_COLOUR)).toBeGreaterThan(100);
  });
});
