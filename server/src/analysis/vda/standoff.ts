/**
 * Achieved standoff (DOMAIN.md §4): for one protected zone and one vehicle class, the shortest distance
 * from the zone to any point the vehicle can reach, with the point pair that gives it. Reached is every
 * edge with a label (driven end to end), and on an edge where a measure stopped the vehicle, the stretch up
 * to the measure plus the rating's penetration past it. A way in that stays open reaches the zone: 0 m.
 *
 * The zone comes in local metres (approach-vectors.ts `polygonToLocal`); the points go out in WGS84.
 */
import type { Polygon, Position } from 'geojson';
import { ZoneRings } from './approach-vectors.js';
import type { TraversalGraph } from './graph.js';
import { toLonLat } from './projection.js';
import type { SpeedField } from './propagate.js';

export interface AchievedStandoff {
  distanceM: number;
  /** The nearest point the vehicle gets to, and the nearest point of the zone to it (WGS84). */
  vehiclePoint: Position;
  zonePoint: Position;
  /** enters: a way in is open; stopped: nearest where a measure stops it (with its penetration); reached. */
  how: 'enters' | 'stopped' | 'reached';
  /** For `stopped`: the measure (index into graph.measures) and the penetration counted (m). */
  measureIndex: number | null;
  penetrationM: number | null;
}

/** Closest points of segments p0→p1 and q0→q1 and their distance (0 where they cross). */
function segmentDistance(
  p0x: number,
  p0y: number,
  p1x: number,
  p1y: number,
  q0x: number,
  q0y: number,
  q1x: number,
  q1y: number,
): PointPair {
  const rx = p1x - p0x;
  const ry = p1y - p0y;
  const sx = q1x - q0x;
  const sy = q1y - q0y;
  const denom = rx * sy - ry * sx;
  if (denom !== 0) {
    const t = ((q0x - p0x) * sy - (q0y - p0y) * sx) / denom;
    const u = ((q0x - p0x) * ry - (q0y - p0y) * rx) / denom;
    if (t >= 0 && t <= 1 && u >= 0 && u <= 1) {
      const x = p0x + t * rx;
      const y = p0y + t * ry;
      return { d: 0, px: x, py: y, qx: x, qy: y };
    }
  }
  // Otherwise the minimum is at an endpoint of one of them.
  let best = nearestOn(p0x, p0y, q0x, q0y, q1x, q1y, true, null);
  best = nearestOn(p1x, p1y, q0x, q0y, q1x, q1y, true, best);
  best = nearestOn(q0x, q0y, p0x, p0y, p1x, p1y, false, best);
  return nearestOn(q1x, q1y, p0x, p0y, p1x, p1y, false, best);
}

type PointPair = { d: number; px: number; py: number; qx: number; qy: number };

/**
 * Point A against segment B→C: the pair (A on p, its nearest point on q when `onP`, else the other way
 * round) if nearer than `best`. A module function, not a closure: this runs for every edge near a zone.
 */
function nearestOn(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  onP: boolean,
  best: PointPair | null,
): PointPair {
  const dx = cx - bx;
  const dy = cy - by;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((ax - bx) * dx + (ay - by) * dy) / len2)) : 0;
  const x = bx + t * dx;
  const y = by + t * dy;
  const d = Math.hypot(ax - x, ay - y);
  if (best && d >= best.d) return best;
  return onP ? { d, px: ax, py: ay, qx: x, qy: y } : { d, px: x, py: y, qx: ax, qy: ay };
}

/** The achieved standoff of `zone` (local metres) for `field`'s class; null when the vehicle gets nowhere. */
export function achievedStandoff(
  graph: TraversalGraph,
  field: SpeedField,
  zone: Polygon,
): AchievedStandoff | null {
  const penetration = new Map(field.stops.map((s) => [s.measureIndex, s.penetrationM]));
  const rings = new ZoneRings(zone);
  const { minX, maxX, minY, maxY } = rings;
  let best: (AchievedStandoff & { px: number; py: number; qx: number; qy: number }) | null = null;

  for (let e = 0; e < graph.edgeCount; e++) {
    const driven = field.best[e]! >= 0;
    const stopped = !driven && field.stoppedEntrySpeed[e]! >= 0;
    if (!driven && !stopped) continue;
    const a = graph.edgeFrom[e]!;
    const b = graph.edgeTo[e]!;
    const ax = graph.nodeX[a]!;
    const ay = graph.nodeY[a]!;
    let bx = graph.nodeX[b]!;
    let by = graph.nodeY[b]!;
    let measure: number | null = null;
    let pen: number | null = null;
    if (stopped) {
      measure = graph.edgeMeasure[e]!;
      pen = penetration.get(measure) ?? 0;
      const f = Math.min(1, (graph.edgeMeasureAt[e]! + pen) / graph.edgeLength[e]!);
      bx = ax + f * (bx - ax);
      by = ay + f * (by - ay);
    }
    // Nothing nearer than the best so far can come from a segment whose box is farther from the zone's.
    const limit = best ? best.distanceM : Infinity;
    if (
      Math.min(ax, bx) - maxX > limit ||
      minX - Math.max(ax, bx) > limit ||
      Math.min(ay, by) - maxY > limit ||
      minY - Math.max(ay, by) > limit
    )
      continue;
    let nearest = { d: Infinity, px: 0, py: 0, qx: 0, qy: 0 };
    if (!rings.outside(ax, ay)) nearest = { d: 0, px: ax, py: ay, qx: ax, qy: ay };
    else {
      for (const ring of zone.coordinates) {
        for (let i = 1; i < ring.length && nearest.d > 0; i++) {
          const c = segmentDistance(
            ax,
            ay,
            bx,
            by,
            ring[i - 1]![0]!,
            ring[i - 1]![1]!,
            ring[i]![0]!,
            ring[i]![1]!,
          );
          if (c.d < nearest.d) nearest = c;
        }
      }
    }
    // Nearer wins; at equal distance an open way in wins over a stop.
    if (
      best &&
      (nearest.d > best.distanceM || (nearest.d === best.distanceM && (stopped || best.how === 'enters')))
    )
      continue;
    best = {
      distanceM: nearest.d,
      vehiclePoint: [],
      zonePoint: [],
      how: nearest.d === 0 ? (stopped ? 'stopped' : 'enters') : stopped ? 'stopped' : 'reached',
      measureIndex: stopped ? measure : null,
      penetrationM: stopped ? pen : null,
      ...nearest,
    };
    if (best.distanceM === 0 && !stopped) break;
  }
  if (!best) return null;
  const round7 = (c: number) => Math.round(c * 1e7) / 1e7;
  const { px, py, qx, qy, ...result } = best;
  return {
    ...result,
    distanceM: Math.round(result.distanceM * 100) / 100,
    vehiclePoint: toLonLat(graph.projection, px, py).map(round7),
    zonePoint: toLonLat(graph.projection, qx, qy).map(round7),
  };
}
