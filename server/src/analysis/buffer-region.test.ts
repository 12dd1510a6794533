import type { MultiPolygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { bufferRegion } from './buffer-region.js';
import { localProjection, toLocal, toLonLat } from './vda/projection.js';

const P = localProjection(7.42, 43.73);
const lonLat = (x: number, y: number): Position => toLonLat(P, x, y);
const square = (x0: number, y0: number, size: number): Position[] =>
  [
    [x0, y0],
    [x0 + size, y0],
    [x0 + size, y0 + size],
    [x0, y0 + size],
    [x0, y0],
  ].map(([x, y]) => lonLat(x!, y!));

/** Shoelace area (m²) of a WGS84 polygon with holes, in the same local projection. */
const area = (polygon: Position[][]) =>
  polygon.reduce((sum, ring) => {
    const xy = ring.map(([lon, lat]) => toLocal(P, lon!, lat!));
    let s = 0;
    for (let i = 0; i + 1 < xy.length; i++) s += xy[i]![0] * xy[i + 1]![1] - xy[i + 1]![0] * xy[i]![1];
    return sum + s / 2;
  }, 0);

const covers = (m: MultiPolygon, [x, y]: [number, number]) => {
  const [lon, lat] = lonLat(x, y);
  // Even-odd over every ring of every polygon.
  let inside = false;
  for (const ring of m.coordinates.flat()) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi! > lat! !== yj! > lat! && lon! < ((xj! - xi!) * (lat! - yi!)) / (yj! - yi!) + xi!)
        inside = !inside;
    }
  }
  return inside;
};

describe('bufferRegion', () => {
  it('grows a 100 m square by 50 m to the rounded square, at most 5.4 % beyond', () => {
    const ring = bufferRegion({ type: 'MultiPolygon', coordinates: [[square(0, 0, 100)]] }, 50)!;
    expect(ring.coordinates).toHaveLength(1);
    // 100² + 4·100·50 + π·50² = 37,854 m² at exactly 50 m; at 52.7 m (5.4 % more), 40,325 m².
    const exact = (r: number) => 100 * 100 + 4 * 100 * r + Math.PI * r * r;
    expect(area(ring.coordinates[0]!)).toBeGreaterThanOrEqual(exact(50));
    expect(area(ring.coordinates[0]!)).toBeLessThanOrEqual(exact(50 * 1.054));
    // Everything within 50 m is in; 53 m out, beyond a side or the corner.
    expect(covers(ring, [150, 50])).toBe(true);
    expect(covers(ring, [100 + 35.3, 100 + 35.3])).toBe(true);
    expect(covers(ring, [100 + 37.5, 100 + 37.5])).toBe(false);
    expect(covers(ring, [50, -53])).toBe(false);
  });

  it('keeps a hole wider than twice the radius, and fills one narrower', () => {
    // A 300 m square with a 200 m hole: at 40 m a 120 m hole remains; at 120 m none.
    const frame: Position[][] = [square(0, 0, 300), square(50, 50, 200).reverse()];
    const small = bufferRegion({ type: 'MultiPolygon', coordinates: [frame] }, 40)!;
    expect(small.coordinates).toHaveLength(1);
    expect(small.coordinates[0]).toHaveLength(2);
    expect(covers(small, [150, 150])).toBe(false);
    expect(covers(small, [50 + 39, 150])).toBe(true);
    const large = bufferRegion({ type: 'MultiPolygon', coordinates: [frame] }, 120)!;
    expect(large.coordinates[0]).toHaveLength(1);
    expect(covers(large, [150, 150])).toBe(true);
  });

  it('keeps a region thinner than a cell (a 2 m path with a 400 m ring), and gives null for none', () => {
    const path = [
      [0, 0],
      [600, 0],
      [600, 2],
      [0, 2],
      [0, 0],
    ].map(([x, y]) => lonLat(x!, y!));
    const ring = bufferRegion({ type: 'MultiPolygon', coordinates: [[path]] }, 400)!;
    expect(covers(ring, [300, 399])).toBe(true);
    expect(covers(ring, [300, -398])).toBe(true);
    expect(covers(ring, [300, 425])).toBe(false);
    expect(bufferRegion({ type: 'MultiPolygon', coordinates: [] }, 100)).toBeNull();
  });
});
