import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { dashes, hatchLines } from './coverage-geometry.js';

const LAT = 51.48;
const KX = 111_320 * Math.cos((LAT * Math.PI) / 180);
/** A position `x` m east and `y` m north of [0, LAT]. */
const at = (x: number, y: number): Position => [x / KX, LAT + y / 111_320];
const metres = (a: Position, b: Position) => Math.hypot((b[0]! - a[0]!) * KX, (b[1]! - a[1]!) * 111_320);
const length = (line: Position[]) => line.slice(1).reduce((sum, p, i) => sum + metres(line[i]!, p), 0);

describe('hatching', () => {
  it('fills a 20 m square with horizontal lines 4 m apart, edge to edge', () => {
    const square = [[at(0, 0), at(20, 0), at(20, 20), at(0, 20), at(0, 0)]];
    const lines = hatchLines(square, 4, 0);
    // y = 2, 6, …, 18.
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(metres(line[0]!, line[1]!)).toBeCloseTo(20, 3);
  });

  it('leaves a hole out (even–odd)', () => {
    const withHole = [
      [at(0, 0), at(30, 0), at(30, 30), at(0, 30), at(0, 0)],
      [at(10, 10), at(20, 10), at(20, 20), at(10, 20), at(10, 10)],
    ];
    const lines = hatchLines(withHole, 3, 0);
    const total = lines.reduce((sum, l) => sum + length(l), 0);
    // 10 lines at y = 1.5…28.5 m; the 4 at 10.5–19.5 m are cut in two by the hole, losing 10 m each.
    expect(lines).toHaveLength(14);
    expect(total).toBeCloseTo(10 * 30 - 4 * 10, 2);
  });

  it('runs diagonal lines spaced as asked', () => {
    const square = [[at(0, 0), at(40, 0), at(40, 40), at(0, 40), at(0, 0)]];
    const total = hatchLines(square, 4).reduce((sum, l) => sum + length(l), 0);
    // Area / spacing, give or take a line at the corners.
    expect(total).toBeGreaterThan(1600 / 4 - 10);
    expect(total).toBeLessThan(1600 / 4 + 10);
  });
});

describe('dashes', () => {
  it('cuts a 20 m line into 4 m dashes with 3 m gaps, the last one short', () => {
    const parts = dashes([at(0, 0), at(20, 0)], 4, 3);
    expect(parts.map((p) => Math.round(length(p) * 100) / 100)).toEqual([4, 4, 4]);
    expect(metres(at(0, 0), parts[1]![0]!)).toBeCloseTo(7, 6);
    expect(dashes([at(0, 0), at(16, 0)], 4, 3).map((p) => Math.round(length(p) * 100) / 100)).toEqual([
      4, 4, 2,
    ]);
  });

  it('follows the line round its bends', () => {
    const parts = dashes([at(0, 0), at(5, 0), at(5, 5)], 8, 1);
    expect(parts[0]).toHaveLength(3);
    expect(length(parts[0]!)).toBeCloseTo(8, 6);
    expect(metres(parts[0]![2]!, at(5, 3))).toBeCloseTo(0, 6);
    expect(length(parts[1]!)).toBeCloseTo(1, 6);
  });

  it('has nothing to cut in an empty line', () => {
    expect(dashes([], 4, 3)).toEqual([]);
    expect(hatchLines([], 4)).toEqual([]);
  });
});
