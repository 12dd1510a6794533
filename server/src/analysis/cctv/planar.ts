/**
 * Plane geometry in local metres on polygon-clipping's shapes (rings of [x, y], closed or not): areas,
 * boxes, point in polygon, the end of a line.
 */
import type { MultiPolygon, Pair, Ring } from 'polygon-clipping';

export type Box = [minX: number, minY: number, maxX: number, maxY: number];

/** Shoelace area, positive counter-clockwise. */
export function signedRingArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  }
  return sum / 2;
}

/** Area of polygons with holes, whatever their rings' winding. */
export function multiPolygonArea(multi: MultiPolygon): number {
  let area = 0;
  for (const [outer, ...holes] of multi) {
    area += Math.abs(signedRingArea(outer!));
    for (const hole of holes) area -= Math.abs(signedRingArea(hole));
  }
  return area;
}

export function boxOf(multi: MultiPolygon): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of multi) for (const ring of polygon) for (const p of ring) extendBox(box, p);
  return box;
}

export function extendBox(box: Box, [x, y]: Pair): void {
  if (x < box[0]) box[0] = x;
  if (y < box[1]) box[1] = y;
  if (x > box[2]) box[2] = x;
  if (y > box[3]) box[3] = y;
}

export const boxesOverlap = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Even-odd point in polygon over every ring of every polygon (rings do not cross: holes toggle). */
export function pointInMultiPolygon([x, y]: Pair, multi: MultiPolygon): boolean {
  let inside = false;
  for (const polygon of multi) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > y !== yj > y && x < xj + ((y - yj) * (xi - xj)) / (yi - yj)) inside = !inside;
      }
    }
  }
  return inside;
}

/** The last `lengthM` metres of a line (all of it when shorter). */
export function lineTail(line: Pair[], lengthM: number): Pair[] {
  const tail: Pair[] = [line[line.length - 1]!];
  let left = lengthM;
  for (let k = line.length - 1; k > 0 && left > 0; k--) {
    const b = line[k]!;
    const a = line[k - 1]!;
    const d = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (d >= left) {
      const f = left / d;
      tail.push([b[0] + (a[0] - b[0]) * f, b[1] + (a[1] - b[1]) * f]);
      left = 0;
    } else {
      tail.push(a);
      left -= d;
    }
  }
  return tail.reverse();
}
