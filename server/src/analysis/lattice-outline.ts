/**
 * The boundary of the marked cells of a square lattice as a WGS84 MultiPolygon: the reachable region
 * (services/reachable-outline.ts) and the standoff rings (buffer-region.ts) are both drawn this way.
 * Pure.
 */
import type { MultiPolygon, Position } from 'geojson';
import type { LocalProjection } from './vda/graph.js';
import { toLonLat } from './vda/projection.js';

export interface Lattice {
  cols: number;
  rows: number;
  cellM: number;
  /** Local coordinates of the south-west corner of cell (0, 0). */
  x0: number;
  y0: number;
  /** Per cell, nonzero where marked (a count of what covers it, for a paint). */
  counts: Uint16Array;
}

/** Turns tried at a boundary vertex, in order (quarter turns counter-clockwise). */
const LEFT_STRAIGHT_RIGHT = [1, 0, 3];

const inside = (l: Lattice, c: number, r: number) =>
  c >= 0 && r >= 0 && c < l.cols && r < l.rows && l.counts[r * l.cols + c]! > 0;

/**
 * The boundary of the painted cells as closed rings of their corners (lattice vertices, index
 * r·(cols+1)+c), inside on the left: outer rings counter-clockwise, holes clockwise. At a vertex where two cells touch only by their
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
      // Only the corners are kept: the vertices where the walk turns.
      const ring: number[] = [];
      let v = start;
      const first = dirs.pop()!;
      let dir = first;
      // In-degree equals out-degree at every vertex, so the walk can only end back at its start.
      for (;;) {
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
        if (pick !== dir) ring.push(v);
        dir = pick;
      }
      // The start is a corner unless the walk comes back to it going the way it left.
      if (dir !== first) ring.unshift(start);
      rings.push(ring);
    }
  }
  return rings;
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

/** The outline of the lattice's marked cells, in WGS84 through `projection`. */
export function latticeOutline(l: Lattice, projection: LocalProjection): MultiPolygon {
  const cellM = l.cellM;
  const vcols = l.cols + 1;
  const rings = traceRings(l).filter((ring) => ring.length >= 4);
  const outers = rings.filter((ring) => signedArea2(ring, vcols) > 0);
  const holes = rings.filter((ring) => signedArea2(ring, vcols) < 0);
  const polygons = outers.map((ring) => ({ ring, area: signedArea2(ring, vcols), holes: [] as number[][] }));
  polygons.sort((a, b) => a.area - b.area);
  // Each region has one outer ring; a hole goes with the ring of the region on its left.
  const region = regions(l);
  const byRegion = new Map(polygons.map((p) => [region[cellLeftOf(p.ring, l)]!, p]));
  for (const hole of holes) byRegion.get(region[cellLeftOf(hole, l)]!)!.holes.push(hole);

  const position = (v: number): Position => {
    const [lon, lat] = toLonLat(projection, l.x0 + (v % vcols) * cellM, l.y0 + Math.floor(v / vcols) * cellM);
    return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
  };
  const closed = (ring: number[]) => [...ring, ring[0]!].map(position);
  return {
    type: 'MultiPolygon',
    coordinates: polygons.map((p) => [closed(p.ring), ...p.holes.map(closed)]),
  };
}
