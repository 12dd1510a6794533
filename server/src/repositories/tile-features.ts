import type { FeatureCollection } from 'geojson';
import type { Queryable } from '../db/db.js';
import type { FeatureLayer } from '../import/feature-record.js';
import type { LonLatBounds } from '../tiles/tile-address.js';

export interface TileFeaturesQuery {
  /** Tile rectangle grown by the tile buffer. */
  bounds: LonLatBounds;
  /** Degrees; 0 keeps every vertex. */
  simplifyTolerance: number;
  layers: readonly FeatureLayer[];
  /** Only this import; every import when null. */
  sourceId: number | null;
}

// Per layer, the features touching the buffered tile as one GeoJSON FeatureCollection text.
// - Lines and polygons are simplified to the tile's resolution and cut to the buffered tile first, so a long
//   road or a big park costs only its part. Plain Douglas–Peucker keeping collapsed features (ST_Simplify
//   with preserveCollapsed) was 5× faster than ST_SimplifyPreserveTopology on Monaco; a ring that touches
//   itself after moving half a pixel draws the same.
// - Exterior rings are made counter-clockwise in lon/lat: the clockwise-on-screen winding the vector-tile
//   spec asks for once y points down.
// - Only the small properties a map style needs go into tiles; null ones are left out.
const TILE_FEATURES = `
WITH env AS (SELECT ST_MakeEnvelope($1, $2, $3, $4, 4326) AS env),
hit AS (
  SELECT f.id, f.layer, f.kind, f.name, f.z_layer, f.bridge, f.tunnel, f.height_m,
    CASE WHEN ST_Dimension(f.geom) = 0 THEN f.geom
      ELSE ST_ClipByBox2D(CASE WHEN $5::float8 > 0 THEN ST_Simplify(f.geom, $5::float8, true) ELSE f.geom END,
                          env.env)
    END AS g
  FROM features f, env
  WHERE ST_Intersects(f.geom, env.env) AND f.layer = ANY($6::text[]) AND ($7::bigint IS NULL OR f.source_id = $7::bigint)
)
SELECT layer, '{"type":"FeatureCollection","features":['
    || string_agg('{"type":"Feature","id":' || hit.id || ',"geometry":' || ST_AsGeoJSON(ST_ForcePolygonCCW(g), 7)
      || ',"properties":' || json_strip_nulls(row_to_json(p))::text || '}', ',' ORDER BY hit.id)
    || ']}' AS json
FROM hit, LATERAL (
  SELECT hit.kind, hit.name, hit.z_layer AS "zLayer", hit.bridge, hit.tunnel, hit.height_m AS "heightM"
) p
WHERE NOT ST_IsEmpty(g)
GROUP BY layer`;

/** The features of each requested layer inside a tile, ready for geojson-vt; layers without any are absent. */
export async function tileFeatures(
  db: Queryable,
  q: TileFeaturesQuery,
): Promise<Map<FeatureLayer, FeatureCollection>> {
  const { rows } = await db.query<{ layer: FeatureLayer; json: string }>(TILE_FEATURES, [
    ...q.bounds,
    q.simplifyTolerance,
    q.layers,
    q.sourceId,
  ]);
  return new Map(rows.map((r) => [r.layer, JSON.parse(r.json) as FeatureCollection]));
}

export interface TileDataState {
  /**
   * Changes whenever an import finishes or a source is deleted (count and latest import time of the
   * sources), in any process sharing the database: the key that invalidates cached tiles.
   */
  generation: string;
  /** The site's own import, when a site was asked for and has one. */
  siteSourceId: number | null;
  siteFound: boolean;
  sourceFound: boolean;
}

/** The data generation, and whether the requested site / source exists, in one round trip. */
export async function tileDataState(
  db: Queryable,
  { siteId, sourceId }: { siteId: string | null; sourceId: number | null },
): Promise<TileDataState> {
  const { rows } = await db.query<{
    generation: string;
    site_found: boolean;
    site_source: number | null;
    source_found: boolean;
  }>(
    `SELECT (SELECT count(*) || '@' || coalesce(max(imported_at)::text, '') FROM osm_sources) AS generation,
       EXISTS (SELECT 1 FROM sites WHERE id = $1::uuid) AS site_found,
       (SELECT source_id FROM sites WHERE id = $1::uuid) AS site_source,
       EXISTS (SELECT 1 FROM osm_sources WHERE id = $2::bigint) AS source_found`,
    [siteId, sourceId],
  );
  const row = rows[0];
  if (!row) throw new Error('the tile data state query returned no row');
  return {
    generation: row.generation,
    siteSourceId: row.site_source,
    siteFound: row.site_found,
    sourceFound: row.source_found,
  };
}
