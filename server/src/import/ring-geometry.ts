import type { Position } from 'geojson';

/**
 * Planar ring helpers on lon/lat. Good enough for what they decide here (winding order, which outer ring
 * contains an inner one), which does not depend on the map projection for rings of a city's size.
 */

/** Shoelace signed area in degrees²: > 0 counter-clockwise, < 0 clockwise. */
export function ringSignedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j];
    const b = ring[i];
    if (a === undefined || b === undefined) continue;
    sum += ((a[0] ?? 0) - (b[0] ?? 0)) * ((a[1] ?? 0) + (b[1] ?? 0));
  }
  return sum / 2;
}

/** RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise. Returns the ring or a reversed copy. */
export function orientRing(ring: Position[], counterClockwise: boolean): Position[] {
  const ccw = ringSignedArea(ring) > 0;
  return ccw === counterClockwise ? ring : [...ring].reverse();
}

/** Even-odd ray casting; points exactly on an edge may go either way. */
export function pointInRing(point: Position, ring: readonly Position[]): boolean {
  const x = point[0] ?? 0;
  const y = point[1] ?? 0;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (a === undefined || b === undefined) continue;
    const ax = a[0] ?? 0;
    const ay = a[1] ?? 0;
    const bx = b[0] ?? 0;
    const by = b[1] ?? 0;
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside;
}

/** Whether most vertices of `inner` lie inside `outer` (robust to inner rings that touch their outer). */
export function ringInsideRing(inner: readonly Position[], outer: readonly Position[]): boolean {
  let inside = 0;
  let tested = 0;
  // The last vertex repeats the first; sample up to 16 vertices spread along the ring.
  const count = Math.max(1, inner.length - 1);
  const step = Math.max(1, Math.floor(count / 16));
  for (let i = 0; i < count; i += step) {
    const vertex = inner[i];
    if (vertex === undefined) continue;
    tested++;
    if (pointInRing(vertex, outer)) inside++;
  }
  return tested > 0 && inside * 2 > tested;
}

/** Removes consecutive duplicate positions (ways that repeat a node, or nodes at identical coordinates). */
export function dedupeConsecutive(positions: Position[]): Position[] {
  const out: Position[] = [];
  for (const position of positions) {
    const last = out[out.length - 1];
    if (last !== undefined && last[0] === position[0] && last[1] === position[1]) continue;
    out.push(position);
  }
  return out;
}

/** A closed ring with at least three distinct corners and a non-zero area. */
export function isValidRing(ring: readonly Position[]): boolean {
  if (ring.length < 4) return false;
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first === undefined || last === undefined || first[0] !== last[0] || first[1] !== last[1]) return false;
  return ringSignedArea(ring) !== 0;
}
