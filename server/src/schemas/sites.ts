import { Type, type Static } from 'typebox';
import { BBoxSchema, PolygonSchema } from './geojson.js';
import { EchoedId, IgnoredReadOnly, PatchStamp, Stamp } from './versioned.js';

/** Sites: a named area of interest that zones and measures are planned in. */

/** Largest area of interest, m² (100 km²): a district, not a country. */
export const MAX_SITE_AREA_M2 = 100_000_000;

const name = Type.String({ minLength: 1, maxLength: 200 });
const description = Type.String({ maxLength: 5000 });
const sourceId = Type.Union([Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), Type.Null()], {
  description: 'the import this site is planned on; null = every import overlapping its area',
});

/** Checked against the vehicle catalogue's bounds by the route (validation/site-input.ts). */
const vehicleOverrides = Type.Record(
  Type.String(),
  Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])),
  {
    description:
      'vehicle parameters for this site, per class, e.g. { "N2": { "massKg": 7500 } } (see GET /api/vehicles); an analysis request’s overrides apply on top',
  },
);

export const SiteCreateBody = Type.Object(
  {
    name,
    description: Type.Optional(description),
    areaOfInterest: PolygonSchema,
    sourceId: Type.Optional(sourceId),
    vehicleOverrides: Type.Optional(vehicleOverrides),
  },
  { additionalProperties: false, title: 'SiteCreate' },
);
export type SiteCreateInput = Static<typeof SiteCreateBody>;

/** Any of name, description, areaOfInterest, sourceId, vehicleOverrides; or the whole site as read, changed. */
export const SitePatchBody = Type.Object(
  {
    id: EchoedId,
    ...PatchStamp,
    revision: IgnoredReadOnly,
    bbox: IgnoredReadOnly,
    areaM2: IgnoredReadOnly,
    name: Type.Optional(name),
    description: Type.Optional(description),
    areaOfInterest: Type.Optional(PolygonSchema),
    sourceId: Type.Optional(sourceId),
    vehicleOverrides: Type.Optional(vehicleOverrides),
  },
  { additionalProperties: false, title: 'SitePatch' },
);
type SitePatch = Static<typeof SitePatchBody>;
/** What a PATCH changes. */
export type SiteChanges = Pick<
  SitePatch,
  'name' | 'description' | 'areaOfInterest' | 'sourceId' | 'vehicleOverrides'
>;
/** A checked PATCH body: its changes, and the id and version it names (the read-only fields dropped). */
export type SitePatchInput = SiteChanges & Pick<SitePatch, 'id' | 'version'>;

const summary = {
  id: Type.String({ description: 'uuid' }),
  name: Type.String(),
  description: Type.String(),
  sourceId,
  ...Stamp,
  revision: Type.Integer({
    description:
      'changes with every edit of the area, the data source, the vehicle overrides, the zones or the measures (analysis cache key)',
  }),
  vehicleOverrides,
  bbox: BBoxSchema,
  areaM2: Type.Number({ description: 'area of interest, m² on the WGS84 ellipsoid' }),
};

const SiteSummarySchema = Type.Object(summary, { additionalProperties: false, title: 'SiteSummary' });
export type SiteSummary = Static<typeof SiteSummarySchema>;

export const SiteSchema = Type.Object(
  { ...summary, areaOfInterest: PolygonSchema },
  { additionalProperties: false, title: 'Site' },
);
export type Site = Static<typeof SiteSchema>;

export const SiteList = Type.Object(
  { sites: Type.Array(SiteSummarySchema) },
  { additionalProperties: false },
);
