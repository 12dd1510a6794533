/**
 * The outline of the region a vehicle class can reach, for the map: the reached edges of the traversal
 * graph (roads and paths at their width, open-space cells as cells) painted on a grid, and the grid's
 * boundary traced into polygons. Pure. PostGIS was measured first: `ST_Buffer` of the reached segments
 * as one geography took 325 s for one venue, `ST_UnaryUnion` of the painted grid as rectangles 165–360 ms
 * per class; tracing the grid here takes a few milliseconds.
 */
import type { MultiPolygon, Position } from 'geojson';
import { EdgeKind, type TraversalGraph } from '../analysis/vda/graph.js';
import { toLonLat } from '../analysis/vda/projection.js';

/** Widest half-width painted along a road (m): a carriageway, not a whole plaza it happens to cross. */
const MAX_HALF_WIDTH_M = 10;

interface Lattice {
  cols: number;
  rows: number;
  cellM: number;
  /** Local coordinates of the south-west corner of cell (0, 0). */
  x0: number;
  y0: number;
  /** Per cell, how many painted segments cover it (a segment may count a cell more than once). */
  counts: Uint16Array;
}

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

/** Turns tried at a boundary vertex, in order (quarter turns counter-clockwise). */
const LEFT_STRAIGHT_RIGHT = [1, 0, 3];

const inside = (l: Lattice, c: number, r: number) =>
  c >= 0 && r >= 0 && c < l.cols && r < l.rows && l.counts[r * l.cols + c]! > 0;

/**
 * The boundary of the painted cells as closed rings of lattice vertices (index r·(cols+1)+c), inside on the
 * left: outer rings counter-clockwise, holes clockwise. At a vertex where two cells touch only by their
 * corners the ring turns left, keeping to its own cell, so each ring bounds a 4-connected region.
 */
function traceRings(l: Lattice): number[][] {
  const vcols = l.cols + 1;
  // Up to two boundary edges leave a vertex (at a corner-touching vertex); directions 0 E, 1 N, 2 W, 3 S.
  const out = new Map<number, number[]>();
  const add = (from: number, dir: number) => {
    const list = out.get(from);
    if (list) list.push(dir);
    else out.set(from, [dir]);
  };
  for (let r = 0; r < l.rows; r++) {
    for (let c = 0; c < l.cols; c++) {
      if (!inside(l, c, r)) continue;
      const v = r * vcols + c;
      if (!inside(l, c, r - 1)) add(v, 0); // bottom edge, eastward
      if (!inside(l, c + 1, r)) add(v + 1, 1); // right edge, northward
      if (!inside(l, c, r + 1)) add(v + vcols + 1, 2); // top edge, westward
      if (!inside(l, c - 1, r)) add(v + vcols, 3); // left edge, southward
    }
  }
  const step = [1, vcols, -1, -vcols];
  const rings: number[][] = [];
  for (const [start, dirs] of out) {
    while (dirs.length > 0) {
      const ring: number[] = [];
      let v = start;
      let dir = dirs.pop()!;
      // In-degree equals out-degree at every vertex, so the walk can only end back at its start.
      for (;;) {
        ring.push(v);
        v += step[dir]!;
        if (v === start) break;
        const next = out.get(v)!;
        // A left turn, else straight on, else right.
        let pick = -1;
        for (let k = 0; pick < 0; k++) {
          const d = (dir + LEFT_STRAIGHT_RIGHT[k]!) % 4;
          if (next.includes(d)) pick = d;
        }
        next.splice(next.indexOf(pick), 1);
        dir = pick;
      }
      rings.push(ring);
    }
  }
  return rings;
}

/** Drops vertices where the ring goes straight on (every lattice step leaves one). */
function corners(ring: number[], vcols: number): number[] {
  const n = ring.length;
  return ring.filter((v, i) => {
    const a = ring[(i + n - 1) % n]!;
    const b = ring[(i + 1) % n]!;
    const dx1 = (v % vcols) - (a % vcols);
    const dy1 = Math.floor(v / vcols) - Math.floor(a / vcols);
    const dx2 = (b % vcols) - (v % vcols);
    const dy2 = Math.floor(b / vcols) - Math.floor(v / vcols);
    return dx1 * dy2 - dy1 * dx2 !== 0;
  });
}

/** Twice the signed area (lattice units), positive counter-clockwise. */
function signedArea2(ring: number[], vcols: number): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    sum += (a % vcols) * Math.floor(b / vcols) - (b % vcols) * Math.floor(a / vcols);
  }
  return sum;
}

/** Per cell, its 4-connected painted region (the regions traceRings bounds), −1 where unpainted. */
function regions(l: Lattice): Int32Array {
  const region = new Int32Array(l.cols * l.rows).fill(-1);
  const queue = new Int32Array(l.cols * l.rows);
  let next = 0;
  for (let start = 0; start < region.length; start++) {
    if (region[start] !== -1 || l.counts[start] === 0) continue;
    region[start] = next;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    while (head < tail) {
      const i = queue[head++]!;
      const c = i % l.cols;
      for (let k = 0; k < 4; k++) {
        // West, east, south, north, within the lattice.
        const j =
          k === 0
            ? c > 0
              ? i - 1
              : -1
            : k === 1
              ? c + 1 < l.cols
                ? i + 1
                : -1
              : k === 2
                ? i - l.cols
                : i + l.cols;
        if (j < 0 || j >= region.length || region[j] !== -1 || l.counts[j] === 0) continue;
        region[j] = next;
        queue[tail++] = j;
      }
    }
    next++;
  }
  return region;
}

/** The cell on the left of a ring's first edge: inside the region the ring bounds (outer or hole). */
function cellLeftOf(ring: number[], l: Lattice): number {
  const vcols = l.cols + 1;
  const a = ring[0]!;
  const x = a % vcols;
  const y = Math.floor(a / vcols);
  const dx = Math.sign((ring[1]! % vcols) - x);
  const dy = Math.sign(Math.floor(ring[1]! / vcols) - y);
  // Cell (c, r) spans vertices c…c+1, r…r+1: east → (x, y), north → (x−1, y), west → (x−1, y−1),
  // south → (x, y−1).
  const c = dx > 0 || dy < 0 ? x : x - 1;
  const r = dx > 0 || dy > 0 ? y : y - 1;
  return r * l.cols + c;
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
  const l = paint.lattice;
  const cellM = l.cellM;
  const vcols = l.cols + 1;
  const rings = traceRings(l)
    .map((ring) => corners(ring, vcols))
    .filter((ring) => ring.length >= 4);
  const outers = rings.filter((ring) => signedArea2(ring, vcols) > 0);
  const holes = rings.filter((ring) => signedArea2(ring, vcols) < 0);
  const polygons = outers.map((ring) => ({ ring, area: signedArea2(ring, vcols), holes: [] as number[][] }));
  polygons.sort((a, b) => a.area - b.area);
  // Each region has one outer ring; a hole goes with the ring of the region on its left.
  const region = regions(l);
  const byRegion = new Map(polygons.map((p) => [region[cellLeftOf(p.ring, l)]!, p]));
  for (const hole of holes) byRegion.get(region[cellLeftOf(hole, l)]!)!.holes.push(hole);

  const position = (v: number): Position => {
    const [lon, lat] = toLonLat(
      graph.projection,
      l.x0 + (v % vcols) * cellM,
      l.y0 + Math.floor(v / vcols) * cellM,
    );
    return [Number(lon.toFixed(7)), Number(lat.toFixed(7))];
  };
  const closed = (ring: number[]) => [...ring, ring[0]!].map(position);
  return {
    type: 'MultiPolygon',
    coordinates: polygons.map((p) => [closed(p.ring), ...p.holes.map(closed)]),
  };
}
