/**
 * The shapes of the standoff analysis and the bomb-threat scenario as the client reads them: mirrors of
 * server/src/schemas/standoff-analysis.ts, the answer of GET /api/threats and of server/src/services/
 * bomb-threat.ts, trimmed to the fields the client uses.
 */
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { VehicleClass } from './types.js';

export type StandoffHow = 'enters' | 'stopped' | 'reached' | 'unreachable';

export interface StandoffEntry {
  zoneId: string;
  zoneName: string;
  vehicleClass: VehicleClass;
  /** Metres; null when the vehicle gets nowhere. */
  distanceM: number | null;
  vehiclePoint: Position | null;
  zonePoint: Position | null;
  how: StandoffHow;
  measureId: string | null;
  penetrationM: number | null;
  chargeKg: number;
  chargeSource: string;
  buildingEvacuationM: number;
  outdoorEvacuationM: number;
  meetsBuildingDistance: boolean;
  largestChargeKg: number | null;
  largestChargeNote: string | null;
  underMinimum: boolean;
}

export interface StandoffRing {
  type: 'Feature';
  geometry: Polygon | MultiPolygon;
  properties: { vehicleClass: VehicleClass; chargeKg: number; buildingEvacuationM: number };
}

export interface StandoffResult {
  standoff: StandoffEntry[];
  rings: { type: 'FeatureCollection'; features: StandoffRing[] };
  chart: { source: string; edition: string; minimumVehicleStandoffM: number };
}

export interface ThreatRow {
  key: string;
  label: string;
  chargeKg: number;
  chargeLb: number;
  buildingEvacuationM: number;
  outdoorEvacuationM: number;
}

export interface ThreatChart {
  source: string;
  edition: string;
  rows: ThreatRow[];
}

/** A chart row by its key, or a charge typed in kg TNT. */
export type ThreatChoice = { threat: string } | { chargeKg: number };

export interface BombThreatRequest {
  location: [number, number];
  threat?: string;
  chargeKg?: number;
  siteId?: string;
}

export interface EvacuatedBuilding {
  id: number;
  osmId: string;
  name: string | null;
  kind: string;
  distanceM: number;
}

export interface EvacuationList {
  count: number;
  byKind: Record<string, number>;
  /** Nearest first. */
  buildings: EvacuatedBuilding[];
}

export type RingName = 'building' | 'outdoor';

export interface EvacuationRing {
  type: 'Feature';
  geometry: Polygon;
  properties: { ring: RingName; radiusM: number };
}

export interface CordonPoint {
  type: 'Feature';
  geometry: Point;
  properties: { cordon: 'traffic' | 'pedestrian'; featureId: number; name: string | null; kind: string };
}

export interface AssemblyArea {
  id: number;
  name: string | null;
  kind: string;
  areaM2: number;
  distanceM: number;
  at: Point;
}

export interface BombThreatResult {
  threat: {
    chargeKg: number;
    chargeLb: number;
    row: { key: string; label: string } | null;
    /** The chart rows a typed charge lies between. */
    between: string[] | null;
    buildingEvacuationM: number;
    outdoorEvacuationM: number;
    source: string;
  };
  location: [number, number];
  rings: { type: 'FeatureCollection'; features: EvacuationRing[] };
  evacuate: Record<RingName, EvacuationList>;
  cordonPoints: { type: 'FeatureCollection'; features: CordonPoint[] };
  /** Largest first. */
  assemblyAreas: AssemblyArea[];
  walkingDistanceM: number;
  attribution: string;
}
