import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { MONACO, offset } from '../../../test/helpers/geometry.js';
import { AppError } from '../../errors.js';
import { buildTraversalGraph, type BuildOptions } from './build-graph.js';
import { EdgeKind, NodeKind, type TraversalGraph } from './graph.js';
import { toLocal } from './projection.js';
import { tagMeasures } from './tag-measures.js';

/**
 * Hand-made scenes in metres east/north of a point in Monaco. Unless a test says otherwise: 2.5 m cells
 * (0.5 m pixels), unmapped land blocked, 8 neighbours, clear widths capped at 20 m.
 */

type XY = [number, number];
const at = ([e, n]: XY) => offset(MONACO, e, n);

let nextId = 1;
function lineFeature(
  layer: string,
  kind: string,
  coords: XY[],
  props: Record<string, unknown> = {},
): Feature {
  const id = nextId++;
  return {
    type: 'Feature',
    id,
    geometry: { type: 'LineString', coordinates: coords.map(at) },
    properties: { id, layer, kind, name: null, zLayer: 0, bridge: false, tunnel: false, tags: {}, ...props },
  };
}
const road = (coords: XY[], props: Record<string, unknown> = {}) =>
  lineFeature('roads', 'residential', coords, { widthM: 6, ...props });
const path = (kind: string, coords: XY[], widthM = 2) => lineFeature('paths', kind, coords, { widthM });
const wall = (coords: XY[]) => lineFeature('furniture', 'wall', coords);

function rect([x0, y0]: XY, [x1, y1]: XY): Polygon {
  const ring: XY[] = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
  return { type: 'Polygon', coordinates: [ring.map(at)] };
}
function areaFeature(
  layer: string,
  kind: string,
  polygon: Polygon,
  props: Record<string, unknown> = {},
): Feature {
  const id = nextId++;
  return {
    type: 'Feature',
    id,
    geometry: polygon,
    properties: { id, layer, kind, name: null, zLayer: 0, bridge: false, tunnel: false, tags: {}, ...props },
  };
}
const square = (sw: XY, ne: XY) =>
  areaFeature('areas', 'pedestrian', rect(sw, ne), { tags: { highway: 'pedestrian', area: 'yes' } });
const building = (sw: XY, ne: XY, props: Record<string, unknown> = {}) =>
  areaFeature('buildings', 'building', rect(sw, ne), props);

const STUDY = rect([-150, -150], [150, 150]);

function build(features: Feature[], options: BuildOptions = {}, measures: Feature[] = []): TraversalGraph {
  const collection: FeatureCollection = { type: 'FeatureCollection', features };
  return buildTraversalGraph({ features: collection, measures, studyArea: STUDY, options });
}

/** The scene point (metres east/north of MONACO) in the graph's local coordinates. */
function local(g: TraversalGraph, p: XY): XY {
  const [lon, lat] = at(p);
  return toLocal(g.projection, lon, lat);
}
/** Back from graph coordinates to scene metres (exact up to the 1 cm rounding of `offset`). */
function scene(g: TraversalGraph, node: number): XY {
  const [ox, oy] = local(g, [0, 0]);
  return [g.nodeX[node]! - ox, g.nodeY[node]! - oy];
}

function nearestNode(g: TraversalGraph, p: XY, kind?: NodeKind): { node: number; distance: number } {
  const [x, y] = local(g, p);
  let best = { node: -1, distance: Infinity };
  for (let n = 0; n < g.nodeCount; n++) {
    if (kind !== undefined && g.nodeKind[n] !== kind) continue;
    const d = Math.hypot(g.nodeX[n]! - x, g.nodeY[n]! - y);
    if (d < best.distance) best = { node: n, distance: d };
  }
  return best;
}
/** The node exactly at a mapped vertex. */
function vertex(g: TraversalGraph, p: XY): number {
  const { node, distance } = nearestNode(g, p);
  expect(distance).toBeLessThan(0.01);
  return node;
}
const cellNear = (g: TraversalGraph, p: XY) => nearestNode(g, p, NodeKind.cell).node;

function outEdges(g: TraversalGraph, n: number): number[] {
  const edges: number[] = [];
  for (let e = g.edgeStart[n]!; e < g.edgeStart[n + 1]!; e++) edges.push(e);
  return edges;
}

/** Nodes reachable from `from` over edges that pass `usable`. */
function reachable(g: TraversalGraph, from: number, usable: (e: number) => boolean = () => true): Uint8Array {
  const seen = new Uint8Array(g.nodeCount);
  const stack = [from];
  seen[from] = 1;
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const e of outEdges(g, n)) {
      const to = g.edgeTo[e]!;
      if (!seen[to] && usable(e)) {
        seen[to] = 1;
        stack.push(to);
      }
    }
  }
  return seen;
}

/** Shortest distance from `from` to `to` over edges that pass `usable` (plain Dijkstra, O(n²) is fine). */
function shortest(g: TraversalGraph, from: number, to: number, usable: (e: number) => boolean): number {
  const dist = new Float64Array(g.nodeCount).fill(Infinity);
  const done = new Uint8Array(g.nodeCount);
  dist[from] = 0;
  for (;;) {
    let n = -1;
    for (let i = 0; i < g.nodeCount; i++) if (!done[i] && (n < 0 || dist[i]! < dist[n]!)) n = i;
    if (n < 0 || dist[n] === Infinity || n === to) return dist[to]!;
    done[n] = 1;
    for (const e of outEdges(g, n)) {
      if (usable(e)) dist[g.edgeTo[e]!] = Math.min(dist[g.edgeTo[e]!]!, dist[n]! + g.edgeLength[e]!);
    }
  }
}

const byNumber = (a: number, b: number) => a - b;
const wideEnough = (g: TraversalGraph, widthM: number) => (e: number) => g.edgeWidth[e]! >= widthM;

/** Open-space edges whose ends lie on opposite sides of the line x = x0 (scene metres). */
function edgesAcrossX(g: TraversalGraph, x0: number): number[] {
  const across: number[] = [];
  for (let e = 0; e < g.edgeCount; e++) {
    if (g.edgeKind[e] !== EdgeKind.open) continue;
    const [xa] = scene(g, g.edgeFrom[e]!);
    const [xb] = scene(g, g.edgeTo[e]!);
    if ((xa - x0) * (xb - x0) < 0) across.push(e);
  }
  return across;
}

describe('buildTraversalGraph: roads and paths', () => {
  it('splits ways at every vertex, both directions, with widths, kinds and reverse edges', () => {
    const g = build([
      road([
        [-50, 0],
        [0, 0],
        [40, 30],
      ]),
      path(
        'footway',
        [
          [0, 0],
          [0, -60],
        ],
        2.5,
      ),
    ]);
    expect(g.nodeCount).toBe(4);
    expect(g.edgeCount).toBe(6);
    const centre = vertex(g, [0, 0]);
    expect(outEdges(g, centre)).toHaveLength(3);
    const east = outEdges(g, centre).find((e) => g.edgeTo[e] === vertex(g, [40, 30]))!;
    expect(g.edgeLength[east]).toBeCloseTo(50, 1);
    expect(g.edgeHeading[east]).toBeCloseTo(Math.atan2(30, 40), 3);
    expect(g.edgeWidth[east]).toBe(6);
    expect(g.edgeKind[east]).toBe(EdgeKind.road);
    const back = g.edgeReverse[east]!;
    expect([g.edgeFrom[back], g.edgeTo[back]]).toEqual([g.edgeTo[east], g.edgeFrom[east]]);
    expect(g.edgeHeading[back]).toBeCloseTo(Math.atan2(-30, -40), 3);
    const south = outEdges(g, centre).find((e) => g.edgeTo[e] === vertex(g, [0, -60]))!;
    expect(g.edgeKind[south]).toBe(EdgeKind.path);
    expect(g.edgeWidth[south]).toBe(2.5);
    expect(g.features[g.edgeFeature[south]!]).toMatchObject({ layer: 'paths', kind: 'footway' });
    expect(g.grid).toBeNull();
  });

  it('clips ways at the study area and marks where they leave it as boundary nodes', () => {
    // The road runs from inside to 100 m beyond the east edge (x = 150): cut at x = 150.
    const g = build([
      road([
        [100, 10],
        [250, 10],
      ]),
    ]);
    expect(g.nodeCount).toBe(2);
    const boundary = vertex(g, [150, 10]);
    expect(g.nodeKind[boundary]).toBe(NodeKind.boundary);
    expect(g.edgeLength[g.edgeStart[boundary]!]).toBeCloseTo(50, 1);
  });

  it('gives the gradient from `incline` in the direction of travel', () => {
    const g = build([
      road(
        [
          [0, 0],
          [100, 0],
        ],
        { tags: { incline: '8%' } },
      ),
    ]);
    const up = outEdges(g, vertex(g, [0, 0]))[0]!;
    expect(g.edgeGrade[up]).toBeCloseTo(0.08, 6);
    expect(g.edgeGrade[g.edgeReverse[up]!]).toBeCloseTo(-0.08, 6);
  });

  it('does not connect a bridge to the road it crosses without a shared node, but joins it at its ends', () => {
    const g = build([
      road([
        [-100, 0],
        [100, 0],
      ]),
      road([
        [0, -100],
        [0, -10],
      ]),
      road(
        [
          [0, -10],
          [0, 0],
          [0, 10],
        ],
        { bridge: true, zLayer: 1 },
      ),
      road([
        [0, 10],
        [0, 100],
      ]),
    ]);
    const fromA = reachable(g, vertex(g, [-100, 0]));
    expect(fromA[vertex(g, [100, 0])]).toBe(1);
    for (const p of [
      [0, -100],
      [0, -10],
      [0, 0],
      [0, 10],
      [0, 100],
    ] as XY[])
      expect(fromA[vertex(g, p)]).toBe(0);
    // The bridge is joined to the streets at its ends: one street, over the other.
    expect(reachable(g, vertex(g, [0, -100]))[vertex(g, [0, 100])]).toBe(1);
    expect(g.nodeLevel[vertex(g, [0, 0])]).toBe(1);
    expect(g.nodeLevel[vertex(g, [0, -10])]).toBe(0);
    expect(g.nodeLevel[vertex(g, [0, 10])]).toBe(0);
  });

  it('keeps a bridge over a square off the square’s grid', () => {
    const g = build([
      square([-30, -4], [30, 4]),
      road([
        [-100, 0],
        [100, 0],
      ]),
      road([
        [0, -100],
        [0, -40],
      ]),
      road(
        [
          [0, -40],
          [0, 0],
          [0, 40],
        ],
        { bridge: true, zLayer: 1 },
      ),
      road([
        [0, 40],
        [0, 100],
      ]),
    ]);
    const onBridge = vertex(g, [0, 0]);
    expect(outEdges(g, onBridge).map((e) => g.edgeKind[e])).toEqual([EdgeKind.road, EdgeKind.road]);
    // The street through the square joins its grid; the bridge's streets are not reached through it.
    const fromA = reachable(g, vertex(g, [-100, 0]));
    expect(fromA[cellNear(g, [20, 2])]).toBe(1);
    expect(fromA[vertex(g, [0, 100])]).toBe(0);
    expect(fromA[onBridge]).toBe(0);
  });

  it('leaves out steps: a path interrupted by a flight of steps does not connect', () => {
    const g = build([
      path('footway', [
        [-50, 0],
        [0, 0],
      ]),
      path('steps', [
        [0, 0],
        [10, 0],
      ]),
      path('footway', [
        [10, 0],
        [50, 0],
      ]),
    ]);
    expect(reachable(g, vertex(g, [-50, 0]))[vertex(g, [50, 0])]).toBe(0);
    expect(g.features.map((f) => f.kind)).toEqual(['footway', 'footway']);
  });
});

describe('buildTraversalGraph: open space', () => {
  it('joins the end of a road to the grid of the square it runs into', () => {
    const g = build([
      road([
        [-100, 20],
        [0, 20],
      ]),
      square([0, 0], [40, 40]),
    ]);
    const end = vertex(g, [0, 20]);
    const links = outEdges(g, end).filter((e) => g.edgeKind[e] === EdgeKind.open);
    expect(links.length).toBeGreaterThan(0);
    for (const e of links) expect(g.nodeKind[g.edgeTo[e]!]).toBe(NodeKind.cell);
    // From the far end of the road, across the whole square.
    const from = vertex(g, [-100, 20]);
    expect(outEdges(g, from)).toHaveLength(1);
    expect(reachable(g, from)[cellNear(g, [39, 39])]).toBe(1);
    // 40 × 40 m of 2.5 m cells: 16 × 16 cell centres inside, 17 × 17 at most with partly covered cells.
    const cells = Array.from(g.nodeKind).filter((k) => k === NodeKind.cell).length;
    expect(cells).toBeGreaterThanOrEqual(256);
    expect(cells).toBeLessThanOrEqual(289);
  });

  it('lets a vehicle leave a road onto a square anywhere along it', () => {
    // A 6 m street along the south side of the square (its kerb on the square's edge).
    const g = build([
      road([
        [-20, -3],
        [60, -3],
      ]),
      square([0, 0], [40, 40]),
    ]);
    const splits: number[] = [];
    for (let n = 0; n < g.nodeCount; n++) if (g.nodeKind[n] === NodeKind.split) splits.push(n);
    const xs = splits.map((n) => scene(g, n)[0]).sort((a, b) => a - b);
    // Samples every 2.5 m (80 m / 32) join the square within reach of a cell centre: 3 m half-width + 2 m
    // kerb strip + one 2.5 m cell = 7.5 m. The nearest centres to the square's corners are (1.25, 1.25)
    // and (38.75, 1.25): 5.67 m from the samples at x = −2.5 and 42.5, 7.56 m from those at −5 and 45.
    expect(xs).toHaveLength(19);
    expect(xs[0]).toBeCloseTo(-2.5, 1);
    expect(xs.at(-1)).toBeCloseTo(42.5, 1);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeCloseTo(2.5, 3);
    for (const n of splits) {
      expect(scene(g, n)[1]).toBeCloseTo(-3, 2);
      const kinds = outEdges(g, n).map((e) => g.edgeKind[e]);
      expect(kinds.filter((k) => k === EdgeKind.road)).toHaveLength(2);
      expect(kinds).toContain(EdgeKind.open);
      // Away from the corners, links go straight across (90°) and 45° ahead and behind (within 22.5°).
      if (scene(g, n)[0] < 10 || scene(g, n)[0] > 30) continue;
      const headings = outEdges(g, n)
        .filter((e) => g.edgeKind[e] === EdgeKind.open)
        .map((e) => (g.edgeHeading[e]! * 180) / Math.PI);
      for (const target of [45, 90, 135])
        expect(headings.some((h) => Math.abs(h - target) <= 22.5)).toBe(true);
    }
  });

  it('joins a street to a square across an unmapped pavement up to the 2 m kerb strip', () => {
    // Kerb at 3 m from the centre line (6 m carriageway): 1.5 m of unmapped pavement to the square joins
    // it, 4.5 m does not.
    const links = (y: number) => {
      const g = build([
        road([
          [-20, y],
          [60, y],
        ]),
        square([0, 0], [40, 40]),
      ]);
      let n = 0;
      for (let e = 0; e < g.edgeCount; e++)
        if (g.edgeKind[e] === EdgeKind.open && g.nodeKind[g.edgeFrom[e]!] !== NodeKind.cell) n++;
      return n;
    };
    expect(links(-4.5)).toBeGreaterThan(15);
    expect(links(-7.5)).toBe(0);
  });

  it('removes the cells inside a building and gives the clear width as 2 × the distance to it', () => {
    const g = build([square([0, 0], [60, 60]), building([20, 20], [40, 40])]);
    const grid = g.grid!;
    const [ox, oy] = local(g, [0, 0]);
    let inside = 0;
    for (let r = 0; r < grid.rows; r++) {
      for (let c = 0; c < grid.cols; c++) {
        const x = grid.originX + c * grid.cellSizeM - ox;
        const y = grid.originY + r * grid.cellSizeM - oy;
        // A cell wholly inside the building (centre ≥ half a cell from its walls) has no node.
        if (x >= 21.25 && x <= 38.75 && y >= 21.25 && y <= 38.75) {
          inside++;
          expect(grid.cellNode[r * grid.cols + c]).toBe(-1);
        }
      }
    }
    expect(inside).toBeGreaterThanOrEqual(49); // 7 × 7 at least
    let checked = 0;
    for (let n = 0; n < g.nodeCount; n++) {
      if (g.nodeKind[n] !== NodeKind.cell) continue;
      const [x, y] = scene(g, n);
      expect(x > 20 && x < 40 && y > 20 && y < 40).toBe(false);
      // East of the building, mid-height: the building is the nearest obstacle (the square's edge at
      // x = 60 is ≥ 12 m away, beyond the 10 m cap) so the clear width is 2 × (x − 40), to ± 2 × ¼ px
      // (0.5 m: each side of the distance is rasterised to half a 0.5 m pixel).
      if (x > 40 && x < 48 && y > 27 && y < 33) {
        const cell = Math.round((g.nodeX[n]! - grid.originX) / grid.cellSizeM);
        const row = Math.round((g.nodeY[n]! - grid.originY) / grid.cellSizeM);
        expect(Math.abs(grid.cellClearWidth[row * grid.cols + cell]! - 2 * (x - 40))).toBeLessThanOrEqual(
          0.5,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it('blocks a 1.0 m gap between buildings for a car (1.8 m) and lets it through a 3.0 m gap', () => {
    // The buildings reach past both sides of the square: the gap is the only way from south to north.
    const across = (gapM: number) => {
      const g = build([
        square([0, 0], [60, 40]),
        building([-5, 10], [29.5, 30]),
        building([29.5 + gapM, 10], [65, 30]),
      ]);
      const south = cellNear(g, [30, 4]);
      const north = cellNear(g, [30, 36]);
      let widest = 0;
      for (let e = 0; e < g.edgeCount; e++) {
        const [, ya] = scene(g, g.edgeFrom[e]!);
        const [, yb] = scene(g, g.edgeTo[e]!);
        if ((ya - 20) * (yb - 20) < 0) widest = Math.max(widest, g.edgeWidth[e]!);
      }
      return { widest, car: reachable(g, south, wideEnough(g, 1.8))[north], any: reachable(g, south)[north] };
    };
    const narrow = across(1.0);
    expect(narrow.widest).toBeLessThan(1.8);
    expect(narrow.car).toBe(0);
    const wide = across(3.0);
    expect(wide.car).toBe(1);
    expect(wide.widest).toBeGreaterThanOrEqual(1.8);
    expect(wide.widest).toBeLessThanOrEqual(3.0 + 0.5);
  });

  it('cuts grid edges across a wall, and not across the gap in it', () => {
    const whole = build([
      square([0, 0], [60, 40]),
      wall([
        [30, -5],
        [30, 45],
      ]),
    ]);
    expect(edgesAcrossX(whole, 30)).toHaveLength(0);
    expect(reachable(whole, cellNear(whole, [10, 20]))[cellNear(whole, [50, 20])]).toBe(0);

    const gap = build([
      square([0, 0], [60, 40]),
      wall([
        [30, -5],
        [30, 15],
      ]),
      wall([
        [30, 25],
        [30, 45],
      ]),
    ]);
    const across = edgesAcrossX(gap, 30);
    expect(across.length).toBeGreaterThan(0);
    for (const e of across) {
      // Every edge across x = 30 crosses it between the wall ends (y 15…25).
      const [xa, ya] = scene(gap, gap.edgeFrom[e]!);
      const [xb, yb] = scene(gap, gap.edgeTo[e]!);
      const y = ya + ((30 - xa) / (xb - xa)) * (yb - ya);
      expect(y).toBeGreaterThanOrEqual(15);
      expect(y).toBeLessThanOrEqual(25);
    }
    expect(reachable(gap, cellNear(gap, [10, 20]), wideEnough(gap, 1.8))[cellNear(gap, [50, 20])]).toBe(1);
  });

  it('cuts a square where a flight of steps crosses it', () => {
    const g = build([
      square([0, 0], [40, 40]),
      path('steps', [
        [20, -5],
        [20, 45],
      ]),
    ]);
    expect(edgesAcrossX(g, 20)).toHaveLength(0);
    expect(reachable(g, cellNear(g, [5, 20]))[cellNear(g, [35, 20])]).toBe(0);
  });

  it('crosses a plaza diagonally off its mapped footways', () => {
    // 100 × 60 m plaza with footways only along two sides. The straight line between the cells nearest
    // (5, 5) and (95, 55) runs at about 29°; with 8 neighbours the shortest grid path is diagonal steps
    // then straight ones: (|dc| − |dr|) + √2·|dr| cells, (cos θ + (√2 − 1)·sin θ) ≈ 1.07 times the
    // straight line; with 16 neighbours (knight moves) (sin(45° − θ) + sin(θ − 26.6°)) / sin 18.4° ≈ 1.01.
    const features = [
      square([0, 0], [100, 60]),
      path('footway', [
        [0, -1],
        [101, -1],
        [101, 60],
      ]),
    ];
    for (const [neighbours, bound] of [
      [8, 1.08],
      [16, 1.02],
    ] as const) {
      const g = build(features, { neighbours });
      const from = cellNear(g, [5, 5]);
      const to = cellNear(g, [95, 55]);
      const straight = Math.hypot(g.nodeX[to]! - g.nodeX[from]!, g.nodeY[to]! - g.nodeY[from]!);
      const grid = shortest(
        g,
        from,
        to,
        (e) => g.edgeKind[e] === EdgeKind.open && g.nodeKind[g.edgeTo[e]!] === NodeKind.cell,
      );
      expect(grid / straight).toBeLessThanOrEqual(bound);
      if (neighbours === 8) {
        const dc = Math.abs(Math.round((g.nodeX[to]! - g.nodeX[from]!) / 2.5));
        const dr = Math.abs(Math.round((g.nodeY[to]! - g.nodeY[from]!) / 2.5));
        expect(grid).toBeCloseTo(2.5 * (Math.abs(dc - dr) + Math.SQRT2 * Math.min(dc, dr)), 2);
        expect(grid / straight).toBeGreaterThan(1.06);
      }
    }
  });

  it('opens all land but buildings, walls, water and steps when unmapped land is traversable', () => {
    const features = [
      road([
        [-100, 50],
        [100, 50],
      ]),
      building([20, 20], [40, 40]),
      areaFeature('areas', 'water', rect([60, 60], [80, 80])),
      areaFeature('areas', 'residential', rect([-100, -100], [0, 0])),
    ];
    expect(build(features).grid).toBeNull();
    const g = build(features, { unmappedLand: 'traversable' });
    let cells = 0;
    for (let n = 0; n < g.nodeCount; n++) {
      if (g.nodeKind[n] !== NodeKind.cell) continue;
      cells++;
      const [x, y] = scene(g, n);
      expect(x > 20 && x < 40 && y > 20 && y < 40).toBe(false);
      expect(x > 60 && x < 80 && y > 60 && y < 80).toBe(false);
    }
    // 300 × 300 m of 2.5 m cells less the building and the pond (about 64 cells each).
    expect(cells).toBeGreaterThan(120 * 120 - 2 * 81);
    expect(cells).toBeLessThanOrEqual(120 * 120 - 2 * 49);
    expect(reachable(g, vertex(g, [-100, 50]))[cellNear(g, [-50, -50])]).toBe(1);
  });

  it('models a pier as open space over the water, and ignores underground buildings and roofs', () => {
    const g = build([
      areaFeature('areas', 'marina', rect([0, 0], [60, 60])),
      areaFeature('areas', 'pier', rect([20, 0], [30, 50])),
      square([-40, 0], [0, 60]),
      building([-30, 10], [-20, 20], { zLayer: -1 }),
      areaFeature('buildings', 'roof', rect([-30, 30], [-20, 40])),
    ]);
    for (let n = 0; n < g.nodeCount; n++) {
      if (g.nodeKind[n] !== NodeKind.cell) continue;
      const [x] = scene(g, n);
      expect(x < 0 || (x > 20 && x < 30)).toBe(true);
    }
    // A cell centre within half a cell diagonal (1.77 m) of any open point.
    for (const p of [
      [25, 25],
      [-25, 15],
      [-25, 35],
    ] as XY[]) {
      expect(nearestNode(g, p, NodeKind.cell).distance).toBeLessThan(1.77);
    }
  });

  it('refuses options out of range and study areas too large to model', () => {
    const attempt =
      (options: BuildOptions, studyArea = STUDY) =>
      () =>
        buildTraversalGraph({
          features: { type: 'FeatureCollection', features: [] },
          measures: [],
          studyArea,
          options,
        });
    expect(attempt({ cellSizeM: 0.1 })).toThrow(AppError);
    expect(attempt({ maxClearWidthM: Number.NaN })).toThrow(/clear width/);
    expect(attempt({ neighbours: 4 as 8 })).toThrow(/8 or 16/);
    expect(attempt({}, rect([-3000, -3000], [3000, 3000]))).toThrow(
      expect.objectContaining({ code: 'AREA_TOO_LARGE' }),
    );
  });
});

describe('tagMeasures', () => {
  const measure = (id: string, kind: string, coords: XY[]): Feature => ({
    type: 'Feature',
    id,
    geometry: { type: 'LineString', coordinates: coords.map(at) },
    properties: { kind },
  });
  const tagged = (g: TraversalGraph) => {
    const edges: number[] = [];
    for (let e = 0; e < g.edgeCount; e++) if (g.edgeMeasure[e]! >= 0) edges.push(e);
    return edges;
  };
  const edgeBetween = (g: TraversalGraph, a: XY, b: XY) =>
    outEdges(g, vertex(g, a)).find((e) => g.edgeTo[e] === vertex(g, b))!;

  it('marks exactly the edges a barrier crosses, with the distance from each edge’s start', () => {
    const g = build([
      road([
        [-50, 0],
        [-10, 0],
        [10, 0],
        [50, 0],
      ]),
    ]);
    const camera: Feature = {
      type: 'Feature',
      id: 'cam',
      geometry: { type: 'Point', coordinates: at([5, 0]) },
      properties: { kind: 'camera' },
    };
    tagMeasures(g, [
      camera,
      measure('b1', 'barrier', [
        [5, -5],
        [5, 5],
      ]),
    ]);
    expect(g.measures.map((m) => [m.id, m.kind])).toEqual([
      ['cam', 'camera'],
      ['b1', 'barrier'],
    ]);
    const east = edgeBetween(g, [-10, 0], [10, 0]);
    const west = g.edgeReverse[east]!;
    expect(tagged(g).sort(byNumber)).toEqual([east, west].sort(byNumber));
    expect(g.edgeMeasure[east]).toBe(1);
    expect(g.edgeMeasureAt[east]).toBeCloseTo(15, 2); // from x = −10 to x = 5
    expect(g.edgeMeasureAt[west]).toBeCloseTo(5, 2); // from x = 10 to x = 5

    // Moved 25 m east: onto the next segment; the old tags are gone.
    tagMeasures(g, [
      measure('b1', 'barrier', [
        [30, -5],
        [30, 5],
      ]),
    ]);
    const next = edgeBetween(g, [10, 0], [50, 0]);
    expect(tagged(g).sort(byNumber)).toEqual([next, g.edgeReverse[next]!].sort(byNumber));
    expect(g.edgeMeasure[next]).toBe(0);
    expect(g.edgeMeasureAt[next]).toBeCloseTo(20, 2);
    expect(g.edgeMeasureAt[g.edgeReverse[next]!]).toBeCloseTo(20, 2);

    // Two lines on one segment: each direction meets the nearer one first.
    tagMeasures(g, [
      measure('g', 'gate', [
        [0, -5],
        [0, 5],
      ]),
      measure('c', 'chicane', [
        [5, -5],
        [5, 5],
      ]),
    ]);
    expect([g.edgeMeasure[east], g.edgeMeasureAt[east]]).toEqual([0, expect.closeTo(10, 2)]);
    expect([g.edgeMeasure[west], g.edgeMeasureAt[west]]).toEqual([1, expect.closeTo(5, 2)]);

    tagMeasures(g, []);
    expect(tagged(g)).toEqual([]);
  });

  it('tags the open-space edges a barrier line crosses in a square', () => {
    const g = build([square([0, 0], [60, 40])], {}, [
      measure('line', 'bollard_line', [
        [30, -5],
        [30, 45],
      ]),
    ]);
    // Every grid edge with ends on both sides of x = 30 crosses the line (it spans the square), at
    // (30 − x_start) / (x_end − x_start) of its length; no other edge is tagged.
    const across = edgesAcrossX(g, 30);
    expect(across.length).toBeGreaterThan(2 * 15);
    expect(tagged(g).sort(byNumber)).toEqual(across.sort(byNumber));
    for (const e of across) {
      const [xa] = scene(g, g.edgeFrom[e]!);
      const [xb] = scene(g, g.edgeTo[e]!);
      expect(g.edgeMeasureAt[e]).toBeCloseTo(((30 - xa) / (xb - xa)) * g.edgeLength[e]!, 2);
    }
  });

  it('measures the opening at a line’s ends and narrows the edges through it', () => {
    // A bollard line across a square from outside its south edge (undrivable land: no opening) to 2.3 m
    // short of its north edge (y = 40). Cell centres lie at odd multiples of 1.25 m; the top row's nodes
    // keep 2 m from the edge: y = 37.75, 0.05 m past the line's end, clear width 2 × 2.25 m. Only the
    // opening (2.3 m, to ± ½ pixel) lets a 1.8 m car past and stops a 2.5 m truck.
    const g = build([square([0, 0], [60, 40])]);
    const ownWidths = Float32Array.from(g.edgeWidth);
    const west = cellNear(g, [10, 20]);
    const east = cellNear(g, [50, 20]);
    const getsPast = (widthM: number) =>
      reachable(g, west, (e) => g.edgeMeasure[e]! < 0 && g.edgeWidth[e]! >= widthM)[east] === 1;
    const atTopRow = (n: number) => Math.abs(scene(g, n)[1] - 37.75) < 0.01;
    const slipping = edgesAcrossX(g, 30).filter((e) => atTopRow(g.edgeFrom[e]!) && atTopRow(g.edgeTo[e]!));
    expect(slipping.length).toBeGreaterThan(0);
    for (const e of slipping) expect(g.edgeWidth[e]).toBeCloseTo(4.5, 1);

    tagMeasures(g, [
      measure('line', 'bollard_line', [
        [30, -5],
        [30, 37.7],
      ]),
    ]);
    const [south, north] = g.measures[0]!.endGapsM!;
    expect(south).toBe(0);
    expect(Math.abs(north! - 2.3)).toBeLessThanOrEqual(0.25);
    for (const e of slipping) {
      expect(g.edgeMeasure[e]).toBe(-1);
      expect(g.edgeWidth[e]).toBeCloseTo(north!, 5);
    }
    expect(getsPast(1.8)).toBe(true);
    expect(getsPast(2.5)).toBe(false);

    // 1.2 m short: the opening stops the car too.
    tagMeasures(g, [
      measure('line', 'bollard_line', [
        [30, -5],
        [30, 38.8],
      ]),
    ]);
    expect(Math.abs(g.measures[0]!.endGapsM![1]! - 1.2)).toBeLessThanOrEqual(0.25);
    expect(getsPast(1.8)).toBe(false);

    tagMeasures(g, []);
    expect(g.edgeWidth).toEqual(ownWidths);
    expect(getsPast(2.5)).toBe(true);
  });

  it('tags the street under a bridge, not the bridge, where a measure crosses both in plan', () => {
    const g = build([
      road([
        [-100, 0],
        [100, 0],
      ]),
      road([
        [0, -100],
        [0, -10],
      ]),
      road(
        [
          [0, -10],
          [0, 10],
        ],
        { bridge: true, zLayer: 1 },
      ),
      road([
        [0, 10],
        [0, 100],
      ]),
    ]);
    tagMeasures(g, [
      measure('m', 'barrier', [
        [-3, -3],
        [3, 3],
      ]),
    ]);
    const street = edgeBetween(g, [-100, 0], [100, 0]);
    expect(tagged(g).sort(byNumber)).toEqual([street, g.edgeReverse[street]!].sort(byNumber));
    expect(g.edgeMeasureAt[street]).toBeCloseTo(100, 2);
  });
});
