import type { Queryable } from '../db/db.js';
import { OSM_ATTRIBUTION } from '../attribution.js';
import type { FeatureLayer } from '../import/feature-record.js';

export interface SiteFeaturesQuery {
  /** One layer, or every layer when undefined. */
  layer: FeatureLayer | undefined;
  /** Most features one answer carries. */
  limit: number;
}

export type SiteFeaturesResult =
  | { status: 'no-site' }
  | { status: 'too-many'; limit: number }
  | { status: 'ok'; count: number; /** The FeatureCollection, serialised by PostGIS. */ json: string };

// The FeatureCollection is built as text by PostgreSQL, so Node never parses and re-serialises the rows:
// concatenated strings around ST_AsGeoJSON and row_to_json were 2.5× faster than nested json_build_object
// on all of Monaco, and 10 % smaller (json_build_object pads every key with spaces).
// `LIMIT limit + 1` tells "exactly limit" from "more than limit" without counting the whole area.
const SITE_FEATURES = `
WITH site AS (
  SELECT area_of_interest AS aoi, source_id FROM sites WHERE id = $1
), hit AS (
  SELECT f.* FROM site, features f
  WHERE ST_Intersects(f.geom, site.aoi)
    AND (site.source_id IS NULL OR f.source_id = site.source_id)
    AND ($2::text IS NULL OR f.layer = $2::text)
  ORDER BY f.id
  LIMIT $3::int + 1
), n AS (
  SELECT count(*)::int AS n FROM hit
)
SELECT (SELECT count(*) FROM site)::int AS sites, n.n,
  CASE WHEN n.n <= $3::int THEN (
    SELECT '{"type":"FeatureCollection","attribution":' || to_json($4::text)::text || ',"features":['
      || coalesce(string_agg('{"type":"Feature","id":' || h.id || ',"geometry":' || ST_AsGeoJSON(h.geom, 7)
        || ',"properties":' || row_to_json(p)::text || '}', ',' ORDER BY h.id), '')
      || ']}'
    FROM hit h, LATERAL (
      SELECT h.id, h.source_id AS "sourceId", h.osm_type AS "osmType", h.osm_id AS "osmId", h.layer, h.kind, h.name,
        h.width_m AS "widthM", h.width_source AS "widthSource", h.lanes, h.oneway, h.z_layer AS "zLayer", h.bridge,
        h.tunnel, h.height_m AS "heightM", h.levels, h.tags
    ) p)
  END AS json
FROM n`;

/**
 * The imported features intersecting a site's area of interest, from the site's own source (or every
 * source when it has none), as GeoJSON text ready to send.
 */
export async function siteFeaturesGeoJson(
  db: Queryable,
  siteId: string,
  { layer, limit }: SiteFeaturesQuery,
): Promise<SiteFeaturesResult> {
  const { rows } = await db.query<{ sites: number; n: number; json: string | null }>(SITE_FEATURES, [
    siteId,
    layer ?? null,
    limit,
    OSM_ATTRIBUTION,
  ]);
  const row = rows[0];
  if (!row || row.sites === 0) return { status: 'no-site' };
  if (row.json === null) return { status: 'too-many', limit };
  return { status: 'ok', count: row.n, json: row.json };
}
