/**
 * The CCTV coverage analysis as the client reads it: a mirror of server/src/schemas/coverage-analysis.ts,
 * trimmed to the fields the client uses.
 */
import type { LineString, MultiLineString, MultiPolygon, Position } from 'geojson';
import type { VectorStatus, VehicleClass } from './types.js';

/** EN 62676-4 detail levels, lowest first (DOMAIN.md §5). */
export const DETAIL_LEVELS = ['monitor', 'detect', 'observe', 'recognise', 'identify', 'inspect'] as const;
export type DetailLevel = (typeof DETAIL_LEVELS)[number];

export interface CoverageRequest {
  detailLevel: DetailLevel;
  /** The approach vectors scored: the classes of the approach run shown ([] scores none). */
  vehicleClasses: VehicleClass[];
}

interface Collection<G, P> {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: G; properties: P }[];
}

export interface CoverageCamera {
  id: string;
  name: string | null;
  position: Position;
  heightM: number;
  bearingDeg: number;
  hfovDeg: number;
  resolutionPx: number;
  levels: { level: DetailLevel; ppm: number; groundM: number }[];
  viewAreaM2: number;
  coverageAreaM2: number;
  privacyAreaM2: number;
  warnings: string[];
}

export interface ZoneCoverage {
  zoneId: string;
  zoneName: string;
  areaM2: number;
  seenAreaM2: number;
  areaShare: number;
  redundantShare: number;
  perimeterM: number;
  seenPerimeterM: number;
  perimeterShare: number;
  cameraIds: string[];
}

export interface VectorTailProperties {
  zoneId: string;
  vehicleClass: VehicleClass;
  status: VectorStatus;
  impactSpeedKmh: number;
  impactPoint: Position;
  tailM: number;
  seenM: number;
  share: number;
  impactSeen: boolean;
  impactSeenBy: string[];
}
export type VectorTail = Collection<LineString, VectorTailProperties>['features'][number];

export interface AccessPointCoverage {
  measureId: string;
  index: number;
  kind: 'pedestrian' | 'vehicle' | 'emergency';
  position: Position;
  seen: boolean;
  seenBy: string[];
}

export interface BlindSpotProperties {
  zoneId: string;
  part: 'area' | 'perimeter';
  areaM2: number | null;
  lengthM: number | null;
}

export interface CoverageResult {
  detailLevel: DetailLevel;
  vectorTailM: number;
  cameras: CoverageCamera[];
  bands: Collection<
    MultiPolygon,
    { cameraId: string; level: DetailLevel; fromM: number; toM: number; areaM2: number }
  >;
  coverage: Collection<MultiPolygon, { cameraId: string; areaM2: number }>;
  zones: ZoneCoverage[];
  blindSpots: Collection<MultiPolygon | MultiLineString, BlindSpotProperties>;
  vectors: Collection<LineString, VectorTailProperties>;
  accessPoints: AccessPointCoverage[];
  privacy: Collection<
    MultiPolygon,
    { cameraId: string; areaM2: number; buildingAreaM2: number; landAreaM2: number }
  >;
}
