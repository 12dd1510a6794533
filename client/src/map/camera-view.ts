/**
 * A camera's field of view on the map: the sector from its position along its bearing, as wide as its
 * horizontal field of view and as long as its range. Drawn, not analysed: coverage with occlusion is the
 * server's CCTV analysis (C4).
 */
import type { Polygon, Position } from 'geojson';

/** Shown when a camera has no maximum range yet: a typical "recognise" distance for a street camera. */
export const DEFAULT_VIEW_RANGE_M = 40;

const METRES_PER_DEGREE = 111_320;

/** The horizontal field of view, from `hfovDeg` or from the sensor width and focal length. */
export function horizontalFov(properties: Record<string, unknown>): number | null {
  const { hfovDeg, sensorWidthMm, focalLengthMm } = properties;
  if (typeof hfovDeg === 'number') return hfovDeg;
  if (typeof sensorWidthMm === 'number' && typeof focalLengthMm === 'number' && focalLengthMm > 0) {
    return (2 * Math.atan(sensorWidthMm / (2 * focalLengthMm)) * 180) / Math.PI;
  }
  return null;
}

const rangeOf = (properties: Record<string, unknown>) =>
  typeof properties.maxRangeM === 'number' ? properties.maxRangeM : DEFAULT_VIEW_RANGE_M;

/** The point `rangeM` metres from `position` along `bearingDeg` (flat: camera views are short). */
function pointAlong(position: Position, bearingDeg: number, rangeM: number): Position {
  const [lon, lat] = position as [number, number];
  const angle = (bearingDeg * Math.PI) / 180;
  const metresPerLon = METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  return [
    lon + (rangeM * Math.sin(angle)) / metresPerLon,
    lat + (rangeM * Math.cos(angle)) / METRES_PER_DEGREE,
  ];
}

/** The sector, or null when the camera has no bearing or field of view to draw. */
export function cameraSector(position: Position, properties: Record<string, unknown>): Polygon | null {
  const fov = horizontalFov(properties);
  const bearing = properties.bearingDeg;
  if (fov === null || typeof bearing !== 'number') return null;
  const range = rangeOf(properties);
  const steps = Math.max(2, Math.ceil(fov / 5));
  const ring: Position[] = fov >= 360 ? [] : [position];
  for (let i = 0; i <= steps; i++)
    ring.push(pointAlong(position, bearing - fov / 2 + (fov * i) / steps, range));
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

/** Where a camera's aim handle sits: along its bearing, at its range. */
export function aimPoint(position: Position, properties: Record<string, unknown>): Position | null {
  const bearing = properties.bearingDeg;
  if (typeof bearing !== 'number') return null;
  return pointAlong(position, bearing, rangeOf(properties));
}

/** Metres east and north from `position` to `target`. */
function offsetTo(position: Position, target: Position): { east: number; north: number } {
  const [lon, lat] = position as [number, number];
  const metresPerLon = METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  return { east: (target[0]! - lon) * metresPerLon, north: (target[1]! - lat) * METRES_PER_DEGREE };
}

/** Degrees clockwise from north, −180–180. */
const bearingOf = ({ east, north }: { east: number; north: number }) =>
  (Math.atan2(east, north) * 180) / Math.PI;

/** The bearing (degrees clockwise from north, 0–360) and range (m) from a camera to where it is aimed. */
export function aimFrom(position: Position, target: Position): { bearingDeg: number; maxRangeM: number } {
  const offset = offsetTo(position, target);
  return {
    bearingDeg: Math.round((bearingOf(offset) + 360) % 360),
    maxRangeM: Math.max(1, Math.round(Math.hypot(offset.east, offset.north))),
  };
}

/** Which edge of the sector a field-of-view handle is on, looking along the bearing. */
export type FovSide = 'left' | 'right';

/** Where the field-of-view handles sit: the two ends of the sector's arc; null without a sector. */
export function fovHandlePoints(
  position: Position,
  properties: Record<string, unknown>,
): Record<FovSide, Position> | null {
  const fov = horizontalFov(properties);
  const bearing = properties.bearingDeg;
  if (fov === null || typeof bearing !== 'number') return null;
  const range = rangeOf(properties);
  return {
    left: pointAlong(position, bearing - fov / 2, range),
    right: pointAlong(position, bearing + fov / 2, range),
  };
}

/**
 * The field of view whose edge passes through `target`: twice the angle between the bearing and the
 * target, either side (the view widens or narrows about its bearing), in whole degrees from 1 to 360.
 */
export function fovTo(position: Position, bearingDeg: number, target: Position): number {
  const towards = bearingOf(offsetTo(position, target));
  const off = Math.abs(((((towards - bearingDeg) % 360) + 540) % 360) - 180);
  return Math.min(360, Math.max(1, Math.round(2 * off)));
}

/** A rectilinear lens cannot see 180°; a wide camera lens stops well short of it. */
export const MAX_LENS_FOV_DEG = 170;

/**
 * The change (a merge patch) that gives a camera `fovDeg`: its `hfovDeg`, or, for a camera described by
 * its sensor and lens, the focal length that sees that wide (a varifocal lens turned), so the camera keeps
 * the form the planner gave it.
 */
export function fovPatch(properties: Record<string, unknown>, fovDeg: number): Record<string, unknown> {
  const { hfovDeg, sensorWidthMm } = properties;
  if (typeof hfovDeg === 'number' || typeof sensorWidthMm !== 'number') return { hfovDeg: fovDeg };
  const half = (Math.min(fovDeg, MAX_LENS_FOV_DEG) * Math.PI) / 360;
  return { focalLengthMm: Math.round((sensorWidthMm / (2 * Math.tan(half))) * 100) / 100 };
}
