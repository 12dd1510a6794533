import { AppError } from '../errors.js';
import { MAX_RINGS, MAX_VERTICES, type Geometry, type GeometryType } from '../schemas/geojson.js';
import { isRecord } from './is-record.js';

/**
 * Checks a GeoJSON geometry for what JSON Schema cannot say: finite numbers, longitude/latitude ranges,
 * closed rings, distinct line ends, a bounded number of vertices, and the geometry type an item needs.
 * Pure (no database): polygon validity (edges crossing) is PostGIS's job, in the write's transaction.
 * Throws an `AppError` with a message that names the place in the request and what to do about it.
 */

const GEOJSON_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

export interface GeometryRules<T extends GeometryType> {
  /** The geometry types this item may have. */
  accept: readonly T[];
  /** The item, as the subject of a sentence: "A protected zone", "A camera". */
  subject: string;
  /** Where the geometry sits in the request, for messages: "geometry", "areaOfInterest". */
  path: string;
  maxVertices?: number;
}

const kindOf = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'object'
        ? 'an object'
        : `a ${typeof value}`;

const typeList = (types: readonly string[]): string =>
  types.length === 1
    ? `a ${types[0]}`
    : `a ${types.slice(0, -1).join(', a ')} or a ${types[types.length - 1]}`;

const invalid = (message: string) => new AppError('INVALID_GEOJSON', message);

/** WGS84 degrees (false for NaN and ±Infinity too): the range checks of every reader of positions. */
export const isLongitude = (n: number): boolean => n >= -180 && n <= 180;
export const isLatitude = (n: number): boolean => n >= -90 && n <= 90;

/**
 * Checks one `[longitude, latitude]` position (an optional altitude is allowed) and returns it.
 * `1e999` in JSON reads as Infinity, hence the finiteness check even after JSON parsing.
 */
export function validatePosition(value: unknown, path: string): number[] {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    throw invalid(
      `${path} must be a position [longitude, latitude], not ${kindOf(value)}${Array.isArray(value) ? ` of ${value.length}` : ''}.`,
    );
  }
  value.forEach((n, i) => {
    if (typeof n !== 'number') throw invalid(`${path}[${i}] must be a number, not ${kindOf(n)}.`);
    if (!Number.isFinite(n)) {
      throw new AppError('NON_FINITE_NUMBER', `${path}[${i}] is ${n}: coordinates must be finite numbers.`);
    }
  });
  const [lon, lat] = value as [number, number];
  const lonOk = isLongitude(lon);
  const latOk = isLatitude(lat);
  if (lonOk && latOk) return value as number[];
  const problem = !latOk ? `latitude ${lat} is outside −90…90` : `longitude ${lon} is outside −180…180`;
  const swapped = Math.abs(lon) <= 90 && Math.abs(lat) > 90 && Math.abs(lat) <= 180;
  throw new AppError(
    'COORDINATE_OUT_OF_RANGE',
    `${path} = [${lon}, ${lat}]: ${problem}.` +
      (swapped ? ' The latitude and longitude may be swapped: GeoJSON is [longitude, latitude].' : ''),
  );
}

function positions(value: unknown, path: string, what: string): unknown[] {
  if (!Array.isArray(value))
    throw invalid(`${path} must be a list of positions (${what}), not ${kindOf(value)}.`);
  return value;
}

const samePosition = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((n, i) => n === b[i]);

function checkVertexCount(count: number, rules: GeometryRules<GeometryType>): void {
  const max = rules.maxVertices ?? MAX_VERTICES;
  if (count > max) {
    throw new AppError(
      'TOO_MANY_VERTICES',
      `${rules.subject} may have at most ${max.toLocaleString('en')} points; ${rules.path} has ${count.toLocaleString('en')}. ` +
        'Simplify the outline.',
    );
  }
}

function lineString(coordinates: unknown, rules: GeometryRules<GeometryType>): number[][] {
  const path = `${rules.path}.coordinates`;
  const list = positions(coordinates, path, 'the points of the line');
  checkVertexCount(list.length, rules);
  const line = list.map((p, i) => validatePosition(p, `${path}[${i}]`));
  const first = line[0];
  if (!first || !line.some((p) => !samePosition(p, first))) {
    throw invalid(
      `${path}: a line needs at least two different positions; this one has ${line.length === 0 ? 'none' : 'only one'}.`,
    );
  }
  return line;
}

function polygon(coordinates: unknown, rules: GeometryRules<GeometryType>): number[][][] {
  const path = `${rules.path}.coordinates`;
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    throw invalid(
      `${path} must be a list of rings (the outer ring first, then any holes), not ${kindOf(coordinates)}${Array.isArray(coordinates) ? ' that is empty' : ''}.`,
    );
  }
  if (coordinates.length > MAX_RINGS) {
    throw new AppError(
      'TOO_MANY_VERTICES',
      `${rules.subject} may have at most ${MAX_RINGS - 1} holes; ${path} has ${coordinates.length - 1}.`,
    );
  }
  const rings = coordinates.map((ring, r) => positions(ring, `${path}[${r}]`, 'a closed ring'));
  checkVertexCount(
    rings.reduce((sum, ring) => sum + ring.length, 0),
    rules,
  );
  return rings.map((ring, r) => {
    const checked = ring.map((p, i) => validatePosition(p, `${path}[${r}][${i}]`));
    const which = r === 0 ? 'The outer ring' : `Hole ${r}`;
    if (checked.length < 4) {
      throw invalid(
        `${which} (${path}[${r}]) has ${checked.length} positions; a ring needs at least 4 (3 corners and the first repeated at the end).`,
      );
    }
    const first = checked[0] as number[];
    const last = checked[checked.length - 1] as number[];
    if (!samePosition(first, last)) {
      throw invalid(
        `${which} (${path}[${r}]) is not closed: it must end with its first position [${first.join(', ')}], ` +
          `but ends with [${last.join(', ')}].`,
      );
    }
    return checked;
  });
}

/**
 * Checks `input` as a GeoJSON geometry of one of `rules.accept` and returns it, typed. Error order: not
 * GeoJSON → wrong type → malformed coordinates / too many vertices → numbers and ranges → ring rules.
 */
export function validateGeometry<T extends GeometryType>(
  input: unknown,
  rules: GeometryRules<T>,
): Extract<Geometry, { type: T }> {
  const { path } = rules;
  if (input === undefined || input === null) {
    throw invalid(
      `${path} is missing: ${rules.subject.toLowerCase()} is drawn as ${typeList(rules.accept)}.`,
    );
  }
  if (!isRecord(input))
    throw invalid(
      `${path} must be a GeoJSON geometry object such as {"type": "Polygon", "coordinates": […]}, not ${kindOf(input)}.`,
    );
  const { type, coordinates } = input;
  if (typeof type !== 'string' || !GEOJSON_TYPES.has(type)) {
    throw invalid(
      `${path}.type must be a GeoJSON geometry type (${typeList(rules.accept)} here), not ${typeof type === 'string' ? `"${type}"` : kindOf(type)}.`,
    );
  }
  if (!(rules.accept as readonly string[]).includes(type)) {
    throw new AppError(
      'WRONG_GEOMETRY_TYPE',
      `${rules.subject} is drawn as ${typeList(rules.accept)}; ${path} is a ${type}.`,
    );
  }
  for (const key of Object.keys(input)) {
    if (key === 'crs') {
      throw invalid(
        `${path}.crs is not part of GeoJSON (RFC 7946): coordinates are always WGS84 longitude/latitude; remove "crs".`,
      );
    }
    if (key !== 'type' && key !== 'coordinates' && key !== 'bbox') {
      throw invalid(
        `${path} has a member "${key}" that a GeoJSON ${type} does not have (only type, coordinates and bbox).`,
      );
    }
  }
  if (coordinates === undefined) throw invalid(`${path}.coordinates is missing.`);
  const bbox = input.bbox;
  if (
    bbox !== undefined &&
    (!Array.isArray(bbox) || bbox.length < 4 || bbox.length > 6 || bbox.some((n) => typeof n !== 'number'))
  ) {
    throw invalid(
      `${path}.bbox must be a list of 4 numbers [west, south, east, north] (or 6 with altitudes).`,
    );
  }

  // The bbox is not kept: PostGIS recomputes it from the coordinates.
  const checked = (
    type === 'Point'
      ? { type, coordinates: validatePosition(coordinates, `${path}.coordinates`) }
      : type === 'LineString'
        ? { type, coordinates: lineString(coordinates, rules) }
        : { type, coordinates: polygon(coordinates, rules) }
  ) as Extract<Geometry, { type: T }>;
  return checked;
}
