import { Type, type Static } from 'typebox';
import { FeatureCollectionSchema, FeatureSchema, PolygonSchema } from './geojson.js';
import { EchoedId, PatchStamp, Stamp } from './versioned.js';

/** Protected zones: the places a plan protects, drawn as Polygons. */

const ZONE_KINDS = ['crowd', 'building', 'access_control', 'other'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];
export const DEFAULT_ZONE_KIND: ZoneKind = 'crowd';

export const ZoneProperties = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Optional(
      Type.Enum([...ZONE_KINDS], {
        description: 'what is protected; crowd when not given',
        default: DEFAULT_ZONE_KIND,
      }),
    ),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false, title: 'ZoneProperties' },
);

/** POST /api/sites/:id/zones. */
export const ZoneCreateBody = Type.Object(
  { type: Type.Literal('Feature'), geometry: PolygonSchema, properties: ZoneProperties },
  { additionalProperties: false, title: 'ZoneCreate' },
);

/** The properties part of a zone PATCH: a JSON merge patch (null removes `notes`) plus the stamps. */
export const ZonePatchProperties = Type.Object(
  {
    ...PatchStamp,
    name: Type.Optional(ZoneProperties.properties.name),
    kind: Type.Optional(Type.Enum([...ZONE_KINDS])),
    notes: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

/** PATCH: a new geometry and/or changed properties (or the whole Feature as read, changed). */
export const ZonePatchBody = Type.Object(
  {
    type: Type.Optional(Type.Literal('Feature')),
    id: EchoedId,
    geometry: Type.Optional(PolygonSchema),
    properties: Type.Optional(ZonePatchProperties),
  },
  { additionalProperties: false, title: 'ZonePatch' },
);

export const ZoneFeature = FeatureSchema(
  PolygonSchema,
  Type.Object(
    {
      name: Type.String(),
      kind: Type.Enum([...ZONE_KINDS]),
      notes: Type.Optional(Type.String()),
      ...Stamp,
    },
    { additionalProperties: false },
  ),
  'Zone',
);
export type Zone = Static<typeof ZoneFeature>;

export const ZoneCollection = FeatureCollectionSchema(ZoneFeature, 'ZoneCollection');
