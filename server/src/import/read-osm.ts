import { performance } from 'node:perf_hooks';
import { detectFormat } from './detect-format.js';
import { OsmCollector } from './osm-collector.js';
import { readGeoJsonFile } from './read-geojson.js';
import { OsmReadError, READ_ERROR_MESSAGES } from './read-error.js';
import { emptyLayerCounts, type ReadOptions, type ReadResult } from './read-result.js';
import { readPbfInto } from './read-pbf.js';
import { readXmlInto } from './read-xml.js';

export type { ReadOptions, ReadResult, ReadStats } from './read-result.js';

/**
 * Reads an OpenStreetMap file into feature records. The format is detected from the content (magic
 * bytes), not from the name: .osm.pbf (PBF), .osm (XML), .osm.gz (gzipped XML, unpacked as a stream).
 * GeoJSON content (plain or gzipped) is handed to readGeoJsonFile, so an upload endpoint can call this
 * for any file.
 *
 * Objects are kept per classify(); way and multipolygon geometries are built from node references.
 * Relations cut off by the extract's boundary are skipped and counted (stats.skippedIncomplete).
 *
 * @throws OsmReadError with code OSM_UNREADABLE, OSM_TRUNCATED, OSM_EMPTY or UNSUPPORTED_FORMAT (and
 *   INVALID_GEOJSON for GeoJSON content); an aborted `signal` rejects with its reason.
 */
export async function readOsmFile(path: string, options: ReadOptions = {}): Promise<ReadResult> {
  const started = performance.now();
  options.signal?.throwIfAborted();
  const { format, bytes } = await detectFormat(path);
  if (format === 'geojson' || format === 'geojson-gzip') return readGeoJsonFile(path, options);

  const collector = new OsmCollector();
  if (format === 'pbf') await readPbfInto(path, collector, bytes, options);
  else await readXmlInto(path, collector, format === 'xml-gzip', bytes, options);

  const collected = collector.finish();
  if (collected.nodes + collected.ways + collected.relations === 0) {
    throw new OsmReadError('OSM_EMPTY', READ_ERROR_MESSAGES.noElements, { path });
  }
  const byLayer = emptyLayerCounts();
  for (const feature of collected.features) byLayer[feature.layer]++;
  return {
    features: collected.features,
    stats: {
      format,
      bytes,
      nodes: collected.nodes,
      ways: collected.ways,
      relations: collected.relations,
      features: collected.features.length,
      byLayer,
      skippedIncomplete: collected.skippedIncomplete,
      skippedInvalid: collected.skippedInvalid,
      partialWays: collected.partialWays,
      droppedInnerRings: collected.droppedInnerRings,
      bounds: collected.bounds,
      durationMs: Math.round(performance.now() - started),
    },
  };
}
