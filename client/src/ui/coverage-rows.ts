/**
 * The coverage tables' rows from the API's answer, each value in words with its unit (m, m², %, px, °).
 * Shares are never rounded up to "100%" or down to "0%": a camera seeing 99.6 % of an edge does not see
 * all of it.
 */
import type { AccessPointCoverage, CoverageResult, VectorTail } from '../api/coverage-types.js';
import { VEHICLE_CLASSES } from '../api/types.js';
import { formatSpeed, type SpeedUnit } from '../units.js';

const whole = (x: number) => Math.round(x).toLocaleString('en');

/** "958 m²", "7.5 m²": tenths below 10 m². */
export const formatArea = (m2: number) => `${m2 < 10 && m2 > 0 ? m2.toFixed(1) : whole(m2)} m²`;

/** "39 m", "7.5 m": tenths below 10 m. */
export const formatMetres = (m: number) => `${m < 10 && m > 0 ? m.toFixed(1) : whole(m)} m`;

/** A share (0…1) in whole per cent, with "<1%" and ">99%" for what rounding would turn into none or all. */
export function formatShare(share: number): string {
  if (share <= 0) return '0%';
  if (share >= 1) return '100%';
  if (share < 0.01) return '<1%';
  if (share > 0.99) return '>99%';
  return `${Math.round(share * 100)}%`;
}

const seenBy = (ids: readonly string[]) =>
  ids.length === 0 ? 'not seen' : `seen by ${ids.length} camera${ids.length === 1 ? '' : 's'}`;

export interface ZoneRow {
  zoneId: string;
  name: string;
  area: string;
  areaShare: string;
  perimeter: string;
  perimeterShare: string;
  /** Share of the area seen by two cameras or more. */
  redundant: string;
  cameras: number;
}

export function zoneRows(result: CoverageResult): ZoneRow[] {
  return result.zones.map((z) => ({
    zoneId: z.zoneId,
    name: z.zoneName,
    area: `${formatArea(z.seenAreaM2)} of ${formatArea(z.areaM2)}`,
    areaShare: formatShare(z.areaShare),
    perimeter: `${formatMetres(z.seenPerimeterM)} of ${formatMetres(z.perimeterM)}`,
    perimeterShare: formatShare(z.perimeterShare),
    redundant: formatShare(z.redundantShare),
    cameras: z.cameraIds.length,
  }));
}

export interface CameraRow {
  id: string;
  name: string;
  resolution: string;
  fov: string;
  area: string;
  privacy: string;
  warnings: string[];
}

export function cameraRows(result: CoverageResult): CameraRow[] {
  return result.cameras.map((c) => ({
    id: c.id,
    name: c.name ?? 'Unnamed camera',
    resolution: `${c.resolutionPx.toLocaleString('en')} px`,
    fov: `${Math.round(c.hfovDeg * 10) / 10}°`,
    area: formatArea(c.coverageAreaM2),
    privacy: c.privacyAreaM2 > 0 ? formatArea(c.privacyAreaM2) : 'none',
    warnings: c.warnings,
  }));
}

export interface VectorRow {
  /** Index into `result.vectors.features`. */
  index: number;
  tail: VectorTail;
  zone: string;
  speed: string;
  seen: string;
  share: string;
  impact: string;
}

export function vectorRows(result: CoverageResult, unit: SpeedUnit): VectorRow[] {
  const zoneName = (id: string) => result.zones.find((z) => z.zoneId === id)?.zoneName ?? 'Zone';
  return result.vectors.features
    .map((tail, index) => ({ tail, index }))
    .sort(
      (a, b) =>
        zoneName(a.tail.properties.zoneId).localeCompare(zoneName(b.tail.properties.zoneId)) ||
        VEHICLE_CLASSES.indexOf(a.tail.properties.vehicleClass) -
          VEHICLE_CLASSES.indexOf(b.tail.properties.vehicleClass) ||
        b.tail.properties.impactSpeedKmh - a.tail.properties.impactSpeedKmh,
    )
    .map(({ tail, index }) => ({
      index,
      tail,
      zone: zoneName(tail.properties.zoneId),
      speed: formatSpeed(tail.properties.impactSpeedKmh, unit),
      seen: `${formatMetres(tail.properties.seenM)} of ${formatMetres(tail.properties.tailM)}`,
      share: formatShare(tail.properties.share),
      impact: seenBy(tail.properties.impactSeenBy),
    }));
}

export interface AccessPointRow {
  key: string;
  point: AccessPointCoverage;
  label: string;
  seen: string;
}

/** `cordonNames`: the cordons' names by measure id (the answer has only their ids). */
export function accessPointRows(
  result: CoverageResult,
  cordonNames: ReadonlyMap<string, string>,
): AccessPointRow[] {
  return result.accessPoints.map((point) => ({
    key: `${point.measureId}/${point.index}`,
    point,
    label: `${cordonNames.get(point.measureId) ?? 'Cordon'}, point ${point.index + 1} (${point.kind})`,
    seen: seenBy(point.seenBy),
  }));
}

/** How many of the impact and access points two cameras or more see (one camera down leaves them seen). */
export function redundancy(result: CoverageResult): { impactPoints: number; accessPoints: number } {
  return {
    impactPoints: result.vectors.features.filter((t) => t.properties.impactSeenBy.length >= 2).length,
    accessPoints: result.accessPoints.filter((a) => a.seenBy.length >= 2).length,
  };
}
