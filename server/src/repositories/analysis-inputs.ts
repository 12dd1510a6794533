import type { FeatureCollection, Polygon } from 'geojson';
import type { Queryable } from '../db/db.js';
import { OSM_ATTRIBUTION } from '../attribution.js';
import type { Polygon as ZonePolygon } from '../schemas/geojson.js';

/** What an analysis of a site depends on besides its zones and measures, read in one round trip. */
export type SiteAnalysisState = {
  /** Bumped by every change to the site's area, data source, vehicle overrides, zones or measures. */
  revision: number;
  /** The site's own vehicle parameters, per class (checked when stored). */
  vehicleOverrides: Record<string, Record<string, number | null>>;
  /**
   * Changes when the imported data the site is planned on changes: its own import re-imported, or, for a
   * site on every import, any import finishing or being deleted.
   */
  generation: string;
};

/** The site's revision and data generation; undefined when there is no such site. */
export async function siteAnalysisState(
  db: Queryable,
  siteId: string,
): Promise<SiteAnalysisState | undefined> {
  const { rows } = await db.query<SiteAnalysisState>(
    `SELECT s.revision, s.vehicle_overrides AS "vehicleOverrides",
       CASE WHEN s.source_id IS NULL
         THEN (SELECT 'all:' || count(*) || '@' || coalesce(max(imported_at)::text, '') FROM osm_sources)
         ELSE (SELECT 'source:' || id || '@' || imported_at::text FROM osm_sources WHERE id = s.source_id)
       END AS generation
     FROM sites s WHERE s.id = $1`,
    [siteId],
  );
  return rows[0];
}

export interface StudyAreaInput {
  /** The protected zones unioned and grown by the study radius on the ellipsoid (WGS84). */
  studyArea: Polygon;
  /**
   * True when the grown zones fell apart into several polygons, which were joined by their convex hull
   * (the traversal graph models one area).
   */
  hulled: boolean;
  /** The imported features intersecting the study area, with the features API's properties. */
  features: FeatureCollection;
}

// The study area is built once in a CTE; the features are serialised by PostgreSQL as one JSON text
// (ST_AsGeoJSON and row_to_json concatenated, as in site-features.ts) and parsed once in Node.
const STUDY_AREA_FEATURES = `
WITH site AS (
  SELECT source_id FROM sites WHERE id = $1
), grown AS (
  SELECT ST_Buffer(ST_Union(ST_SetSRID(ST_GeomFromGeoJSON(z), 4326))::geography, $3::float8)::geometry AS g
  FROM json_array_elements($2::json) AS z
), study AS (
  SELECT CASE WHEN GeometryType(g) = 'POLYGON' THEN g ELSE ST_ConvexHull(g) END AS g,
    GeometryType(g) <> 'POLYGON' AS hulled
  FROM grown
), hit AS (
  SELECT f.* FROM site, study, features f
  WHERE ST_Intersects(f.geom, study.g) AND (site.source_id IS NULL OR f.source_id = site.source_id)
)
SELECT ST_AsGeoJSON(study.g, 9) AS study, study.hulled,
  (SELECT '{"type":"FeatureCollection","attribution":' || to_json($4::text)::text || ',"features":['
      || coalesce(string_agg('{"type":"Feature","id":' || h.id || ',"geometry":' || ST_AsGeoJSON(h.geom, 7)
        || ',"properties":' || row_to_json(p)::text || '}', ',' ORDER BY h.id), '')
      || ']}'
    FROM hit h, LATERAL (
      SELECT h.id, h.layer, h.kind, h.name, h.width_m AS "widthM", h.z_layer AS "zLayer", h.bridge, h.tunnel,
        h.height_m AS "heightM", h.tags
    ) p) AS features
FROM study`;

/**
 * The study area of a site (its protected zones, as given, unioned and buffered on the geography by
 * `radiusM`) and the imported features intersecting it, from the site's own import (every import when it
 * has none). The zones are passed in rather than read, so the answer matches the zones the caller keyed
 * its cache with.
 */
export async function studyAreaInput(
  db: Queryable,
  { siteId, zones, radiusM }: { siteId: string; zones: ZonePolygon[]; radiusM: number },
): Promise<StudyAreaInput> {
  const { rows } = await db.query<{ study: string; hulled: boolean; features: string }>(STUDY_AREA_FEATURES, [
    siteId,
    JSON.stringify(zones),
    radiusM,
    OSM_ATTRIBUTION,
  ]);
  const row = rows[0];
  if (!row) throw new Error('the study area query returned no row');
  return {
    studyArea: JSON.parse(row.study) as Polygon,
    hulled: row.hulled,
    features: JSON.parse(row.features) as FeatureCollection,
  };
}

/**
 * Runs the study-area query once for no site (it finds no feature), at server start: a process's first
 * run of it costs about 0.1 s more than the next (the embedded database's first geography buffer and
 * spatial join), which would otherwise land on the first analysis.
 */
export async function warmUpStudyAreaQuery(db: Queryable): Promise<void> {
  const square: ZonePolygon = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1e-4, 0],
        [1e-4, 1e-4],
        [0, 0],
      ],
    ],
  };
  await studyAreaInput(db, { siteId: '00000000-0000-0000-0000-000000000000', zones: [square], radiusM: 50 });
}
