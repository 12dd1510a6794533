/**
 * Test and benchmark support (not used by the server): hand-made `TraversalGraph`s from polylines in local
 * metres, an optional open-space grid, and a constant-acceleration `SpeedModel` whose numbers can be
 * worked out by hand (DOMAIN.md §2: from rest at a = 2.9 m/s², 20/50/100 m give 38.8/61.3/86.7 km/h).
 */
import type { GraphMeasureRef, GridInfo, TraversalGraph } from './graph.js';
import { EdgeKind, NodeKind } from './graph.js';
import { localProjection } from './projection.js';
import type { SpeedModel } from './speed-model.js';

export type XY = [number, number];

export interface TestLine {
  coords: XY[];
  widthM: number;
  kind?: 'road' | 'path';
  name?: string | null;
  /** Gradient in the direction of digitisation (rise/run). */
  grade?: number;
}

export interface TestMeasure {
  id: string;
  kind: GraphMeasureRef['kind'];
  /** Where it lies (local metres); edges it crosses are tagged. */
  coords: XY[];
  properties?: Record<string, unknown>;
}

export interface TestGrid {
  cols: number;
  rows: number;
  cellSizeM: number;
  /** Centre of cell (0, 0); row r lies at originY + r·cellSizeM. */
  originX: number;
  originY: number;
  clearWidthM: number;
  /** Cells that are obstacles. */
  blocked?: (col: number, row: number) => boolean;
  /** Clear width of the edge between two cells (default clearWidthM). */
  widthBetween?: (c0: number, r0: number, c1: number, r1: number) => number;
  /** 8 (king moves, default) or 16 (king and knight moves, as the graph builder makes). */
  neighbours?: 8 | 16;
}

/** Monaco, so that WGS84 output looks plausible. */
export const TEST_PROJECTION = localProjection(7.42, 43.735);

interface Segment {
  a: number;
  b: number;
  kind: EdgeKind;
  feature: number;
  width: number;
  grade: number;
}

/**
 * Builds a graph from polylines (vertices at equal coordinates are one node, so lines join where they share a
 * vertex) and an optional 8-neighbour grid of open-space cells (joined to a line only at a coincident vertex).
 */
export function buildTestGraph(
  lines: TestLine[],
  options: { measures?: TestMeasure[]; grid?: TestGrid; boundary?: XY[] } = {},
): TraversalGraph {
  const xs: number[] = [];
  const ys: number[] = [];
  const kinds: NodeKind[] = [];
  const index = new Map<string, number>();
  const key = (x: number, y: number) => `${Math.round(x * 1e6)},${Math.round(y * 1e6)}`;
  const node = (x: number, y: number, kind: NodeKind = NodeKind.vertex): number => {
    let n = index.get(key(x, y));
    if (n === undefined) {
      n = xs.length;
      index.set(key(x, y), n);
      xs.push(x);
      ys.push(y);
      kinds.push(kind);
    }
    return n;
  };

  const segments: Segment[] = [];
  lines.forEach((line, feature) => {
    const kind = line.kind === 'path' ? EdgeKind.path : EdgeKind.road;
    for (let i = 1; i < line.coords.length; i++) {
      const [x0, y0] = line.coords[i - 1] as XY;
      const [x1, y1] = line.coords[i] as XY;
      segments.push({
        a: node(x0, y0),
        b: node(x1, y1),
        kind,
        feature,
        width: line.widthM,
        grade: line.grade ?? 0,
      });
    }
  });

  let grid: GridInfo | null = null;
  const g = options.grid;
  if (g) {
    const cellNode = new Int32Array(g.cols * g.rows).fill(-1);
    for (let r = 0; r < g.rows; r++) {
      for (let c = 0; c < g.cols; c++) {
        if (!g.blocked?.(c, r))
          cellNode[r * g.cols + c] = node(g.originX + c * g.cellSizeM, g.originY + r * g.cellSizeM);
      }
    }
    // Each undirected neighbour pair once: E, N, NE, NW (and four knight moves).
    const steps: XY[] = [
      [1, 0],
      [0, 1],
      [1, 1],
      [-1, 1],
    ];
    if (g.neighbours === 16) steps.push([2, 1], [-2, 1], [1, 2], [-1, 2]);
    for (let r = 0; r < g.rows; r++) {
      for (let c = 0; c < g.cols; c++) {
        const a = cellNode[r * g.cols + c] as number;
        if (a < 0) continue;
        for (const [dc, dr] of steps) {
          const c2 = c + dc;
          const r2 = r + dr;
          if (c2 < 0 || c2 >= g.cols || r2 >= g.rows) continue;
          const b = cellNode[r2 * g.cols + c2] as number;
          if (b < 0) continue;
          const width = g.widthBetween?.(c, r, c2, r2) ?? g.clearWidthM;
          segments.push({ a, b, kind: EdgeKind.open, feature: -1, width, grade: 0 });
        }
      }
    }
    grid = {
      cellSizeM: g.cellSizeM,
      originX: g.originX,
      originY: g.originY,
      cols: g.cols,
      rows: g.rows,
      cellNode,
      cellClearWidth: new Float32Array(g.cols * g.rows).fill(g.clearWidthM),
    };
  }

  for (const [x, y] of options.boundary ?? []) {
    const n = index.get(key(x, y));
    if (n === undefined) throw new Error(`no vertex at ${x},${y} to mark as a boundary`);
    kinds[n] = NodeKind.boundary;
  }

  const nodeCount = xs.length;
  const edgeCount = segments.length * 2;
  // Counting sort of the directed edges by their start node (CSR).
  const edgeStart = new Uint32Array(nodeCount + 1);
  for (const s of segments) {
    edgeStart[s.a + 1]!++;
    edgeStart[s.b + 1]!++;
  }
  for (let n = 0; n < nodeCount; n++) edgeStart[n + 1]! += edgeStart[n] as number;
  const next = edgeStart.slice(0, nodeCount);

  const edgeFrom = new Uint32Array(edgeCount);
  const edgeTo = new Uint32Array(edgeCount);
  const edgeLength = new Float32Array(edgeCount);
  const edgeHeading = new Float32Array(edgeCount);
  const edgeWidth = new Float32Array(edgeCount);
  const edgeKind = new Uint8Array(edgeCount);
  const edgeFeature = new Int32Array(edgeCount);
  const edgeReverse = new Uint32Array(edgeCount);
  const edgeGrade = new Float32Array(edgeCount);
  for (const s of segments) {
    const forward = next[s.a]!++;
    const backward = next[s.b]!++;
    for (const [e, from, to, grade] of [
      [forward, s.a, s.b, s.grade],
      [backward, s.b, s.a, -s.grade],
    ] as const) {
      const dx = (xs[to] as number) - (xs[from] as number);
      const dy = (ys[to] as number) - (ys[from] as number);
      edgeFrom[e] = from;
      edgeTo[e] = to;
      edgeLength[e] = Math.hypot(dx, dy);
      edgeHeading[e] = Math.atan2(dy, dx);
      edgeWidth[e] = s.width;
      edgeKind[e] = s.kind;
      edgeFeature[e] = s.feature;
      edgeGrade[e] = grade;
    }
    edgeReverse[forward] = backward;
    edgeReverse[backward] = forward;
  }

  const measures = options.measures ?? [];
  const edgeMeasure = new Int32Array(edgeCount).fill(-1);
  const edgeMeasureAt = new Float32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const ax = xs[edgeFrom[e] as number] as number;
    const ay = ys[edgeFrom[e] as number] as number;
    const bx = xs[edgeTo[e] as number] as number;
    const by = ys[edgeTo[e] as number] as number;
    let best = Infinity;
    measures.forEach((m, mi) => {
      for (let i = 1; i < m.coords.length; i++) {
        const t = segmentCrossing(ax, ay, bx, by, m.coords[i - 1] as XY, m.coords[i] as XY);
        if (t < best) {
          best = t;
          edgeMeasure[e] = mi;
        }
      }
    });
    if (best < Infinity) edgeMeasureAt[e] = best * (edgeLength[e] as number);
  }

  return {
    projection: TEST_PROJECTION,
    nodeCount,
    nodeX: Float64Array.from(xs),
    nodeY: Float64Array.from(ys),
    nodeLevel: new Int8Array(nodeCount),
    nodeKind: Uint8Array.from(kinds),
    edgeCount,
    edgeStart,
    edgeFrom,
    edgeTo,
    edgeLength,
    edgeHeading,
    edgeWidth,
    edgeKind,
    edgeFeature,
    edgeReverse,
    edgeGrade,
    edgeMeasure,
    edgeMeasureAt,
    features: lines.map((line, i) => ({
      id: i + 1,
      layer: line.kind === 'path' ? 'paths' : 'roads',
      kind: line.kind === 'path' ? 'footway' : 'residential',
      name: line.name ?? null,
    })),
    measures: measures.map((m) => ({ id: m.id, kind: m.kind, properties: m.properties ?? {} })),
    grid,
  };
}

/** Parameter t ∈ [0, 1] along a→b where it crosses segment p→q, Infinity when it does not. */
function segmentCrossing(ax: number, ay: number, bx: number, by: number, p: XY, q: XY): number {
  const rx = bx - ax;
  const ry = by - ay;
  const sx = q[0] - p[0];
  const sy = q[1] - p[1];
  const denom = rx * sy - ry * sx;
  if (denom === 0) return Infinity;
  const t = ((p[0] - ax) * sy - (p[1] - ay) * sx) / denom;
  const u = ((p[0] - ax) * ry - (p[1] - ay) * rx) / denom;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? t : Infinity;
}

/** The directed edge from the node at `from` to the node at `to` (local metres), for assertions. */
export function edgeBetween(graph: TraversalGraph, from: XY, to: XY): number {
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = graph.edgeFrom[e] as number;
    const b = graph.edgeTo[e] as number;
    if (
      Math.hypot((graph.nodeX[a] as number) - from[0], (graph.nodeY[a] as number) - from[1]) < 1e-6 &&
      Math.hypot((graph.nodeX[b] as number) - to[0], (graph.nodeY[b] as number) - to[1]) < 1e-6
    ) {
      return e;
    }
  }
  throw new Error(`no edge from ${from.join(',')} to ${to.join(',')}`);
}

const G = 9.81;

/**
 * A vehicle with constant acceleration `accel` on level ground (less g·sinθ on a gradient), the top speed as
 * a hard cap, and skid-limited corners √(f·g·r) with r = w / (1 − cos(Δ/2)).
 */
export function constantAccelModel(
  options: { accel?: number; friction?: number; widthM?: number; massKg?: number; topSpeed?: number } = {},
): SpeedModel {
  const a = options.accel ?? 2.9;
  const f = options.friction ?? 0.6;
  const topSpeed = options.topSpeed ?? 50;
  const squareAfter = (u0: number, lengthM: number, grade: number) => {
    const net = a - (G * grade) / Math.sqrt(1 + grade * grade);
    const u = Math.min(Math.max(u0, 0), topSpeed * topSpeed);
    return Math.min(topSpeed * topSpeed, Math.max(0, u + 2 * net * Math.max(0, lengthM)));
  };
  return {
    vehicleClass: 'TEST',
    massKg: options.massKg ?? 1500,
    widthM: options.widthM ?? 1.8,
    topSpeed,
    squareAfter,
    speedAfter: (v0, lengthM, grade) => Math.sqrt(squareAfter(Math.max(v0, 0) ** 2, lengthM, grade)),
    runUpFor(v) {
      return v > topSpeed ? Infinity : (v * v) / (2 * a);
    },
    cornerSpeed(deflectionRad, widthM) {
      const d = 1 - Math.cos(deflectionRad / 2);
      return d > 0 ? Math.sqrt((f * G * widthM) / d) : Infinity;
    },
  };
}
