/**
 * What the speed search derives from the graph's geometry alone, once per graph and shared by every vehicle
 * class and re-run (cached per graph and open-space turn room): straight runs, and the radius of every turn
 * (propagate.ts explains the corner rules).
 */
import { EdgeKind, type TraversalGraph } from './graph.js';

/** Edges continuing in a straight line (heading change under this, radians) form one straight run. */
const STRAIGHT_RAD = 1e-3;
/** Road bends: vertices within this distance of the turn along the road (m), and at most this many. */
const BEND_WINDOW_M = 80;
const BEND_VERTICES = 20;

export interface SearchGeometry {
  /** Per edge, the edge continuing it straight on at its end node (−1 none), and the one it continues. */
  straightNext: Int32Array;
  straightPrev: Int32Array;
  /** Per edge, the distance from the start of its straight run to its end (m). */
  runBehind: Float32Array;

  /**
   * Per node, where its turn table starts in `turnRadius`. The table holds, for the in-edge
   * reverse(edgeStart[n] + i) and the out-edge edgeStart[n] + j, at i·degree + j, the radius (m) the
   * vehicle can take through that turn (Infinity: no limit); the U-turn (i = j) is not used.
   */
  turnOffset: Int32Array;
  turnRadius: Float32Array;
}

const cache = new WeakMap<TraversalGraph, Map<number, SearchGeometry>>();

/** Wraps an angle difference into (−π, π]. */
function wrapAngle(a: number): number {
  if (a > Math.PI) return a - 2 * Math.PI;
  if (a <= -Math.PI) return a + 2 * Math.PI;
  return a;
}

/** The geometry for `graph` with open-space turns taken within `openRoomM` of run-in. */
export function searchGeometry(graph: TraversalGraph, openRoomM: number): SearchGeometry {
  let byRoom = cache.get(graph);
  if (!byRoom) cache.set(graph, (byRoom = new Map()));
  const cached = byRoom.get(openRoomM);
  if (cached) return cached;
  const result = { ...straightRuns(graph), ...turnTables(graph, openRoomM) };
  byRoom.set(openRoomM, result);
  return result;
}

/** The geometries made for `graph` so far, by open-space turn room (to hand a copy of the graph on). */
export function searchGeometries(graph: TraversalGraph): [number, SearchGeometry][] {
  return [...(cache.get(graph) ?? [])];
}

/** Takes the geometries `searchGeometries` gave for a copy of this graph (made in another thread). */
export function adoptSearchGeometries(graph: TraversalGraph, entries: [number, SearchGeometry][]): void {
  cache.set(graph, new Map(entries));
}

function straightRuns(
  graph: TraversalGraph,
): Pick<SearchGeometry, 'straightNext' | 'straightPrev' | 'runBehind'> {
  const next = new Int32Array(graph.edgeCount).fill(-1);
  const prev = new Int32Array(graph.edgeCount).fill(-1);
  for (let e = 0; e < graph.edgeCount; e++) {
    const n = graph.edgeTo[e]!;
    const h = graph.edgeHeading[e]!;
    let best = STRAIGHT_RAD;
    for (let e2 = graph.edgeStart[n]!; e2 < graph.edgeStart[n + 1]!; e2++) {
      const d = Math.abs(wrapAngle(graph.edgeHeading[e2]! - h));
      if (d < best && prev[e2] === -1) {
        best = d;
        next[e] = e2;
      }
    }
    if (next[e]! >= 0) prev[next[e]!] = e;
  }
  // From the start of each run forwards (a straight run cannot close on itself).
  const runBehind = new Float32Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    if (prev[e]! >= 0) continue;
    let behind = 0;
    for (let x = e, steps = 0; x >= 0 && steps < graph.edgeCount; x = next[x]!, steps++) {
      behind += graph.edgeLength[x]!;
      runBehind[x] = behind;
    }
  }
  return { straightNext: next, straightPrev: prev, runBehind };
}

function turnTables(
  graph: TraversalGraph,
  openRoomM: number,
): Pick<SearchGeometry, 'turnOffset' | 'turnRadius'> {
  const turnOffset = new Int32Array(graph.nodeCount);
  let size = 0;
  for (let n = 0; n < graph.nodeCount; n++) {
    const degree = graph.edgeStart[n + 1]! - graph.edgeStart[n]!;
    turnOffset[n] = size;
    size += degree * degree;
  }
  const turnRadius = new Float32Array(size).fill(Infinity);
  const bend = new BendScratch();
  for (let n = 0; n < graph.nodeCount; n++) {
    const offset = turnOffset[n]!;
    const first = graph.edgeStart[n]!;
    const degree = graph.edgeStart[n + 1]! - first;
    for (let i = 0; i < degree; i++) {
      const e = graph.edgeReverse[first + i]!;
      for (let j = 0; j < degree; j++) {
        if (i === j) continue;
        const e2 = first + j;
        turnRadius[offset + i * degree + j] =
          graph.edgeKind[e] !== EdgeKind.open && graph.edgeKind[e2] !== EdgeKind.open
            ? bend.radius(graph, e, e2)
            : openTurnRadius(graph, e, e2, openRoomM);
      }
    }
  }
  return { turnOffset, turnRadius };
}

/**
 * Radius (m) of a turn e → e2 in open space (or onto or off it): the sharp-corner cut in the clear width w,
 * r = w/(1 − cos(Δ/2)), limited to what fits after `roomM` of straight run-in, r = w/2 + roomM/tan(Δ/2).
 */
function openTurnRadius(graph: TraversalGraph, e: number, e2: number, roomM: number): number {
  const d = Math.abs(wrapAngle(graph.edgeHeading[e2]! - graph.edgeHeading[e]!));
  if (d <= STRAIGHT_RAD) return Infinity;
  const w = Math.min(graph.edgeWidth[e]!, graph.edgeWidth[e2]!);
  const cut = w / (1 - Math.cos(d / 2));
  const fits = w / 2 + roomM / Math.tan(d / 2);
  return Math.min(cut, fits);
}

/** Through a junction a bend goes on along the same feature, or the straightest road within this (rad). */
const BEND_THROUGH_RAD = Math.PI / 4;

/**
 * The road/path edge the road goes on along after `e`, −1 at a dead end, onto open space, or where it
 * turns more than BEND_THROUGH_RAD: the only other one, else the one of the same feature (a roundabout's
 * ring, a way through a junction), else the straightest.
 */
function roadAfter(graph: TraversalGraph, e: number): number {
  const n = graph.edgeTo[e]!;
  const back = graph.edgeReverse[e]!;
  const feature = graph.edgeFeature[e]!;
  let only = -1;
  let count = 0;
  let same = -1;
  let sameCount = 0;
  let straightest = -1;
  let least = BEND_THROUGH_RAD;
  for (let x = graph.edgeStart[n]!; x < graph.edgeStart[n + 1]!; x++) {
    if (x === back || graph.edgeKind[x] === EdgeKind.open) continue;
    only = x;
    count++;
    if (feature >= 0 && graph.edgeFeature[x] === feature) {
      same = x;
      sameCount++;
    }
    const d = Math.abs(wrapAngle(graph.edgeHeading[x]! - graph.edgeHeading[e]!));
    if (d <= least) {
      least = d;
      straightest = x;
    }
  }
  if (count === 1) return only;
  if (
    sameCount === 1 &&
    Math.abs(wrapAngle(graph.edgeHeading[same]! - graph.edgeHeading[e]!)) <= BEND_THROUGH_RAD
  ) {
    return same;
  }
  return straightest;
}

/** Reused buffers for the vertices around one turn. */
class BendScratch {
  /** Signed position along the road from the turn (m), deflection, width of the edge after the vertex. */
  private readonly pos = new Float64Array(2 * BEND_VERTICES + 1);
  private readonly defl = new Float64Array(2 * BEND_VERTICES + 1);
  private readonly width = new Float64Array(2 * BEND_VERTICES + 1);

  /**
   * Radius (m) of the bend the turn e → e2 is part of, along the roads on both sides as far as they go on
   * (`roadAfter`: through junctions along the same feature or the straightest road), within BEND_WINDOW_M: the smallest over every run of consecutive vertices that
   * includes the turn, each taken as a polygon on an arc of centre-line radius R = s/(2(k−1)·tan(Θ/2k))
   * (k vertices turning Θ over span s) that the driver cuts from the inner kerb: ρ = max(0, R − w/2) +
   * w/(1 − cos(Θ/2)) (DOMAIN.md §2; Θ up to π). Infinity when nothing turns.
   */
  radius(graph: TraversalGraph, e: number, e2: number): number {
    const { pos, defl, width } = this;
    // Vertices behind the turn, nearest first, then reversed into place before it.
    let count = 0;
    let dist = graph.edgeLength[e]!;
    for (let cur = e; count < BEND_VERTICES && dist <= BEND_WINDOW_M;) {
      // The road before `cur`: the one way on backwards from its start.
      const back = roadAfter(graph, graph.edgeReverse[cur]!);
      if (back < 0) break;
      const p = graph.edgeReverse[back]!;
      if (p === e) break; // round a ring
      pos[count] = -dist;
      defl[count] = wrapAngle(graph.edgeHeading[cur]! - graph.edgeHeading[p]!);
      width[count] = graph.edgeWidth[cur]!;
      count++;
      dist += graph.edgeLength[p]!;
      cur = p;
    }
    const behind = count;
    pos.subarray(0, behind).reverse();
    defl.subarray(0, behind).reverse();
    width.subarray(0, behind).reverse();
    const centre = behind;
    pos[centre] = 0;
    defl[centre] = wrapAngle(graph.edgeHeading[e2]! - graph.edgeHeading[e]!);
    width[centre] = graph.edgeWidth[e2]!;
    count++;
    dist = graph.edgeLength[e2]!;
    for (let cur = e2; count < 2 * BEND_VERTICES + 1 && dist <= BEND_WINDOW_M;) {
      const q = roadAfter(graph, cur);
      if (q < 0 || q === e2) break;
      pos[count] = dist;
      defl[count] = wrapAngle(graph.edgeHeading[q]! - graph.edgeHeading[cur]!);
      width[count] = graph.edgeWidth[q]!;
      count++;
      dist += graph.edgeLength[q]!;
      cur = q;
    }

    const w0 = Math.min(graph.edgeWidth[e]!, graph.edgeWidth[e2]!);
    let best = Infinity;
    for (let i = centre; i >= 0; i--) {
      let theta = 0;
      let w = w0;
      for (let k = i; k < centre; k++) w = Math.min(w, width[k]!);
      for (let k = i; k < centre; k++) theta += defl[k]!;
      for (let j = centre; j < count; j++) {
        theta += defl[j]!;
        if (j > centre) w = Math.min(w, width[j - 1]!);
        const span = pos[j]! - pos[i]!;
        if (span > BEND_WINDOW_M) break;
        const total = Math.abs(theta);
        if (total < 1e-6) continue;
        const d = Math.min(total, Math.PI);
        const q = Math.sin(d / 4);
        const cut = w / (2 * q * q); // w / (1 − cos(Θ/2))
        if (cut >= best) continue;
        const m = j - i + 1;
        const half = total / (2 * m);
        const r = m >= 2 && half < Math.PI / 2 ? span / (2 * (m - 1) * Math.tan(half)) : 0;
        const rho = cut + (r > w / 2 ? r - w / 2 : 0);
        if (rho < best) best = rho;
      }
    }
    return best;
  }
}
