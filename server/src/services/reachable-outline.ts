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
  mask: Uint8Array;
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
  return { cols, rows, cellM, x0: minX - margin, y0: minY - margin, mask: new Uint8Array(cols * rows) };
}

/** Per lattice row, the columns a segment covers (reused between segments). */
let spanMin = new Int32Array(256);
let spanMax = new Int32Array(256);

/**
 * Marks the cells within `half` metres (as a square) of the segment A→B, sampled every half cell. The
 * squares around successive samples (at most a cell apart) cover one run of columns per row: each row is
 * filled once, from its span, rather than square by square.
 */
function paintSegment(l: Lattice, ax: number, ay: number, bx: number, by: number, half: number): void {
  const length = Math.hypot(bx - ax, by - ay);
  const steps = Math.max(1, Math.ceil(length / (l.cellM / 2)));
  const reach = Math.floor(half / l.cellM);
  if (reach === 0) {
    // An open-space step or a narrow path: the cells under the samples.
    for (let i = 0; i <= steps; i++) {
      const c = Math.floor((ax + ((bx - ax) * i) / steps - l.x0) / l.cellM);
      const r = Math.floor((ay + ((by - ay) * i) / steps - l.y0) / l.cellM);
      if (c >= 0 && r >= 0 && c < l.cols && r < l.rows) l.mask[r * l.cols + c] = 1;
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
    const from = rr * l.cols + Math.max(0, spanMin[k]!);
    const to = rr * l.cols + Math.min(l.cols - 1, spanMax[k]!);
    if (from <= to) l.mask.fill(1, from, to + 1);
  }
}

const inside = (l: Lattice, c: number, r: number) =>
  c >= 0 && r >= 0 && c < l.cols && r < l.rows && l.mask[r * l.cols + c] === 1;

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
        const pick = [1, 0, 3].map((turn) => (dir + turn) % 4).find((d) => next.includes(d))!;
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

function containsPoint(ring: number[], vcols: number, x: number, y: number): boolean {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]! % vcols;
    const yi = Math.floor(ring[i]! / vcols);
    const xj = ring[j]! % vcols;
    const yj = Math.floor(ring[j]! / vcols);
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

/**
 * The reachable region as a WGS84 MultiPolygon, from the graph and the length along each directed edge the
 * vehicle covers (`reachedM(e)`: the whole edge, the part up to a measure that stopped it, or ≤ 0 for
 * none). Roads and paths are painted at their width (up to 20 m), open-space edges as the cells they join,
 * on a grid of `cellM` metres.
 */
export function reachableOutline(
  graph: TraversalGraph,
  reachedM: (edge: number) => number,
  cellM: number,
): MultiPolygon {
  const l = latticeOf(graph, cellM);
  const { edgeFrom, edgeTo, nodeX, nodeY, edgeLength, edgeKind, edgeWidth } = graph;
  const { edgeReverse } = graph;
  for (let e = 0; e < graph.edgeCount; e++) {
    const covered = reachedM(e);
    if (!(covered > 0)) continue;
    // Driven whole both ways: painted once, from the lower-numbered direction.
    const r = edgeReverse[e]!;
    if (r < e && covered >= edgeLength[e]! && reachedM(r) >= edgeLength[r]!) continue;
    const ax = nodeX[edgeFrom[e]!]!;
    const ay = nodeY[edgeFrom[e]!]!;
    const t = Math.min(1, covered / edgeLength[e]!);
    const bx = ax + (nodeX[edgeTo[e]!]! - ax) * t;
    const by = ay + (nodeY[edgeTo[e]!]! - ay) * t;
    const half = edgeKind[e] === EdgeKind.open ? 0 : Math.min(MAX_HALF_WIDTH_M, edgeWidth[e]! / 2);
    paintSegment(l, ax, ay, bx, by, half);
  }

  const vcols = l.cols + 1;
  const rings = traceRings(l)
    .map((ring) => corners(ring, vcols))
    .filter((ring) => ring.length >= 4);
  const outers = rings.filter((ring) => signedArea2(ring, vcols) > 0);
  const holes = rings.filter((ring) => signedArea2(ring, vcols) < 0);
  const polygons = outers.map((ring) => ({ ring, area: signedArea2(ring, vcols), holes: [] as number[][] }));
  polygons.sort((a, b) => a.area - b.area);
  for (const hole of holes) {
    // A point just inside the hole: the middle of its first edge, half a cell to the right (holes run
    // clockwise with the region on their left).
    const a = hole[0]!;
    const b = hole[1]!;
    const dx = Math.sign((b % vcols) - (a % vcols));
    const dy = Math.sign(Math.floor(b / vcols) - Math.floor(a / vcols));
    const x = (a % vcols) + dx * 0.5 + dy * 0.5;
    const y = Math.floor(a / vcols) + dy * 0.5 - dx * 0.5;
    polygons.find((p) => containsPoint(p.ring, vcols, x, y))?.holes.push(hole);
  }

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
