import { describe, expect, it } from 'vitest';
import {
  detailLevelOf,
  distanceForDensity,
  lensFieldOfViewDeg,
  levelPpm,
  pixelDensity,
} from './pixel-density.js';

describe('pixel density and EN 62676-4 levels (DOMAIN.md §5)', () => {
  it('1920 px at 90° gives 96 px/m at 10 m: observe', () => {
    expect(pixelDensity(1920, 90, 10)).toBeCloseTo(96, 10);
    expect(detailLevelOf(96)).toBe('observe');
  });

  it('1920 px at 90° identifies to 3.84 m and recognises to 7.68 m; 3840 px at 30° identifies to 28.66 m', () => {
    expect(distanceForDensity(1920, 90, levelPpm('identify'))).toBeCloseTo(3.84, 10);
    expect(distanceForDensity(1920, 90, levelPpm('recognise'))).toBeCloseTo(7.68, 10);
    expect(distanceForDensity(3840, 30, levelPpm('identify'))).toBeCloseTo(28.66, 2);
  });

  it('counts a value on a threshold as that level, even after rounding on the way there', () => {
    expect(detailLevelOf(250)).toBe('identify');
    expect(detailLevelOf(249.99)).toBe('recognise');
    expect(detailLevelOf(12.5)).toBe('monitor');
    expect(detailLevelOf(12.49)).toBeNull();
    expect(detailLevelOf(1000)).toBe('inspect');
    expect(detailLevelOf(pixelDensity(1920, 90, 3.84))).toBe('identify');
    expect(detailLevelOf(pixelDensity(3840, 30, distanceForDensity(3840, 30, 125)))).toBe('recognise');
  });

  it('works out a lens field of view: 5.37 mm sensor behind a 4 mm lens → 67.74°', () => {
    expect(lensFieldOfViewDeg(5.37, 4)).toBeCloseTo(67.74, 2);
  });

  it('spreads a panoramic camera’s pixels over its angle', () => {
    // 3600 px around 360°: at 10 m the circle is 62.83 m long.
    expect(pixelDensity(3600, 360, 10)).toBeCloseTo(3600 / (2 * Math.PI * 10), 10);
  });
});
