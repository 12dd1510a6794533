import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { toLocal } from '../analysis/vda/projection.js';
import { buildTestGraph, edgeBetween, TEST_PROJECTION } from '../analysis/vda/test-graph.js';
import { outlineOf, paintReached, reachableOutline } from './reachable-outline.js';

/** Shoelace area of a WGS84 ring in the test projection, m² (positive counter-clockwise). */
const area = (ring: Position[]) => {
  const xy = ring.map(([lon, lat]) => toLocal(TEST_PROJECTION, lon!, lat!));
  let sum = 0;
  for (let i = 0; i + 1 < xy.length; i++) sum += xy[i]![0] * xy[i + 1]![1] - xy[i + 1]![0] * xy[i]![1];
  return sum / 2;
};

describe('reachableOutline', () => {
  it('outlines a reached plaza of 10 × 10 cells of 2 m with a 2 × 2 obstacle as one polygon with a hole', () => {
    const graph = buildTestGraph([], {
      grid: {
        cols: 10,
        rows: 10,
        cellSizeM: 2,
        originX: 0,
        originY: 0,
        clearWidthM: 20,
        blocked: (c, r) => c >= 4 && c <= 5 && r >= 4 && r <= 5,
      },
    });
    const outline = reachableOutline(graph, (e) => graph.edgeLength[e]!, 2);
    expect(outline.coordinates).toHaveLength(1);
    const [outer, hole, ...rest] = outline.coordinates[0]!;
    expect(rest).toHaveLength(0);
    // 100 cells of 4 m² less the 4 blocked: 20 m × 20 m outside, 4 m × 4 m hole, each a rectangle.
    expect(area(outer!)).toBeCloseTo(400, 0);
    expect(area(hole!)).toBeCloseTo(-16, 0);
    expect(outer).toHaveLength(5);
    expect(hole).toHaveLength(5);
  });

  it('keeps plazas joined only by a corner apart, and leaves out what is not reached', () => {
    // Two 2 × 2 plazas touching at one corner (cells (1,1) and (2,2)); the second is not reached.
    const graph = buildTestGraph([], {
      grid: {
        cols: 4,
        rows: 4,
        cellSizeM: 2,
        originX: 0,
        originY: 0,
        clearWidthM: 20,
        blocked: (c, r) => c < 2 !== r < 2,
      },
    });
    const all = reachableOutline(graph, (e) => graph.edgeLength[e]!, 2);
    expect(all.coordinates.map((p) => p.map(area))).toEqual([
      [expect.closeTo(16, 0)],
      [expect.closeTo(16, 0)],
    ]);
    const first = reachableOutline(
      graph,
      (e) => (graph.nodeX[graph.edgeFrom[e]!]! < 3 && graph.nodeX[graph.edgeTo[e]!]! < 3 ? 1 : 0),
      2,
    );
    expect(first.coordinates.map((p) => p.map(area))).toEqual([[expect.closeTo(16, 0)]]);
  });

  it('paints a road at its width, only as far as the vehicle got along it', () => {
    // A 6 m road along x; the vehicle gets 40 m along the 100 m edge (stopped by a measure there). Half
    // width 3 m on 1 m cells: a square brush of 3 cells either side of the centre line's cell, 7 m across
    // and 40 + 2 · 3 + 1 = 47 m long (like a buffer with square caps).
    const graph = buildTestGraph([
      {
        coords: [
          [0, 0],
          [100, 0],
        ],
        widthM: 6,
      },
    ]);
    const east = edgeBetween(graph, [0, 0], [100, 0]);
    const outline = reachableOutline(graph, (e) => (e === east ? 40 : 0), 1);
    expect(outline.coordinates).toHaveLength(1);
    expect(area(outline.coordinates[0]![0]!)).toBeCloseTo(7 * 47, 0);
  });

  it('repaints from a base paint only what changed, to the same outline as painting afresh', () => {
    // A plaza of 12 × 12 cells crossed by a 9 m road. The second coverage (as after a measure) stops the
    // vehicle 40 % along every third edge, and nothing starting east of x = 20 m is driven.
    const graph = buildTestGraph(
      [
        {
          coords: [
            [-40, 11],
            [70, 13],
          ],
          widthM: 9,
        },
      ],
      { grid: { cols: 12, rows: 12, cellSizeM: 2.5, originX: 0, originY: 0, clearWidthM: 20 } },
    );
    const full = (e: number) => graph.edgeLength[e]!;
    const cut = (e: number) =>
      graph.nodeX[graph.edgeFrom[e]!]! > 20
        ? 0
        : e % 3 === 0
          ? graph.edgeLength[e]! * 0.4
          : graph.edgeLength[e]!;
    const base = paintReached(graph, full, 2);
    const changed = paintReached(graph, cut, 2, base);
    expect(outlineOf(graph, changed)).toEqual(reachableOutline(graph, cut, 2));
    expect(outlineOf(graph, changed)).not.toEqual(outlineOf(graph, base));
    expect(paintReached(graph, full, 2, changed).lattice.counts).toEqual(base.lattice.counts);
    // The base is left as it was.
    expect(outlineOf(graph, base)).toEqual(reachableOutline(graph, full, 2));
  });
});
