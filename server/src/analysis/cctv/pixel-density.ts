/**
 * Pixel density and EN 62676-4 detail levels (DOMAIN.md §5). Pure arithmetic; angles in degrees.
 */

/** EN 62676-4 detail levels, px/m at the target (DOMAIN.md §5), lowest first. */
export const DETAIL_LEVELS = [
  { level: 'monitor', ppm: 12.5 },
  { level: 'detect', ppm: 25 },
  { level: 'observe', ppm: 62.5 },
  { level: 'recognise', ppm: 125 },
  { level: 'identify', ppm: 250 },
  { level: 'inspect', ppm: 1000 },
] as const;

export type DetailLevel = (typeof DETAIL_LEVELS)[number]['level'];
export const DETAIL_LEVEL_NAMES: readonly DetailLevel[] = DETAIL_LEVELS.map((l) => l.level);

const RAD = Math.PI / 180;

/**
 * Floating point must not drop a value that is on a threshold to the level below (1920 px at 90° gives
 * 250.00000000000003 or 249.99999999999997 px/m at 3.84 m depending on the order of operations).
 */
const ON_THRESHOLD = 1e-9;

export const levelPpm = (level: DetailLevel): number => DETAIL_LEVELS.find((l) => l.level === level)!.ppm;

/**
 * Horizontal pixels per metre at distance `distanceM`: ppm = p / (2·d·tan(φ/2)) (DOMAIN.md §5) for a
 * rectilinear lens. A field of view of 180° or more is a fisheye or panoramic camera, whose pixels are
 * spread evenly over the angle: p / (φ·d), φ in radians (the arc at d).
 */
export function pixelDensity(resolutionPx: number, hfovDeg: number, distanceM: number): number {
  return resolutionPx / (distanceM * spanFactor(hfovDeg));
}

/** The distance at which the pixel density falls to `ppm` (the inverse of `pixelDensity`). */
export function distanceForDensity(resolutionPx: number, hfovDeg: number, ppm: number): number {
  return resolutionPx / (ppm * spanFactor(hfovDeg));
}

/** Metres of scene width per metre of distance. */
function spanFactor(hfovDeg: number): number {
  return hfovDeg < 180 ? 2 * Math.tan((hfovDeg * RAD) / 2) : hfovDeg * RAD;
}

/** The highest detail level a pixel density reaches (a value on a threshold counts); null below monitor. */
export function detailLevelOf(ppm: number): DetailLevel | null {
  let best: DetailLevel | null = null;
  for (const { level, ppm: threshold } of DETAIL_LEVELS)
    if (ppm >= threshold * (1 - ON_THRESHOLD)) best = level;
  return best;
}

/** Horizontal field of view of a lens on a sensor: φ = 2·atan(w / 2f) (DOMAIN.md §5), degrees. */
export function lensFieldOfViewDeg(sensorWidthMm: number, focalLengthMm: number): number {
  return (2 * Math.atan(sensorWidthMm / (2 * focalLengthMm))) / RAD;
}
