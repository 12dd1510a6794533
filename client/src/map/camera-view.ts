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

/** The sector, or null when the camera has no bearing or field of view to draw. */
export function cameraSector(position: Position, properties: Record<string, unknown>): Polygon | null {
  const fov = horizontalFov(properties);
  const bearing = properties.bearingDeg;
  if (fov === null || typeof bearing !== 'number') return null;
  const range = typeof properties.maxRangeM === 'number' ? properties.maxRangeM : DEFAULT_VIEW_RANGE_M;
  const [lon, lat] = position as [number, number];
  const metresPerLon = METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  const steps = Math.max(2, Math.ceil(fov / 5));
  const ring: Position[] = fov >= 360 ? [] : [[lon, lat]];
  for (let i = 0; i <= steps; i++) {
    const angle = ((bearing - fov / 2 + (fov * i) / steps) * Math.PI) / 180;
    ring.push([
      lon + (range * Math.sin(angle)) / metresPerLon,
      lat + (range * Math.cos(angle)) / METRES_PER_DEGREE,
    ]);
  }
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

/** Where a camera's aim handle sits: along its bearing, at its range. */
export function aimPoint(position: Position, properties: Record<string, unknown>): Position | null {
  const bearing = properties.bearingDeg;
  if (typeof bearing !== 'number') return null;
  const range = typeof properties.maxRangeM === 'number' ? properties.maxRangeM : DEFAULT_VIEW_RANGE_M;
  const [lon, lat] = position as [number, number];
  const angle = (bearing * Math.PI) / 180;
  const metresPerLon = METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  return [
    lon + (range * Math.sin(angle)) / metresPerLon,
    lat + (range * Math.cos(angle)) / METRES_PER_DEGREE,
  ];
}

/** The bearing (degrees clockwise from north, 0–360) and range (m) from a camera to where it is aimed. */
export function aimFrom(position: Position, target: Position): { bearingDeg: number; maxRangeM: number } {
  const [lon, lat] = position as [number, number];
  const metresPerLon = METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  const east = (target[0]! - lon) * metresPerLon;
  const north = (target[1]! - lat) * METRES_PER_DEGREE;
  const bearing = (Math.atan2(east, north) * 180) / Math.PI;
  return {
    bearingDeg: Math.round((bearing + 360) % 360),
    maxRangeM: Math.max(1, Math.round(Math.hypot(east, north))),
  };
}
