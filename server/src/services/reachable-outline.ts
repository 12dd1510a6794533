/**
 * The outline of the region a vehicle class can reach, for the map: the reached edges of the traversal
 * graph (roads and paths at their width, open-space cells as cells) painted on a grid, and the grid's
 * boundary traced into polygons. Pure. PostGIS was measured first: `ST_Buffer` of the reached segments
 * as one geography took 325 s for one venue, `ST_UnaryUnion` of the painted grid as rectangles 165–360 ms
 * per class; tracing the grid here takes a few milliseconds.
 */
import type { MultiPolygon } from 'geojson';
import { latticeOutline, type Lattice } from '../analysis/lattice-outline.js';
import { EdgeKind, type TraversalGraph } from '../analysis/vda/graph.js';

/** Widest half-width painted along a road (m): a carriageway, not a whole plaza it happens to cross. */
const MAX_HALF_WIDTH_M = 10;

function latticeOf(graph: TraversalGraph, cellM: number): Lattice {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let n = 0; n < graph.nodeCount; n++) {
    const x = graph.nodeX[n]!;
    const y = graph.nodeY[n]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  // Half a cell off a whole number of cells from the first node, so that the centres of an open-space grid
  // of the same size fall in the middle of lattice cells.
  const margin = Math.ceil(MAX_HALF_WIDTH_M / cellM + 1) * cellM + cellM / 2;
  const cols = Math.max(1, Math.ceil((maxX - minX + 2 * margin) / cellM));
  const rows = Math.max(1, Math.ceil((maxY - minY + 2 * margin) / cellM));
  return { cols, rows, cellM, x0: minX - margin, y0: minY - margin, counts: new Uint16Array(cols * rows) };
}

/** Per lattice row, the columns a segment covers (reused between segments). */
let spanMin = new Int32Array(256);
let spanMax = new Int32Array(256);

/**
 * Adds `delta` to the cells within `half` metres (as a square) of the segment A→B, sampled every half
 * cell. The squares around successive samples (at most a cell apart) cover one run of columns per row:
 * each row is counted once, from its span, rather than square by square.
 */
function paintSegment(
  l: Lattice,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  half: number,
  delta: number,
) {
  const length = Math.hypot(bx - ax, by - ay);
  const steps = Math.max(1, Math.ceil(length / (l.cellM / 2)));
  const reach = Math.floor(half / l.cellM);
  const counts = l.counts;
  if (reach === 0) {
    // An open-space step or a narrow path: the cells under the samples.
    for (let i = 0; i <= steps; i++) {
      const c = Math.floor((ax + ((bx - ax) * i) / steps - l.x0) / l.cellM);
      const r = Math.floor((ay + ((by - ay) * i) / steps - l.y0) / l.cellM);
      if (c >= 0 && r >= 0 && c < l.cols && r < l.rows) counts[r * l.cols + c]! += delta;
    }
    return;
  }
  const r0 = Math.floor((Math.min(ay, by) - l.y0) / l.cellM) - reach - 1;
  const rows = Math.floor((Math.max(ay, by) - l.y0) / l.cellM) + reach + 2 - r0;
  if (spanMin.length < rows) {
    spanMin = new Int32Array(rows * 2);
    spanMax = new Int32Array(rows * 2);
  }
  spanMin.fill(2 ** 30, 0, rows);
  spanMax.fill(-1, 0, rows);
  for (let i = 0; i <= steps; i++) {
    const c = Math.floor((ax + ((bx - ax) * i) / steps - l.x0) / l.cellM);
    const r = Math.floor((ay + ((by - ay) * i) / steps - l.y0) / l.cellM);
    for (let k = r - reach - r0; k <= r + reach - r0; k++) {
      if (c - reach < spanMin[k]!) spanMin[k] = c - reach;
      if (c + reach > spanMax[k]!) spanMax[k] = c + reach;
    }
  }
  for (let k = 0; k < rows; k++) {
    const rr = k + r0;
    if (spanMax[k]! < 0 || rr < 0 || rr >= l.rows) continue;
    const to = rr * l.cols + Math.min(l.cols - 1, spanMax[k]!);
    for (let i = rr * l.cols + Math.max(0, spanMin[k]!); i <= to; i++) counts[i]! += delta;
  }
}

/**
 * Paints (delta +1) or unpaints (−1) the pair of directed edge e, covered for `covered` metres, and its
 * reverse, covered for `coveredBack`: once, from e, where both are driven whole; otherwise each direction
 * up to where it got.
 */
function paintPair(
  l: Lattice,
  graph: TraversalGraph,
  e: number,
  covered: number,
  coveredBack: number,
  delta: number,
): void {
  const r = graph.edgeReverse[e]!;
  const both = covered >= graph.edgeLength[e]! && coveredBack >= graph.edgeLength[r]!;
  if (covered > 0) paintEdge(l, graph, e, covered, delta);
  if (coveredBack > 0 && !both) paintEdge(l, graph, r, coveredBack, delta);
}

/** Roads and paths at their width (up to 20 m), open-space edges as the cells along them. */
function paintEdge(l: Lattice, graph: TraversalGraph, e: number, covered: number, delta: number): void {
  const { edgeFrom, edgeTo, nodeX, nodeY, edgeLength, edgeKind, edgeWidth } = graph;
  const ax = nodeX[edgeFrom[e]!]!;
  const ay = nodeY[edgeFrom[e]!]!;
  const t = Math.min(1, covered / edgeLength[e]!);
  const bx = ax + (nodeX[edgeTo[e]!]! - ax) * t;
  const by = ay + (nodeY[edgeTo[e]!]! - ay) * t;
  const half = edgeKind[e] === EdgeKind.open ? 0 : Math.min(MAX_HALF_WIDTH_M, edgeWidth[e]! / 2);
  paintSegment(l, ax, ay, bx, by, half, delta);
}

/**
 * The painted reachable region, kept so that the next analysis on the same graph repaints only the edges
 * whose coverage changed (a measure changes a few hundred of a hundred thousand).
 */
export interface OutlinePaint {
  lattice: Lattice;
  /** Per directed edge, the metres painted (0: none). */
  covered: Float64Array;
}

/**
 * Paints the region a vehicle reaches: `reachedM(e)` is the length along directed edge e the vehicle
 * covers (the whole edge, the part up to a measure that stopped it, or ≤ 0 for none), on a grid of `cellM`
 * metres; or, given `base` (a paint of the same graph), from it, repainting only the edges that changed.
 */
export function paintReached(
  graph: TraversalGraph,
  reachedM: (edge: number) => number,
  cellM: number,
  base?: OutlinePaint,
): OutlinePaint {
  const E = graph.edgeCount;
  const { edgeReverse } = graph;
  const covered = new Float64Array(E);
  for (let e = 0; e < E; e++) covered[e] = Math.max(0, reachedM(e));
  if (!base) {
    const lattice = latticeOf(graph, cellM);
    for (let e = 0; e < E; e++) {
      const r = edgeReverse[e]!;
      if (r > e) paintPair(lattice, graph, e, covered[e]!, covered[r]!, 1);
    }
    return { lattice, covered };
  }
  const lattice = { ...base.lattice, counts: base.lattice.counts.slice() };
  const was = base.covered;
  for (let e = 0; e < E; e++) {
    const r = edgeReverse[e]!;
    if (r < e || (covered[e] === was[e] && covered[r] === was[r])) continue;
    paintPair(lattice, graph, e, was[e]!, was[r]!, -1);
    paintPair(lattice, graph, e, covered[e]!, covered[r]!, 1);
  }
  return { lattice, covered };
}

/** The reachable region as a WGS84 MultiPolygon (see paintReached). */
export function reachableOutline(
  graph: TraversalGraph,
  reachedM: (edge: number) => number,
  cellM: number,
): MultiPolygon {
  return outlineOf(graph, paintReached(graph, reachedM, cellM));
}

/** The boundary of a paint's cells as a WGS84 MultiPolygon. */
export function outlineOf(graph: TraversalGraph, paint: OutlinePaint): MultiPolygon {
  return latticeOutline(paint.lattice, graph.projection);
}
