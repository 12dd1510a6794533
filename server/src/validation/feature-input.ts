import { AppError } from '../errors.js';

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface FeatureParts {
  geometry: unknown;
  properties: unknown;
}

/**
 * The geometry and properties of a GeoJSON Feature request body. `partial` (PATCH): `type`, `geometry`
 * and `properties` may each be left out. A `bbox` member is accepted and ignored; `id` is the server's.
 */
export function featureParts(
  body: unknown,
  { subject, partial }: { subject: string; partial: boolean },
): FeatureParts {
  if (!isRecord(body)) {
    throw new AppError(
      'INVALID_GEOJSON',
      `The request body must be a GeoJSON Feature for ${subject}: {"type": "Feature", "geometry": {…}, "properties": {…}}.`,
    );
  }
  if (body.type === 'FeatureCollection') {
    throw new AppError(
      'INVALID_GEOJSON',
      'The request body is a FeatureCollection: send one Feature per request.',
    );
  }
  if (body.type !== 'Feature' && !(partial && body.type === undefined)) {
    throw new AppError(
      'INVALID_GEOJSON',
      `The request body's "type" must be "Feature", not ${body.type === undefined ? 'missing' : JSON.stringify(body.type)}.`,
    );
  }
  for (const key of Object.keys(body)) {
    if (key === 'id') {
      throw new AppError(
        'INVALID_GEOJSON',
        'The Feature has an "id": ids are given by the server (the address says which one); leave it out.',
      );
    }
    if (key !== 'type' && key !== 'geometry' && key !== 'properties' && key !== 'bbox') {
      throw new AppError(
        'INVALID_GEOJSON',
        `The Feature has a member "${key}" that is not used here (only type, geometry and properties).`,
      );
    }
  }
  if (!partial && body.properties === undefined) {
    throw new AppError(
      'INVALID_GEOJSON',
      `The Feature has no "properties": ${subject} needs at least a name or a kind there.`,
    );
  }
  if (body.properties !== undefined && !isRecord(body.properties)) {
    throw new AppError('INVALID_GEOJSON', 'The Feature\'s "properties" must be an object.');
  }
  return { geometry: body.geometry, properties: body.properties };
}
