import type { Geometry, Position } from 'geojson';
import type { Queryable } from '../db/db.js';
import type { FeatureRecord } from '../import/feature-record.js';

/** Rows per INSERT: one round trip each, small enough to keep one JSON parameter in the low megabytes. */
export const FEATURE_BATCH_SIZE = 1000;

export type SourceFormat = 'pbf' | 'xml' | 'xml.gz' | 'geojson';

export interface SourceInput {
  name: string;
  sha256: string;
  format: SourceFormat;
  sizeBytes: number;
}

export interface ReplaceProgress {
  /** Records read so far (stored, repaired or dropped). */
  processed: number;
  stored: number;
}

export interface ReplaceResult {
  /** Rows now stored for the source. */
  stored: number;
  /** Geometries PostGIS found invalid (e.g. a self-touching building) and `ST_MakeValid` repaired. */
  repaired: number;
  /** Records whose geometry has no usable coordinates, or collapsed to nothing when repaired. */
  dropped: number;
  /** Records repeating an osm type/id/layer already stored for this source (the first one is kept). */
  duplicates: number;
}

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

const SOURCES_LOCK_KEY = 0x6f_73_6d_73; // "osms"

export interface UpsertedSource {
  id: number;
  /** The name the data set has after this import (a new file under a taken name gets a numbered one). */
  name: string;
  /** True when an existing data set is replaced. */
  replaced: boolean;
}

/**
 * The source row an import writes into. An explicit name means "the data set of that name": it is
 * replaced, or created. Without one, the same content (sha256) replaces its own data set (a re-import),
 * and a different file under a taken name gets a numbered name: exporters name every file alike
 * (openstreetmap.org's export is always `map.osm`), so a second area must not silently replace the first
 * and every site planned on it.
 */
export async function upsertSource(
  tx: Queryable,
  source: SourceInput,
  { nameIsExplicit }: { nameIsExplicit: boolean },
): Promise<UpsertedSource> {
  // Concurrent imports of the same file (two servers starting on one empty database) must not both
  // decide the data set is new: serialise the decision until this transaction ends.
  await tx.query('SELECT pg_advisory_xact_lock($1)', [SOURCES_LOCK_KEY]);
  const { rows } = await tx.query<{ id: number; name: string }>(
    nameIsExplicit
      ? 'SELECT id, name FROM osm_sources WHERE name = $1 FOR UPDATE'
      : 'SELECT id, name FROM osm_sources WHERE sha256 = $1 ORDER BY id LIMIT 1 FOR UPDATE',
    [nameIsExplicit ? source.name : source.sha256],
  );
  const existing = rows[0];
  if (existing) {
    await tx.query('UPDATE osm_sources SET sha256 = $1, format = $2, size_bytes = $3 WHERE id = $4', [
      source.sha256,
      source.format,
      source.sizeBytes,
      existing.id,
    ]);
    return { id: existing.id, name: existing.name, replaced: true };
  }
  let name = source.name;
  if (!nameIsExplicit) {
    const taken = await tx.query<{ name: string }>(
      "SELECT name FROM osm_sources WHERE name = $1 OR name LIKE $1 || ' (%)'",
      [source.name],
    );
    const names = new Set(taken.rows.map((r) => r.name));
    for (let n = 2; names.has(name); n++) name = `${source.name} (${n})`;
  }
  const inserted = await tx.query<{ id: number }>(
    'INSERT INTO osm_sources (name, sha256, format, size_bytes) VALUES ($1, $2, $3, $4) RETURNING id',
    [name, source.sha256, source.format, source.sizeBytes],
  );
  const row = inserted.rows[0];
  if (!row) throw new Error('inserting the source returned no row');
  return { id: row.id, name, replaced: false };
}

function positionUsable(p: Position): boolean {
  const [lon, lat] = p;
  return (
    p.length >= 2 &&
    typeof lon === 'number' &&
    typeof lat === 'number' &&
    Number.isFinite(lon) &&
    Number.isFinite(lat) &&
    Math.abs(lon) <= 180 &&
    Math.abs(lat) <= 90
  );
}

const lineUsable = (line: Position[], min: number) =>
  Array.isArray(line) && line.length >= min && line.every(positionUsable);
const polygonUsable = (rings: Position[][]) =>
  Array.isArray(rings) && rings.length > 0 && rings.every((r) => lineUsable(r, 4));

/**
 * Whether PostGIS can read the geometry at all: known type, finite lon/lat in range, enough points.
 * Anything readable but invalid (self-touching rings, spikes) is repaired in SQL instead.
 */
export function geometryUsable(g: Geometry | null | undefined): boolean {
  if (!g || typeof g !== 'object') return false;
  switch (g.type) {
    case 'Point':
      return Array.isArray(g.coordinates) && positionUsable(g.coordinates);
    case 'MultiPoint':
      return lineUsable(g.coordinates, 1);
    case 'LineString':
      return lineUsable(g.coordinates, 2);
    case 'MultiLineString':
      return (
        Array.isArray(g.coordinates) &&
        g.coordinates.length > 0 &&
        g.coordinates.every((l) => lineUsable(l, 2))
      );
    case 'Polygon':
      return polygonUsable(g.coordinates);
    case 'MultiPolygon':
      return Array.isArray(g.coordinates) && g.coordinates.length > 0 && g.coordinates.every(polygonUsable);
    case 'GeometryCollection':
      return Array.isArray(g.geometries) && g.geometries.length > 0 && g.geometries.every(geometryUsable);
    default:
      return false;
  }
}

const toRow = (r: FeatureRecord) => ({
  osm_type: r.osmType,
  osm_id: r.osmId,
  layer: r.layer,
  kind: r.kind,
  name: r.name,
  tags: r.tags,
  width_m: r.widthM,
  width_source: r.widthSource,
  lanes: r.lanes,
  oneway: r.oneway,
  z_layer: r.zLayer,
  bridge: r.bridge,
  tunnel: r.tunnel,
  height_m: r.heightM,
  levels: r.levels,
  geometry: r.geometry,
});

// One statement per batch: the batch travels as one JSON parameter, PostGIS reads each geometry,
// repairs the invalid ones keeping their own dimension (a repaired building stays polygonal, a road
// linear) and drops what collapses to nothing. ST_IsValidDetail, unlike ST_IsValid, raises no NOTICE.
const INSERT_BATCH = `
WITH input AS (
  SELECT r.*, ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326) AS g
  FROM json_to_recordset($2::json) AS r(
    osm_type text, osm_id bigint, layer text, kind text, name text, tags jsonb, width_m real, width_source text,
    lanes smallint, oneway boolean, z_layer smallint, bridge boolean, tunnel boolean, height_m real, levels real,
    geometry json)
), checked AS (
  SELECT input.*, (ST_IsValidDetail(g)).valid AS valid FROM input
), fixed AS (
  SELECT checked.*,
    CASE WHEN valid THEN g ELSE ST_CollectionExtract(ST_MakeValid(g), ST_Dimension(g) + 1) END AS fg
  FROM checked
), stored AS (
  INSERT INTO features (source_id, osm_type, osm_id, layer, kind, name, tags, width_m, width_source, lanes, oneway,
    z_layer, bridge, tunnel, height_m, levels, geom)
  SELECT $1, osm_type, osm_id, layer, kind, name, coalesce(tags, '{}'::jsonb), width_m, width_source, lanes, oneway,
    coalesce(z_layer, 0), coalesce(bridge, false), coalesce(tunnel, false), height_m, levels, fg
  FROM fixed WHERE NOT ST_IsEmpty(fg)
  ON CONFLICT (source_id, osm_type, osm_id, layer) DO NOTHING
  RETURNING 1
)
SELECT
  (SELECT count(*) FROM stored)::int AS stored,
  count(*) FILTER (WHERE NOT valid AND NOT ST_IsEmpty(fg))::int AS repaired,
  count(*) FILTER (WHERE ST_IsEmpty(fg))::int AS dropped
FROM fixed`;

/**
 * Replaces every feature of a source with `records`, in batches of FEATURE_BATCH_SIZE rows. Run it inside
 * the import's transaction: a failure part-way leaves the previous features in place.
 */
export async function replaceSourceFeatures(
  tx: Queryable,
  sourceId: number,
  records: AsyncIterable<FeatureRecord> | Iterable<FeatureRecord>,
  onProgress?: (progress: ReplaceProgress) => void,
): Promise<ReplaceResult> {
  await tx.query('DELETE FROM features WHERE source_id = $1', [sourceId]);
  const result: ReplaceResult = { stored: 0, repaired: 0, dropped: 0, duplicates: 0 };
  let read = 0;
  let batch: ReturnType<typeof toRow>[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const { rows } = await tx.query<{ stored: number; repaired: number; dropped: number }>(INSERT_BATCH, [
      sourceId,
      JSON.stringify(batch),
    ]);
    const row = rows[0];
    if (!row) throw new Error('the feature batch insert returned no row');
    result.stored += row.stored;
    result.repaired += row.repaired;
    result.dropped += row.dropped;
    result.duplicates += batch.length - row.stored - row.dropped;
    batch = [];
    onProgress?.({ processed: read, stored: result.stored });
  };

  for await (const record of records) {
    read += 1;
    if (!geometryUsable(record.geometry)) {
      result.dropped += 1;
      continue;
    }
    batch.push(toRow(record));
    if (batch.length >= FEATURE_BATCH_SIZE) await flush();
  }
  await flush();
  return result;
}

/**
 * Marks an import finished: stores its summary counts, its extent (`bbox`, or the extent of its stored
 * features when null) and the import time, which also tells tile caches that the data changed.
 */
export async function finishSource(
  tx: Queryable,
  sourceId: number,
  counts: Record<string, unknown>,
  bbox: BBox | null,
): Promise<void> {
  const { rowCount } = await tx.query(
    `UPDATE osm_sources SET counts = $2::jsonb, imported_at = clock_timestamp(),
       bbox = CASE WHEN $3::float8[] IS NOT NULL
         THEN ST_MakeEnvelope(($3::float8[])[1], ($3::float8[])[2], ($3::float8[])[3], ($3::float8[])[4], 4326)
         ELSE (SELECT ST_MakeEnvelope(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), 4326)
               FROM (SELECT ST_Extent(geom)::box2d AS e FROM features WHERE source_id = $1) x
               WHERE e IS NOT NULL)
       END
     WHERE id = $1`,
    [sourceId, JSON.stringify(counts), bbox],
  );
  if (rowCount !== 1) throw new Error(`osm source ${sourceId} does not exist`);
}
