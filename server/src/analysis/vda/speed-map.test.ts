import { describe, expect, it } from 'vitest';
import { toLocal, toLonLat } from './projection.js';
import { propagateSpeeds } from './propagate.js';
import { GRID_UNREACHED, reachableGeometry, speedMap } from './speed-map.js';
import { buildTestGraph, constantAccelModel, type XY } from './test-graph.js';

const car = constantAccelModel();
const fromRestKmh = (d: number) => Math.sqrt(2 * 2.9 * d) * 3.6;
const line = (from: XY, to: XY, step: number): XY[] => {
  const n = Math.round(Math.hypot(to[0] - from[0], to[1] - from[1]) / step);
  return Array.from({ length: n + 1 }, (_, i) => [
    from[0] + ((to[0] - from[0]) * i) / n,
    from[1] + ((to[1] - from[1]) * i) / n,
  ]);
};

describe('speedMap', () => {
  it('joins the segments of a road into stretches of one speed band, at their highest speed', () => {
    // A 100 m road, vertices every 10 m, driven both ways from rest: segment [x, x + 10] reaches
    // max(√(2·2.9·(x + 10)), √(2·2.9·(100 − x))) — 86.7 km/h at both ends, 61.3 km/h in the middle
    // ([40, 50]: √(2·2.9·50) either way).
    const graph = buildTestGraph([{ coords: line([0, 0], [100, 0], 10), widthM: 7, name: 'Quai' }]);
    const field = propagateSpeeds(graph, car);
    const whole = speedMap(graph, field, { bandKmh: 1000 });
    expect(whole.segments.features).toHaveLength(1);
    const only = whole.segments.features[0]!;
    expect(only.properties).toEqual({
      speedKmh: Math.round(fromRestKmh(100) * 10) / 10,
      featureId: 1,
      name: 'Quai',
      kind: 'road',
    });
    expect(only.geometry.coordinates).toHaveLength(11);
    const ends = [only.geometry.coordinates[0]!, only.geometry.coordinates[10]!]
      .map(([lon, lat]) => toLocal(graph.projection, lon!, lat!)[0])
      .sort((a, b) => a - b);
    expect(ends[0]).toBeCloseTo(0, 1); // WGS84 kept to 7 decimals: about 1 cm
    expect(ends[1]).toBeCloseTo(100, 1);

    // In 5 km/h bands the stretches split where the band changes; every segment is in exactly one.
    const banded = speedMap(graph, field);
    const segments = banded.segments.features.reduce((n, f) => n + f.geometry.coordinates.length - 1, 0);
    expect(segments).toBe(10);
    expect(banded.segments.features.length).toBeGreaterThan(2);
    const slowest = Math.min(...banded.segments.features.map((f) => f.properties.speedKmh));
    expect(slowest).toBeCloseTo(fromRestKmh(60), 1); // [40, 50] and [50, 60]: 60 m from the far end
    expect(banded.grid).toBeNull();
  });

  it('gives the open-space grid as a raster: km/h per cell, −1 for obstacles and unreached cells', () => {
    // A 5 × 3 grid of 2 m cells with the middle cell blocked; a car reaches every other cell.
    const graph = buildTestGraph([], {
      grid: {
        cols: 5,
        rows: 3,
        cellSizeM: 2,
        originX: 10,
        originY: -4,
        clearWidthM: 6,
        blocked: (c, r) => c === 2 && r === 1,
      },
    });
    const field = propagateSpeeds(graph, car);
    const map = speedMap(graph, field);
    const grid = map.grid!;
    expect(grid.cols).toBe(5);
    expect(grid.rows).toBe(3);
    expect(grid.encoding).toBe('uint8-base64');
    const kmh = Buffer.from(grid.speedsKmh, 'base64');
    expect(kmh).toHaveLength(15);
    expect(kmh[1 * 5 + 2]).toBe(GRID_UNREACHED);
    // Cell (4, 0): the end of the bottom row, 8 m from rest at (0, 0) at least.
    expect(kmh[4]).toBeGreaterThanOrEqual(Math.round(fromRestKmh(8)));
    for (let i = 0; i < 15; i++) {
      const n = graph.grid!.cellNode[i]!;
      if (n >= 0) expect(kmh[i]).toBe(Math.round(field.nodeSpeed[n]! * 3.6));
    }
    // Open-space edges are drawn by the grid, not as lines.
    expect(map.segments.features).toHaveLength(0);
    // The layout puts cell (col, row) where the graph has it.
    const [lon, lat] = [
      grid.originLonLat[0] + 3 * grid.cellSizeDeg[0],
      grid.originLonLat[1] + 2 * grid.cellSizeDeg[1],
    ];
    const [x, y] = toLocal(graph.projection, lon, lat);
    expect(x).toBeCloseTo(16, 2);
    expect(y).toBeCloseTo(0, 2);
    expect(grid.originLonLat[0]).toBeCloseTo(toLonLat(graph.projection, 10, -4)[0], 7);
  });
});

describe('reachableGeometry', () => {
  it('lists what a vehicle can get to: lines and cells, without what it cannot', () => {
    // A road (7 m) and, beyond a gap, a 1.5 m path: a car reaches only the road; rest starts only on
    // the road.
    const graph = buildTestGraph(
      [
        {
          coords: [
            [0, 0],
            [50, 0],
            [100, 0],
          ],
          widthM: 7,
        },
        {
          coords: [
            [0, 20],
            [100, 20],
          ],
          widthM: 1.5,
          kind: 'path',
        },
      ],
      { grid: { cols: 3, rows: 2, cellSizeM: 2, originX: 0, originY: 40, clearWidthM: 6 } },
    );
    const restStart = new Uint8Array(graph.nodeCount);
    for (let n = 0; n < graph.nodeCount; n++) if (graph.nodeY[n] === 0) restStart[n] = 1;
    const field = propagateSpeeds(graph, car, { restStart });
    const reach = reachableGeometry(graph, field);
    expect(reach.lines.coordinates).toHaveLength(1);
    expect(reach.lines.coordinates[0]).toHaveLength(3);
    expect(reach.cells?.indices).toEqual([]);
    // Allowed to start anywhere, it also reaches the cells (not the narrow path).
    const free = reachableGeometry(graph, propagateSpeeds(graph, car));
    expect(free.lines.coordinates).toHaveLength(1);
    expect(free.cells?.indices).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
