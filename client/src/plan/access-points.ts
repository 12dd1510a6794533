/**
 * A cordon's access points (`properties.accessPoints`: where pedestrians, vehicles or the emergency
 * services get through it) and the pure updaters the map and the properties panel edit them with. Each
 * returns a new list; the plan saves it as one change to the cordon, so undo works as for any edit.
 */
import type { Polygon, Position } from 'geojson';

export const ACCESS_POINT_KINDS = ['pedestrian', 'vehicle', 'emergency'] as const;
export type AccessPointKind = (typeof ACCESS_POINT_KINDS)[number];

export const ACCESS_POINT_LABELS: Record<AccessPointKind, string> = {
  pedestrian: 'Pedestrian',
  vehicle: 'Vehicle',
  emergency: 'Emergency',
};

export interface AccessPoint {
  position: Position;
  kind: AccessPointKind;
}

/** Most cordon openings are for people on foot; the planner picks another kind in the panel. */
export const NEW_ACCESS_POINT_KIND: AccessPointKind = 'pedestrian';

const isKind = (value: unknown): value is AccessPointKind =>
  (ACCESS_POINT_KINDS as readonly unknown[]).includes(value);

/** The stored access points (the server has checked them); anything else reads as none. */
export function accessPointsOf(properties: Record<string, unknown>): AccessPoint[] {
  const list = properties.accessPoints;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (p): p is AccessPoint =>
      typeof p === 'object' && p !== null && Array.isArray(p.position) && isKind(p.kind),
  );
}

export const addAccessPoint = (points: readonly AccessPoint[], point: AccessPoint): AccessPoint[] => [
  ...points,
  point,
];

export const moveAccessPoint = (
  points: readonly AccessPoint[],
  index: number,
  position: Position,
): AccessPoint[] => points.map((p, i) => (i === index ? { ...p, position } : p));

export const setAccessPointKind = (
  points: readonly AccessPoint[],
  index: number,
  kind: AccessPointKind,
): AccessPoint[] => points.map((p, i) => (i === index ? { ...p, kind } : p));

export const removeAccessPoint = (points: readonly AccessPoint[], index: number): AccessPoint[] =>
  points.filter((_, i) => i !== index);

const METRES_PER_DEGREE = 111_320;

/** 7 decimals (≈ 1 cm), as the server stores coordinates: a saved point reads back unchanged (and −0 as 0). */
const roundPosition = (p: Position): Position => p.map((c) => Math.round(c * 1e7) / 1e7 || 0);

/**
 * The nearest point of a polygon's outer ring to `position` (an access point is an opening in the
 * perimeter, so it sits on it) and its distance in metres. Worked on a local flat projection: cordons
 * are a few hundred metres across.
 */
export function nearestOnOutline(
  polygon: Polygon,
  position: Position,
): { position: Position; distanceM: number } {
  const ring = polygon.coordinates[0] ?? [];
  const [lon0, lat0] = position as [number, number];
  const kx = METRES_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180);
  const ky = METRES_PER_DEGREE;
  let best = { position, distanceM: Infinity };
  for (let i = 0; i + 1 < ring.length; i++) {
    const ax = (ring[i]![0]! - lon0) * kx;
    const ay = (ring[i]![1]! - lat0) * ky;
    const bx = (ring[i + 1]![0]! - lon0) * kx;
    const by = (ring[i + 1]![1]! - lat0) * ky;
    const length2 = (bx - ax) ** 2 + (by - ay) ** 2;
    // The point itself is the origin: project it onto the segment and clamp to its ends.
    const t = length2 === 0 ? 0 : Math.min(1, Math.max(0, -(ax * (bx - ax) + ay * (by - ay)) / length2));
    const x = ax + t * (bx - ax);
    const y = ay + t * (by - ay);
    const distanceM = Math.hypot(x, y);
    if (distanceM < best.distanceM) best = { position: [lon0 + x / kx, lat0 + y / ky], distanceM };
  }
  return { position: roundPosition(best.position), distanceM: best.distanceM };
}
