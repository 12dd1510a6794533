/**
 * Whether the cameras see what matters (issue 6): per protected zone the share of its area and of its
 * perimeter seen at the chosen detail level, and the blind spots; per approach vector the share of its
 * last metres seen and whether its impact point is; per access point, seen or not; and redundancy (how
 * many cameras see each point, and the share of a zone seen by two or more). Local metres throughout.
 */
import type { MultiPolygon, Pair, Polygon } from 'polygon-clipping';
import { difference, intersection, union } from './clip.js';
import {
  boxesOverlap,
  boxOf,
  lineTail,
  multiPolygonArea,
  pointInMultiPolygon,
  signedRingArea,
  type Box,
} from './planar.js';

export interface CameraCoverage {
  id: string;
  /** The ground this camera sees at the chosen level or better. */
  coverage: MultiPolygon;
}

export interface ZoneTarget {
  id: string;
  name: string;
  polygon: Polygon;
}

export interface VectorTarget {
  /** The path, ending at the impact point on the zone. */
  line: Pair[];
}

export interface PointTarget {
  point: Pair;
}

/**
 * Points on a zone's edge and impact points are tested this far outside the zone: a building zone's wall
 * is also the edge of the views that stop at it, and a point exactly on an edge is in or out by rounding.
 */
export const EDGE_OFFSET_M = 0.05;

export interface ZoneCoverage {
  id: string;
  name: string;
  areaM2: number;
  seenAreaM2: number;
  areaShare: number;
  /** Share of the zone's area seen by two cameras or more. */
  redundantShare: number;
  perimeterM: number;
  seenPerimeterM: number;
  perimeterShare: number;
  /** The zone's area and perimeter not seen. */
  blindArea: MultiPolygon;
  blindPerimeter: Pair[][];
  /** Cameras seeing part of the zone. */
  cameraIds: string[];
}

export interface LineCoverage {
  tailM: number;
  seenM: number;
  share: number;
  impactSeenBy: string[];
}

interface Indexed extends CameraCoverage {
  box: Box;
}

const seenBy = (cameras: Indexed[], p: Pair) =>
  cameras
    .filter((c) => p[0] >= c.box[0] && p[0] <= c.box[2] && p[1] >= c.box[1] && p[1] <= c.box[3])
    .filter((c) => pointInMultiPolygon(p, c.coverage))
    .map((c) => c.id);

/**
 * Lengths of `lines` seen by any of `cameras`: cut where any camera's coverage edge crosses them, each
 * piece tested at its midpoint moved `offset` metres to its right (0: on the line).
 */
function linesSeen(cameras: Indexed[], lines: Pair[][], offset: number) {
  let lengthM = 0;
  let seenM = 0;
  const unseen: Pair[][] = [];
  for (const line of lines) {
    let current: Pair[] | null = null;
    for (let k = 1; k < line.length; k++) {
      const a = line[k - 1]!;
      const b = line[k]!;
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const len = Math.hypot(dx, dy);
      if (len === 0) continue;
      const box: Box = [
        Math.min(a[0], b[0]),
        Math.min(a[1], b[1]),
        Math.max(a[0], b[0]),
        Math.max(a[1], b[1]),
      ];
      const near = cameras.filter((c) => boxesOverlap(c.box, box));
      const ts = [0, 1];
      for (const c of near) {
        for (const polygon of c.coverage) {
          for (const ring of polygon) {
            for (let i = 1; i < ring.length; i++) {
              const [x1, y1] = ring[i - 1]!;
              const [x2, y2] = ring[i]!;
              const ex = x2 - x1;
              const ey = y2 - y1;
              const denom = dx * ey - dy * ex;
              if (denom === 0) continue;
              const t = ((x1 - a[0]) * ey - (y1 - a[1]) * ex) / denom;
              const u = ((x1 - a[0]) * dy - (y1 - a[1]) * dx) / denom;
              if (t > 0 && t < 1 && u >= 0 && u <= 1) ts.push(t);
            }
          }
        }
      }
      ts.sort((p, q) => p - q);
      const nx = (dy / len) * offset;
      const ny = (-dx / len) * offset;
      for (let i = 1; i < ts.length; i++) {
        const t0 = ts[i - 1]!;
        const t1 = ts[i]!;
        if (t1 - t0 < 1e-12) continue;
        const tm = (t0 + t1) / 2;
        const mid: Pair = [a[0] + dx * tm + nx, a[1] + dy * tm + ny];
        const piece = (t1 - t0) * len;
        lengthM += piece;
        if (near.some((c) => pointInMultiPolygon(mid, c.coverage))) {
          seenM += piece;
          current = null;
        } else {
          const p0: Pair = [a[0] + dx * t0, a[1] + dy * t0];
          const p1: Pair = [a[0] + dx * t1, a[1] + dy * t1];
          if (current) current.push(p1);
          else {
            current = [p0, p1];
            unseen.push(current);
          }
        }
      }
    }
  }
  return { lengthM, seenM, unseen };
}

/** A zone's rings as lines, the outer one counter-clockwise and holes clockwise: outside is on the right. */
function perimeterLines(polygon: Polygon): Pair[][] {
  return polygon.map((ring, i) => {
    const ccw = signedRingArea(ring) > 0;
    return ccw === (i === 0) ? ring : [...ring].reverse();
  });
}

export function zoneCoverage(cameras: CameraCoverage[], zone: ZoneTarget): ZoneCoverage {
  const indexed = index(cameras);
  const zoneBox = boxOf([zone.polygon]);
  const parts: { id: string; part: MultiPolygon }[] = [];
  for (const c of indexed) {
    if (!boxesOverlap(c.box, zoneBox)) continue;
    const part = intersection(zone.polygon, c.coverage);
    if (part.length > 0) parts.push({ id: c.id, part });
  }
  // Seen by any, and by two or more: each camera's part against the union of the ones before it.
  let seen: MultiPolygon = [];
  let twice: MultiPolygon = [];
  for (const { part } of parts) {
    if (seen.length > 0) {
      const overlap = intersection(part, seen);
      if (overlap.length > 0) twice = twice.length > 0 ? union(twice, overlap) : overlap;
      seen = union(seen, part);
    } else seen = part;
  }
  const areaM2 = multiPolygonArea([zone.polygon]);
  const seenAreaM2 = multiPolygonArea(seen);
  const blindArea = seen.length > 0 ? difference(zone.polygon, seen) : [zone.polygon];
  const perimeter = linesSeen(indexed, perimeterLines(zone.polygon), EDGE_OFFSET_M);
  return {
    id: zone.id,
    name: zone.name,
    areaM2,
    seenAreaM2,
    areaShare: areaM2 > 0 ? seenAreaM2 / areaM2 : 0,
    redundantShare: areaM2 > 0 ? multiPolygonArea(twice) / areaM2 : 0,
    perimeterM: perimeter.lengthM,
    seenPerimeterM: perimeter.seenM,
    perimeterShare: perimeter.lengthM > 0 ? perimeter.seenM / perimeter.lengthM : 0,
    blindArea,
    blindPerimeter: perimeter.unseen,
    cameraIds: parts.map((p) => p.id),
  };
}

/**
 * The last `tailM` metres of an approach path: the share seen, and which cameras see its impact point
 * (tested `EDGE_OFFSET_M` back along the path, outside the zone).
 */
export function vectorCoverage(cameras: CameraCoverage[], vector: VectorTarget, tailM: number): LineCoverage {
  const indexed = index(cameras);
  const tail = lineTail(vector.line, tailM);
  const seen = linesSeen(indexed, [tail], 0);
  const impact = tail[tail.length - 1]!;
  const before = lineTail(tail, EDGE_OFFSET_M)[0]!;
  return {
    tailM: seen.lengthM,
    seenM: seen.seenM,
    share: seen.lengthM > 0 ? seen.seenM / seen.lengthM : 0,
    impactSeenBy: seenBy(indexed, impact[0] === before[0] && impact[1] === before[1] ? impact : before),
  };
}

/** The cameras that see a point. */
export function pointSeenBy(cameras: CameraCoverage[], point: Pair): string[] {
  return seenBy(index(cameras), point);
}

const indexCache = new WeakMap<CameraCoverage[], Indexed[]>();
function index(cameras: CameraCoverage[]): Indexed[] {
  let indexed = indexCache.get(cameras);
  if (!indexed) {
    indexed = cameras.filter((c) => c.coverage.length > 0).map((c) => ({ ...c, box: boxOf(c.coverage) }));
    indexCache.set(cameras, indexed);
  }
  return indexed;
}
