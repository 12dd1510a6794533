import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';
import {
  finishSource,
  replaceSourceFeatures,
  upsertSource,
  type SourceFormat,
} from '../repositories/features.js';
import { FEATURE_LAYERS, type FeatureLayer, type FeatureRecord } from './feature-record.js';
import { isOsmReadError } from './read-error.js';
import { readOsmFile } from './read-osm.js';
import type { MapFileFormat, ReadStats } from './read-result.js';

export type ImportPhase = 'reading' | 'writing' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  /** Overall progress 0…1 (reading is weighted 0.6 of the work, writing 0.4, as measured on Monaco). */
  fraction: number;
  detail: string;
}

export interface ImportOptions {
  /** The data set's name; re-importing under the same name (or the same content) replaces it. Default: file name. */
  name?: string;
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

/** Counts by layer and kind, and the building split the Monaco acceptance check names. */
export function countFeatures(features: readonly FeatureRecord[], stats: ReadStats) {
  const byKind = Object.fromEntries(FEATURE_LAYERS.map((layer) => [layer, {}])) as Record<
    FeatureLayer,
    Record<string, number>
  >;
  let buildingsFromWays = 0;
  let buildingsFromRelations = 0;
  for (const f of features) {
    const kinds = byKind[f.layer];
    kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
    if (f.layer === 'buildings') {
      if (f.osmType === 'way') buildingsFromWays += 1;
      else if (f.osmType === 'relation') buildingsFromRelations += 1;
    }
  }
  return {
    features: features.length,
    byLayer: { ...stats.byLayer },
    byKind,
    buildingsFromWays,
    buildingsFromRelations,
    skippedIncomplete: stats.skippedIncomplete,
    skippedInvalid: stats.skippedInvalid,
  };
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
  const name = options.name ?? path.basename(file);
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

  const written = await db.transaction(async (tx) => {
    const previous = await tx.query('SELECT 1 FROM osm_sources WHERE name = $1 OR sha256 = $2', [
      name,
      sha256,
    ]);
    const sourceId = await upsertSource(tx, {
      name,
      sha256,
      format: SOURCE_FORMAT[stats.format],
      sizeBytes: stats.bytes,
    });
    const result = await replaceSourceFeatures(tx, sourceId, features, ({ processed }) =>
      report({
        phase: 'writing',
        fraction: READ_SHARE + (1 - READ_SHARE) * (total > 0 ? processed / total : 1),
        detail: `stored ${processed} of ${total} features`,
      }),
    );
    const counts: ImportCounts = {
      ...countFeatures(features, stats),
      repaired: result.repaired,
      dropped: result.dropped,
    };
    counts.features = result.stored;
    await finishSource(tx, sourceId, { ...counts }, stats.bounds);
    return { sourceId, counts, replaced: previous.rows.length > 0 };
  });
  const finished = performance.now();
  report({ phase: 'done', fraction: 1, detail: `${written.counts.features} features stored` });
  return {
    sourceId: written.sourceId,
    name,
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
