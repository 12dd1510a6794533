import type { MultiPolygon, Polygon, Position } from 'geojson';
import {
  dedupeConsecutive,
  isValidRing,
  orientRing,
  ringInsideRing,
  ringSignedArea,
} from './ring-geometry.js';

/** A way member of a multipolygon (or type=building) relation, with its node ids in drawing order. */
export interface MemberWay {
  role: string;
  refs: ArrayLike<number>;
}

export type AssemblyFailure = 'missing-node' | 'unclosed-ring' | 'no-outer' | 'degenerate-ring';

export type AssemblyResult =
  | { ok: true; geometry: Polygon | MultiPolygon; droppedInnerRings: number }
  | { ok: false; reason: AssemblyFailure };

/** Roles that form the outside of the area. An empty role is an outer in old-style multipolygons. */
const OUTER_ROLES: ReadonlySet<string> = new Set(['outer', '', 'outline']);

/**
 * Joins ways end to end into closed rings of node ids, whatever direction each way is drawn in.
 * Works on segments, like osmium's assembler: ways are cut into node-to-node segments, and a segment
 * that occurs twice cancels out. So two holes drawn as separate rings that share an edge become one
 * hole (PostGIS rejects holes that touch along an edge), and overlapping member ways do no harm.
 * Returns null when some chain cannot be closed (a member is missing, or the data is broken).
 */
export function joinWaysIntoRings(ways: readonly ArrayLike<number>[]): number[][] | null {
  // Undirected segments keyed "low|high"; occurring an even number of times → cancelled.
  const segments = new Map<string, [number, number]>();
  for (const way of ways) {
    for (let i = 0; i + 1 < way.length; i++) {
      const a = way[i] as number;
      const b = way[i + 1] as number;
      if (a === b) continue;
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      if (segments.has(key)) segments.delete(key);
      else segments.set(key, [a, b]);
    }
  }

  const neighbours = new Map<number, number[]>();
  const link = (from: number, to: number): void => {
    const list = neighbours.get(from);
    if (list) list.push(to);
    else neighbours.set(from, [to]);
  };
  for (const [a, b] of segments.values()) {
    link(a, b);
    link(b, a);
  }
  const used = new Set<string>();
  const take = (a: number, b: number): boolean => {
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (used.has(key)) return false;
    used.add(key);
    return true;
  };

  const rings: number[][] = [];
  // Start rings in the order the segments were drawn, so simple cases keep the way's own order.
  for (const [first, second] of segments.values()) {
    if (!take(first, second)) continue;
    const ring = [first, second];
    let current = second;
    while (current !== first) {
      const next = neighbours.get(current)?.find((candidate) => take(current, candidate));
      if (next === undefined) return null;
      ring.push(next);
      current = next;
    }
    rings.push(...splitAtRepeatedNodes(ring));
  }
  return rings;
}

/**
 * Splits a closed ring that passes through the same node twice (two holes touching at a corner, joined
 * into a figure eight) into simple rings, as osmium does: a self-touching ring is invalid for PostGIS.
 */
export function splitAtRepeatedNodes(ring: readonly number[]): number[][] {
  const rings: number[][] = [];
  const stack: number[] = [];
  const positionOf = new Map<number, number>();
  for (const nodeId of ring) {
    const at = positionOf.get(nodeId);
    if (at === undefined) {
      positionOf.set(nodeId, stack.length);
      stack.push(nodeId);
      continue;
    }
    const loop = stack.splice(at);
    for (const id of loop) positionOf.delete(id);
    loop.push(nodeId);
    rings.push(loop);
    positionOf.set(nodeId, stack.length);
    stack.push(nodeId);
  }
  return rings;
}

function toPositions(
  ring: readonly number[],
  coordOf: (nodeId: number) => Position | null,
): Position[] | null {
  const positions: Position[] = [];
  for (const nodeId of ring) {
    const position = coordOf(nodeId);
    if (position === null) return null;
    positions.push(position);
  }
  return dedupeConsecutive(positions);
}

/**
 * Builds the area of a multipolygon relation from its member ways: outer and inner rings are joined from
 * way segments, each inner ring goes to the smallest outer ring that contains it, several outers give a
 * MultiPolygon. Rings are wound per RFC 7946. Inner rings outside every outer are dropped (counted).
 */
export function assembleMultipolygon(
  members: readonly MemberWay[],
  coordOf: (nodeId: number) => Position | null,
): AssemblyResult {
  const outerWays = members.filter((m) => OUTER_ROLES.has(m.role)).map((m) => m.refs);
  const innerWays = members.filter((m) => m.role === 'inner').map((m) => m.refs);
  if (outerWays.length === 0) return { ok: false, reason: 'no-outer' };

  const outerIds = joinWaysIntoRings(outerWays);
  const innerIds = joinWaysIntoRings(innerWays);
  if (outerIds === null || innerIds === null) return { ok: false, reason: 'unclosed-ring' };

  const outers: Position[][] = [];
  for (const ids of outerIds) {
    const ring = toPositions(ids, coordOf);
    if (ring === null) return { ok: false, reason: 'missing-node' };
    // Spikes (a way drawn out and back) leave zero-area loops: drop them, keep the real rings.
    if (isValidRing(ring)) outers.push(ring);
  }
  if (outers.length === 0) return { ok: false, reason: 'degenerate-ring' };
  const inners: Position[][] = [];
  for (const ids of innerIds) {
    const ring = toPositions(ids, coordOf);
    if (ring === null) return { ok: false, reason: 'missing-node' };
    if (isValidRing(ring)) inners.push(ring);
  }

  const outerAreas = outers.map((ring) => Math.abs(ringSignedArea(ring)));
  const holes: Position[][][] = outers.map(() => []);
  let droppedInnerRings = 0;
  for (const inner of inners) {
    let best = -1;
    outers.forEach((outer, index) => {
      if (
        (best === -1 || (outerAreas[index] ?? 0) < (outerAreas[best] ?? 0)) &&
        ringInsideRing(inner, outer)
      ) {
        best = index;
      }
    });
    if (best === -1) droppedInnerRings++;
    else holes[best]?.push(orientRing(inner, false));
  }

  const polygons: Position[][][] = outers.map((outer, index) => [
    orientRing(outer, true),
    ...(holes[index] ?? []),
  ]);
  const geometry: Polygon | MultiPolygon =
    polygons.length === 1
      ? { type: 'Polygon', coordinates: polygons[0] as Position[][] }
      : { type: 'MultiPolygon', coordinates: polygons };
  return { ok: true, geometry, droppedInnerRings };
}
