/**
 * The API's shapes as the client reads them: mirrors of server/src/schemas (sites.ts, zones.ts,
 * measures.ts, vehicles.ts, approach-analysis.ts), trimmed to the fields the client uses.
 */
import type { LineString, Point, Polygon, Position } from 'geojson';

export type BBox = [number, number, number, number];

export interface SiteSummary {
  id: string;
  name: string;
  description: string;
  sourceId: number | null;
  version: number;
  revision: number;
  bbox: BBox;
  areaM2: number;
}

export interface Site extends SiteSummary {
  areaOfInterest: Polygon;
}

export interface SiteCreate {
  name: string;
  description?: string;
  areaOfInterest: Polygon;
  sourceId?: number | null;
}

export interface DataSource {
  id: number;
  name: string;
  bbox: BBox | null;
}

export const ZONE_KINDS = ['crowd', 'building', 'access_control', 'other'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

export const MEASURE_KINDS = ['bollard_line', 'barrier', 'gate', 'chicane', 'camera', 'cordon'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** Properties as stored: the kind's fields plus the version stamp. */
export interface StoredProperties {
  version: number;
  createdAt?: string;
  updatedAt?: string;
  [field: string]: unknown;
}

export type ItemGeometry = Polygon | LineString | Point;

export interface StoredFeature {
  type: 'Feature';
  id: string;
  geometry: ItemGeometry;
  properties: StoredProperties;
}

export interface FeatureList {
  type: 'FeatureCollection';
  features: StoredFeature[];
}

export const VEHICLE_CLASSES = ['M1', 'N1G', 'N1', 'N2', 'N3D', 'N3F'] as const;
export type VehicleClass = (typeof VEHICLE_CLASSES)[number];

export interface VehicleProfile {
  vehicleClass: VehicleClass;
  label: string;
}

/** One entry of the rating catalogue (GET /api/ratings). */
export interface RatingEntry {
  text: string;
  scheme: string;
  description: string;
}

export const VECTOR_STATUSES = ['unmitigated', 'under_rated', 'gap', 'energy_equivalent', 'stopped'] as const;
export type VectorStatus = (typeof VECTOR_STATUSES)[number];

export interface VectorProperties {
  zoneId: string;
  zoneName: string;
  vehicleClass: VehicleClass;
  status: VectorStatus;
  impactSpeedKmh: number;
  unmitigatedImpactSpeedKmh: number | null;
  impactAngleDeg: number | null;
  energyKj: number;
  runUpM: number;
  requiredRating: string | null;
  requiredRatingNote: string;
  measureId: string | null;
  measureDetail: string | null;
  penetrationM: number | null;
  warnings: string[];
  entryPoint: Position;
  impactPoint: Position;
  entryRoad: string | null;
  impactRoad: string | null;
}

export interface ApproachVector {
  type: 'Feature';
  geometry: LineString;
  properties: VectorProperties;
}

export interface SpeedSegment {
  type: 'Feature';
  geometry: LineString;
  properties: { speedKmh: number; kind: 'road' | 'path' | 'open'; name: string | null };
}

export interface SpeedGrid {
  cellSizeM: number;
  originLonLat: [number, number];
  cellSizeDeg: [number, number];
  cols: number;
  rows: number;
  encoding: 'uint8-base64';
  /** Base64 of one byte per cell, row-major from the south-west: km/h, or GRID_UNREACHED. */
  speedsKmh: string;
}

/** The byte of a cell no vehicle of the class reaches (server/src/analysis/vda/speed-map.ts). */
export const GRID_UNREACHED = 255;

export interface SpeedMap {
  vehicleClass: VehicleClass;
  segments: { type: 'FeatureCollection'; features: SpeedSegment[] };
  grid: SpeedGrid | null;
}

export interface ZoneSummary {
  zoneId: string;
  zoneName: string;
  vehicleClass: VehicleClass;
  vectors: number;
  unmitigated: number;
  worstImpactSpeedKmh: number | null;
  requiredRating: string | null;
  requiredRatingNote: string;
}

export interface ApproachRequest {
  vehicleClasses: VehicleClass[];
  /** The classes whose speed map the answer carries (default: all of them). */
  speedMaps?: VehicleClass[];
  /** The classes whose reachable outline the answer carries (default: all of them). */
  outlines?: VehicleClass[];
}

export interface ApproachResult {
  vectors: { type: 'FeatureCollection'; features: ApproachVector[] };
  /** Only the classes asked for in `speedMaps`. */
  speedMap: SpeedMap[];
  summary: ZoneSummary[];
  timingsMs: Record<string, number>;
}
