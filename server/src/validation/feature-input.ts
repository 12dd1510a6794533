import { AppError } from '../errors.js';
import { STAMP_FIELDS } from '../schemas/versioned.js';
import { isRecord } from './is-record.js';

const POST_MEMBERS = ['type', 'geometry', 'properties'];
const PATCH_MEMBERS = ['type', 'id', 'geometry', 'properties'];

export interface FeatureParts {
  /** In a PATCH, the id of the Feature as read, for the route to compare with the address. */
  id?: string;
  geometry: unknown;
  properties: unknown;
}

/**
 * The geometry and properties of a GeoJSON Feature request body. `partial` (PATCH): `type`, `geometry`
 * and `properties` may each be left out, and the Feature may carry its `id` as read. A `bbox` member is
 * accepted and ignored. A new Feature (POST) has no `id`: the server gives it one.
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
  const members = partial ? PATCH_MEMBERS : POST_MEMBERS;
  for (const key of Object.keys(body)) {
    if (key === 'id' && !partial) {
      throw new AppError(
        'INVALID_GEOJSON',
        'The Feature has an "id": ids are given by the server (the address says which one); leave it out.',
      );
    }
    if (!members.includes(key) && key !== 'bbox') {
      throw new AppError(
        'INVALID_GEOJSON',
        `The Feature has a member "${key}" that is not used here (only ${members.join(', ')}).`,
      );
    }
  }
  if (body.id !== undefined && typeof body.id !== 'string') {
    throw new AppError(
      'INVALID_GEOJSON',
      `The Feature's "id" must be its id as text, as it was read, not ${JSON.stringify(body.id)}; or leave it out.`,
    );
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
  return {
    ...(body.id === undefined ? {} : { id: body.id }),
    geometry: body.geometry,
    properties: body.properties,
  };
}

/**
 * A checked PATCH Feature from what was sent of its id, geometry and properties. Refused when it changes
 * nothing: no geometry, and no properties besides the stamps. `nothing` says what to send instead.
 */
export function featurePatch<G, P extends Record<string, unknown>>(
  id: string | undefined,
  geometry: G | undefined,
  properties: P | undefined,
  nothing: string,
): { type: 'Feature'; id?: string; geometry?: G; properties?: P } {
  if (geometry === undefined && Object.keys(properties ?? {}).every((key) => STAMP_FIELDS.includes(key))) {
    throw new AppError('VALIDATION_FAILED', `Nothing to change: ${nothing}`);
  }
  return {
    type: 'Feature',
    ...(id === undefined ? {} : { id }),
    ...(geometry === undefined ? {} : { geometry }),
    ...(properties === undefined ? {} : { properties }),
  };
}
