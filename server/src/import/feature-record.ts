import type { Geometry } from 'geojson';

/** The layers Bulwark keeps from OSM; each becomes a basemap layer and an analysis input. */
export const FEATURE_LAYERS = ['roads', 'paths', 'areas', 'buildings', 'furniture'] as const;
export type FeatureLayer = (typeof FEATURE_LAYERS)[number];

export type OsmType = 'node' | 'way' | 'relation';

/** Where an estimated carriageway/path width came from, so the analysis can say how sure it is. */
export type WidthSource = 'tag' | 'lanes' | 'default';

/**
 * One imported feature, as the importer hands it to the database. Geometry is WGS84 lon/lat
 * (RFC 7946). Only the tags that matter for vehicle movement and buildings are kept.
 */
export interface FeatureRecord {
  osmType: OsmType;
  osmId: number;
  layer: FeatureLayer;
  /** highway class for roads/paths, area type (pedestrian, parking, grass, water…), building type, barrier type. */
  kind: string;
  name: string | null;
  tags: Record<string, string>;
  widthM: number | null;
  widthSource: WidthSource | null;
  lanes: number | null;
  oneway: boolean | null;
  /** OSM `layer` tag (grade separation); 0 when absent. */
  zLayer: number;
  bridge: boolean;
  tunnel: boolean;
  heightM: number | null;
  levels: number | null;
  geometry: Geometry;
}
