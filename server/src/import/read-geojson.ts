import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import type { Geometry, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { classify, closedWayIsArea, type GeometryKind } from './classify.js';
import { detectFormat } from './detect-format.js';
import type { FeatureRecord, OsmType } from './feature-record.js';
import { makeFeatureRecord } from './make-feature-record.js';
import { isOsmReadError, OsmReadError, READ_ERROR_MESSAGES } from './read-error.js';
import { emptyLayerCounts, type ReadOptions, type ReadResult, type ReadStats } from './read-result.js';
import { orientRing } from './ring-geometry.js';

/** Largest GeoJSON text we parse (in memory, as one string). */
export const MAX_GEOJSON_BYTES = 256 * 2 ** 20;

const GEOMETRY_KINDS: Readonly<Record<string, GeometryKind>> = {
  Point: 'point',
  MultiPoint: 'point',
  LineString: 'line',
  MultiLineString: 'line',
  Polygon: 'area',
  MultiPolygon: 'area',
};
const OSM_TYPES: ReadonlySet<string> = new Set(['node', 'way', 'relation']);
const SHORT_TYPES: Readonly<Record<string, OsmType>> = { n: 'node', w: 'way', r: 'relation' };

type GeoJsonCounts = Pick<ReadStats, 'nodes' | 'ways' | 'relations' | 'skippedInvalid'>;

function invalid(message: string, path?: string, cause?: unknown): OsmReadError {
  return new OsmReadError('INVALID_GEOJSON', message, { path, cause });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPosition(value: unknown): value is Position {
  if (!Array.isArray(value) || value.length < 2) return false;
  const [lon, lat] = value as unknown[];
  return typeof lon === 'number' && typeof lat === 'number' && Number.isFinite(lon) && Number.isFinite(lat);
}

/** Checks nesting and numbers; returns positions as [lon, lat] (a third dimension is dropped). */
function readPositions(value: unknown, depth: number, where: string): unknown {
  if (depth === 0) {
    if (!isPosition(value))
      throw invalid(`${where} has a coordinate that is not a [longitude, latitude] pair of numbers.`);
    const [lon, lat] = value;
    if (Math.abs(lon as number) > 180 || Math.abs(lat as number) > 90) {
      throw invalid(
        `${where} has coordinates outside longitude/latitude range (${String(lon)}, ${String(lat)}). GeoJSON must be in WGS84 degrees (EPSG:4326); re-export it without a projection.`,
      );
    }
    return [lon, lat];
  }
  if (!Array.isArray(value)) throw invalid(`${where} has malformed coordinates.`);
  return value.map((item) => readPositions(item, depth - 1, where));
}

const COORDINATE_DEPTH: Readonly<Record<string, number>> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

/** A validated copy of a geometry, or null for geometry types we do not import (GeometryCollection). */
function readGeometry(value: unknown, where: string): Geometry | null {
  if (!isRecord(value) || typeof value.type !== 'string') throw invalid(`${where} has no valid geometry.`);
  if (value.type === 'GeometryCollection') return null;
  const depth = COORDINATE_DEPTH[value.type];
  if (depth === undefined) throw invalid(`${where} has an unknown geometry type "${value.type}".`);
  const coordinates = readPositions(value.coordinates, depth, where);
  const geometry = { type: value.type, coordinates } as Geometry;
  if (geometry.type === 'LineString' && geometry.coordinates.length < 2)
    throw invalid(`${where} is a line with fewer than 2 points.`);
  if (geometry.type === 'Polygon' && geometry.coordinates.some((ring) => ring.length < 4)) {
    throw invalid(`${where} is a polygon with a ring of fewer than 4 points.`);
  }
  return geometry;
}

function identity(
  feature: Record<string, unknown>,
  properties: Record<string, unknown>,
): { osmType: OsmType; osmId: number } | null {
  const type = properties['@type'];
  const id = typeof properties['@id'] === 'string' ? Number(properties['@id']) : properties['@id'];
  if (typeof type === 'string' && OSM_TYPES.has(type) && typeof id === 'number' && Number.isSafeInteger(id)) {
    return { osmType: type as OsmType, osmId: id };
  }
  // Overpass/osmtogeojson style feature ids: "way/123"; osmium with -i: "w123".
  if (typeof feature.id === 'string') {
    const match = /^(?:(node|way|relation)\/|([nwr]))(-?\d+)$/.exec(feature.id);
    if (match) {
      const osmType = (match[1] as OsmType | undefined) ?? SHORT_TYPES[match[2] ?? ''];
      const osmId = Number(match[3]);
      if (osmType !== undefined && Number.isSafeInteger(osmId)) return { osmType, osmId };
    }
  }
  return null;
}

function syntheticType(geometry: Geometry): OsmType {
  if (geometry.type === 'Point') return 'node';
  if (geometry.type === 'LineString' || geometry.type === 'Polygon') return 'way';
  return 'relation';
}

function tagsOf(properties: Record<string, unknown>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (key.startsWith('@')) continue;
    if (typeof value === 'string') tags[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') tags[key] = String(value);
  }
  return tags;
}

function isClosed(line: Position[]): boolean {
  const first = line[0];
  const last = line[line.length - 1];
  return (
    line.length >= 4 &&
    first !== undefined &&
    last !== undefined &&
    first[0] === last[0] &&
    first[1] === last[1]
  );
}

/** The only ring of a one-ring polygon (how osmium exports a closed way), else null. */
function singleRing(geometry: Geometry): Position[] | null {
  if (geometry.type === 'Polygon' && geometry.coordinates.length === 1)
    return geometry.coordinates[0] ?? null;
  if (
    geometry.type === 'MultiPolygon' &&
    geometry.coordinates.length === 1 &&
    geometry.coordinates[0]?.length === 1
  ) {
    return geometry.coordinates[0][0] ?? null;
  }
  return null;
}

/** RFC 7946 winding, and a one-polygon MultiPolygon as a Polygon (what the OSM reader produces). */
function normalisePolygon(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const orient = (rings: Position[][]): Position[][] => rings.map((ring, i) => orientRing(ring, i === 0));
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: orient(geometry.coordinates) };
  if (geometry.coordinates.length === 1)
    return { type: 'Polygon', coordinates: orient(geometry.coordinates[0] ?? []) };
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map(orient) };
}

/**
 * Converts a parsed GeoJSON FeatureCollection into feature records with the same classifier as the OSM
 * reader. A way is re-judged by our closed-way rule (closedWayIsArea), because exporters differ: osmium
 * may export a closed barrier as a polygon that the OSM reader keeps as a line. Features without
 * @type/@id get ids −1, −2, … by position in the file (stable across re-imports of the same file).
 *
 * @throws OsmReadError INVALID_GEOJSON for anything that is not a valid FeatureCollection.
 */
export function featuresFromGeoJson(data: unknown): { features: FeatureRecord[]; counts: GeoJsonCounts } {
  if (!isRecord(data) || data.type !== 'FeatureCollection' || !Array.isArray(data.features)) {
    throw invalid(
      'The file is JSON but not a GeoJSON FeatureCollection (it needs "type": "FeatureCollection" and a "features" list).',
    );
  }
  const counts: GeoJsonCounts = { nodes: 0, ways: 0, relations: 0, skippedInvalid: 0 };
  const features: FeatureRecord[] = [];
  (data.features as unknown[]).forEach((item, index) => {
    const where = `Feature ${index + 1}`;
    if (!isRecord(item) || item.type !== 'Feature') throw invalid(`${where} is not a GeoJSON Feature.`);
    if (item.properties !== null && item.properties !== undefined && !isRecord(item.properties)) {
      throw invalid(`${where} has properties that are not an object.`);
    }
    const properties = (item.properties ?? {}) as Record<string, unknown>;
    if (item.geometry === null) {
      counts.skippedInvalid++;
      return;
    }
    let geometry = readGeometry(item.geometry, where);
    if (geometry === null) {
      counts.skippedInvalid++;
      return;
    }
    const { osmType, osmId } = identity(item, properties) ?? {
      osmType: syntheticType(geometry),
      osmId: -(index + 1),
    };
    if (osmType === 'node') counts.nodes++;
    else if (osmType === 'way') counts.ways++;
    else counts.relations++;

    const tags = tagsOf(properties);
    let kind = GEOMETRY_KINDS[geometry.type] as GeometryKind;
    if (osmType === 'way') {
      const ring = singleRing(geometry);
      if (geometry.type === 'LineString' && isClosed(geometry.coordinates) && closedWayIsArea(tags)) {
        geometry = { type: 'Polygon', coordinates: [geometry.coordinates] };
        kind = 'area';
      } else if (ring !== null && !closedWayIsArea(tags)) {
        geometry = { type: 'LineString', coordinates: ring };
        kind = 'line';
      }
    }
    const classification = classify(tags, kind);
    if (classification === null) return;
    if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
      const ring = singleRing(geometry);
      // Same rule as the OSM reader: a barrier around an area is a line unless explicitly area=yes.
      if (classification.layer === 'furniture' && osmType === 'way' && ring !== null && tags.area !== 'yes') {
        geometry = { type: 'LineString', coordinates: ring } satisfies LineString;
      } else {
        geometry = normalisePolygon(geometry);
      }
    }
    features.push(makeFeatureRecord(osmType, osmId, classification, geometry));
  });
  return { features, counts };
}

/**
 * Reads a GeoJSON FeatureCollection file (plain or gzipped), such as `osmium export` output whose
 * properties carry `@type`, `@id` and the OSM tags, into feature records.
 *
 * @throws OsmReadError INVALID_GEOJSON (not JSON / not a FeatureCollection / bad geometry), OSM_EMPTY
 *   (empty file), OSM_TRUNCATED or OSM_UNREADABLE (damaged .gz).
 */
export async function readGeoJsonFile(path: string, options: ReadOptions = {}): Promise<ReadResult> {
  const started = performance.now();
  options.signal?.throwIfAborted();
  let format: ReadStats['format'];
  let bytes: number;
  try {
    ({ format, bytes } = await detectFormat(path));
  } catch (error) {
    if (isOsmReadError(error) && error.code === 'UNSUPPORTED_FORMAT') {
      throw invalid('The file is not GeoJSON (it does not start with "{").', path, error);
    }
    throw error;
  }
  if (format !== 'geojson' && format !== 'geojson-gzip') {
    throw invalid(
      'The file is an OpenStreetMap file, not GeoJSON. Import it as an OpenStreetMap extract.',
      path,
    );
  }

  let raw = await readFile(path);
  options.onProgress?.(bytes, bytes);
  if (format === 'geojson-gzip') {
    try {
      // Bounded: a small gzip can unpack to gigabytes (a "zip bomb"); JSON strings cap at ~512 MB anyway.
      raw = gunzipSync(raw, { maxOutputLength: MAX_GEOJSON_BYTES });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new OsmReadError(
          'OSM_UNREADABLE',
          `The compressed GeoJSON unpacks to more than ${MAX_GEOJSON_BYTES / 2 ** 20} MB; import an .osm.pbf extract instead.`,
          { path, cause: error },
        );
      }
      const truncated = /unexpected end/i.test(error instanceof Error ? error.message : '');
      throw new OsmReadError(
        truncated ? 'OSM_TRUNCATED' : 'OSM_UNREADABLE',
        truncated ? READ_ERROR_MESSAGES.truncated : READ_ERROR_MESSAGES.gzipDamaged,
        {
          path,
          cause: error,
        },
      );
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw invalid(`The file is not valid JSON (${detail}); it may be incomplete or damaged.`, path, error);
  }
  let converted;
  try {
    converted = featuresFromGeoJson(data);
  } catch (error) {
    if (isOsmReadError(error))
      throw new OsmReadError(error.code, error.message, { path, cause: error.cause });
    throw error;
  }
  const { features, counts } = converted;
  const byLayer = emptyLayerCounts();
  for (const feature of features) byLayer[feature.layer]++;
  return {
    features,
    stats: {
      format,
      bytes,
      nodes: counts.nodes,
      ways: counts.ways,
      relations: counts.relations,
      features: features.length,
      byLayer,
      skippedIncomplete: 0,
      skippedInvalid: counts.skippedInvalid,
      partialWays: 0,
      droppedInnerRings: 0,
      bounds: null,
      durationMs: Math.round(performance.now() - started),
    },
  };
}
