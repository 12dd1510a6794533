import type { Static } from 'typebox';
import { AppError } from '../errors.js';
import type { Polygon } from '../schemas/geojson.js';
import type { ZoneCreateBody, ZonePatchBody } from '../schemas/zones.js';
import { DEFAULT_ZONE_KIND, ZonePatchProperties, ZoneProperties, type ZoneKind } from '../schemas/zones.js';
import { featureParts, featurePatch } from './feature-input.js';
import { validateGeometry } from './geometry.js';
import { mergeProperties } from './merge-patch.js';
import { schemaCheck } from './schema-check.js';

export interface ZoneInput {
  geometry: Polygon;
  properties: { name: string; kind: ZoneKind; notes?: string };
}

const ZONE_GEOMETRY = { accept: ['Polygon'], subject: 'A protected zone', path: 'geometry' } as const;
const properties = schemaCheck(ZoneProperties);
const patchProperties = schemaCheck(ZonePatchProperties);

function zoneProperties(input: unknown): ZoneInput['properties'] {
  const checked = properties.assert(input, { root: 'properties', code: 'VALIDATION_FAILED' });
  const name = checked.name.trim();
  if (name === '')
    throw new AppError('VALIDATION_FAILED', 'properties.name must not be blank: give the zone a name.');
  return {
    name,
    kind: checked.kind ?? DEFAULT_ZONE_KIND,
    ...(checked.notes === undefined ? {} : { notes: checked.notes }),
  };
}

export type ZoneCreate = Static<typeof ZoneCreateBody> & ZoneInput;

/** A POST body checked and normalised (name trimmed, kind defaulted to crowd). */
export function parseZoneCreate(body: unknown): ZoneCreate {
  const parts = featureParts(body, { subject: 'a protected zone', partial: false });
  const geometry = validateGeometry(parts.geometry, ZONE_GEOMETRY);
  return { type: 'Feature', geometry, properties: zoneProperties(parts.properties) };
}

export type ZonePatch = Static<typeof ZonePatchBody>;

/** A PATCH body checked: the geometry fully, the properties as a patch (checked whole after merging). */
export function parseZonePatch(body: unknown): ZonePatch {
  const parts = featureParts(body, { subject: 'a protected zone', partial: true });
  const geometry = parts.geometry === undefined ? undefined : validateGeometry(parts.geometry, ZONE_GEOMETRY);
  const patch =
    parts.properties === undefined
      ? undefined
      : patchProperties.assert(parts.properties, { root: 'properties', code: 'VALIDATION_FAILED' });
  return featurePatch(
    parts.id,
    geometry,
    patch,
    'send a new geometry and/or properties (name, kind, notes).',
  );
}

/** The stored zone with a PATCH applied, checked as a whole. */
export function mergeZone(current: ZoneInput, patch: ZonePatch): ZoneInput {
  return {
    geometry: patch.geometry ?? current.geometry,
    properties: zoneProperties(mergeProperties(current.properties, patch.properties ?? {})),
  };
}
