import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Db, Queryable } from '../db/db.js';
import { AppError } from '../errors.js';
import {
  finishSource,
  replaceSourceFeatures,
  upsertSource,
  type SourceFormat,
} from '../repositories/features.js';
import { FEATURE_LAYERS, type FeatureLayer } from './feature-record.js';
import { isOsmReadError } from './read-error.js';
import { readOsmFile } from './read-osm.js';
import type { MapFileFormat } from './read-result.js';

export type ImportPhase = 'reading' | 'writing' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  /** Overall progress 0…1 (reading is weighted 0.6 of the work, writing 0.4, as measured on Monaco). */
  fraction: number;
  detail: string;
}

export interface ImportOptions {
  /**
   * The data set's name. Given explicitly, an import replaces the data set of that name; by default the
   * file name is used, and a different file under a taken name gets a numbered name instead. The same
   * content always replaces its own data set.
   */
  name?: string;
  /** The file's original name, the default data set name (uploads are stored under random names). */
  fileName?: string;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

export interface ImportCounts {
  features: number;
  byLayer: Record<FeatureLayer, number>;
  /** Per layer, counts by kind (highway class for roads and paths, area type, building type, barrier type). */
  byKind: Record<FeatureLayer, Record<string, number>>;
  buildingsFromWays: number;
  buildingsFromRelations: number;
  /** Objects cut off by the extract's boundary (relations with missing members, rings missing nodes). */
  skippedIncomplete: number;
  /** Objects with broken geometry in the file itself. */
  skippedInvalid: number;
  /** Geometries PostGIS found invalid and repaired with ST_MakeValid. */
  repaired: number;
  /** Records with no usable geometry, or collapsing to nothing when repaired. */
  dropped: number;
  /** Records repeating an OSM object already stored (the first is kept). */
  duplicates: number;
  /** Lines cut by the extract boundary, kept as their parts inside it. */
  partialWays: number;
  /** Multipolygon holes lying outside every outer ring, dropped. */
  droppedInnerRings: number;
}

export interface ImportSummary {
  sourceId: number;
  name: string;
  format: SourceFormat;
  sizeBytes: number;
  sha256: string;
  /** True when this replaced the features of an earlier import of the same name or content. */
  replaced: boolean;
  counts: ImportCounts;
  timingsMs: { read: number; write: number; total: number };
}

const READ_SHARE = 0.6;

const SOURCE_FORMAT: Record<MapFileFormat, SourceFormat> = {
  pbf: 'pbf',
  xml: 'xml',
  'xml-gzip': 'xml.gz',
  geojson: 'geojson',
  'geojson-gzip': 'geojson',
};

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Counts by layer and kind of what is stored for a source (not of what was read: some rows are dropped). */
async function storedCounts(tx: Queryable, sourceId: number) {
  const { rows } = await tx.query<{ layer: FeatureLayer; kind: string; osm_type: string; n: number }>(
    `SELECT layer, kind, osm_type, count(*)::int AS n FROM features WHERE source_id = $1
     GROUP BY layer, kind, osm_type`,
    [sourceId],
  );
  const byLayer = Object.fromEntries(FEATURE_LAYERS.map((layer) => [layer, 0])) as Record<
    FeatureLayer,
    number
  >;
  const byKind = Object.fromEntries(FEATURE_LAYERS.map((layer) => [layer, {}])) as Record<
    FeatureLayer,
    Record<string, number>
  >;
  let features = 0;
  let buildingsFromWays = 0;
  let buildingsFromRelations = 0;
  for (const { layer, kind, osm_type: osmType, n } of rows) {
    features += n;
    byLayer[layer] += n;
    byKind[layer][kind] = (byKind[layer][kind] ?? 0) + n;
    if (layer === 'buildings' && osmType === 'way') buildingsFromWays += n;
    if (layer === 'buildings' && osmType === 'relation') buildingsFromRelations += n;
  }
  return { features, byLayer, byKind, buildingsFromWays, buildingsFromRelations };
}

/** Reading errors become catalogued API errors (same codes), so the CLI and the API say the same thing. */
export function toAppError(error: unknown): unknown {
  if (isOsmReadError(error)) return new AppError(error.code, error.message, { cause: error });
  return error;
}

/**
 * Imports one OSM extract (.osm.pbf, .osm, .osm.gz) or GeoJSON file: read and classify it, then replace the
 * data set's features in one transaction — a failure leaves the previous import untouched.
 */
export async function importFile(db: Db, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const report = options.onProgress ?? (() => undefined);
  const name = options.name ?? options.fileName ?? path.basename(file);
  const sha256 = await sha256Of(file);

  let read;
  try {
    read = await readOsmFile(file, {
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (bytesRead, totalBytes) =>
        report({
          phase: 'reading',
          fraction: READ_SHARE * (totalBytes > 0 ? bytesRead / totalBytes : 1),
          detail: `read ${(bytesRead / 1e6).toFixed(1)} of ${(totalBytes / 1e6).toFixed(1)} MB`,
        }),
    });
  } catch (error) {
    throw toAppError(error);
  }
  const readDone = performance.now();
  const { features, stats } = read;
  const total = features.length;

  // One transaction: a failure leaves the previous import of this data set untouched. On the embedded
  // database this holds its single session, so other requests wait for the write phase (docs/architecture.md).
  const written = await db.transaction(async (tx) => {
    const source = await upsertSource(
      tx,
      { name, sha256, format: SOURCE_FORMAT[stats.format], sizeBytes: stats.bytes },
      { nameIsExplicit: options.name !== undefined },
    );
    const sourceId = source.id;
    const result = await replaceSourceFeatures(tx, sourceId, features, ({ processed }) =>
      report({
        phase: 'writing',
        fraction: READ_SHARE + (1 - READ_SHARE) * (total > 0 ? processed / total : 1),
        detail: `stored ${processed} of ${total} features`,
      }),
    );
    options.signal?.throwIfAborted();
    const counts: ImportCounts = {
      ...(await storedCounts(tx, sourceId)),
      skippedIncomplete: stats.skippedIncomplete,
      skippedInvalid: stats.skippedInvalid,
      repaired: result.repaired,
      dropped: result.dropped,
      duplicates: result.duplicates,
      partialWays: stats.partialWays,
      droppedInnerRings: stats.droppedInnerRings,
    };
    await finishSource(tx, sourceId, { ...counts }, stats.bounds);
    return { sourceId, name: source.name, counts, replaced: source.replaced };
  });
  const finished = performance.now();
  report({ phase: 'done', fraction: 1, detail: `${written.counts.features} features stored` });
  return {
    sourceId: written.sourceId,
    name: written.name,
    format: SOURCE_FORMAT[stats.format],
    sizeBytes: stats.bytes,
    sha256,
    replaced: written.replaced,
    counts: written.counts,
    timingsMs: {
      read: Math.round(readDone - started),
      write: Math.round(finished - readDone),
      total: Math.round(finished - started),
    },
  };
}
