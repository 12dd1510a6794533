import { Type, type Static, type TSchema } from 'typebox';
import { RATING_EXAMPLES } from '../analysis/rating-syntax.js';
import {
  FeatureCollectionSchema,
  FeatureSchema,
  LineStringSchema,
  PointSchema,
  PolygonSchema,
  PositionSchema,
  type GeometryType,
} from './geojson.js';
import { EchoedId, PatchStamp, Stamp } from './versioned.js';

/**
 * Measures (API.md): a `kind` and a typed property schema per kind. Units are in the field names.
 * Every measure may carry `name`, `rating`, `costPerUnit` and `notes`; the physical ones (not cameras,
 * not cordons) may also be marked `blocking`. Cross-field rules (spacing > diameter, one way of giving a
 * camera's field of view) and the rating syntax are checked in `validation/measure-input.ts`.
 */

export const MEASURE_KINDS = ['bollard_line', 'barrier', 'gate', 'chicane', 'camera', 'cordon'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** The geometry each kind is drawn as. */
export const MEASURE_GEOMETRY = {
  bollard_line: ['LineString'],
  barrier: ['LineString'],
  gate: ['LineString'],
  chicane: ['LineString', 'Polygon'],
  camera: ['Point'],
  cordon: ['Polygon'],
} as const satisfies Record<MeasureKind, readonly GeometryType[]>;

/** Each kind as the subject of a sentence, for messages. */
export const MEASURE_SUBJECTS: Record<MeasureKind, string> = {
  bollard_line: 'A bollard line',
  barrier: 'A barrier',
  gate: 'A gate',
  chicane: 'A chicane',
  camera: 'A camera',
  cordon: 'A cordon',
};

const ACCESS_POINT_KINDS = ['pedestrian', 'vehicle', 'emergency'] as const;

const common = {
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  rating: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description:
        'crash rating as on the test certificate (stored as given): ISO 22343-1 / IWA 14-1 / PAS 68, ' +
        'ASTM F2656 or US DoS K-rating',
      examples: Object.values(RATING_EXAMPLES),
    }),
  ),
  costPerUnit: Type.Optional(
    Type.Number({ minimum: 0, maximum: 1e9, description: 'cost of one unit, site currency' }),
  ),
  notes: Type.Optional(Type.String({ maxLength: 2000 })),
};

const blocking = {
  blocking: Type.Optional(
    Type.Boolean({
      description:
        'treat as a vehicle obstacle even without a rating (unrated street furniture is passable by default)',
    }),
  ),
};

const props = <K extends MeasureKind, P extends Record<string, TSchema>>(
  kind: K,
  properties: P,
  title: string,
) =>
  Type.Object({ kind: Type.Literal(kind), ...common, ...properties }, { additionalProperties: false, title });

const BollardLineProperties = props(
  'bollard_line',
  {
    ...blocking,
    diameterM: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 2, description: 'bollard diameter, metres' }),
    ),
    spacingM: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 20,
        description: 'centre-to-centre spacing, metres; more than diameterM',
      }),
    ),
  },
  'BollardLineProperties',
);

const BarrierProperties = props(
  'barrier',
  {
    ...blocking,
    product: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    costPerM: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1e7, description: 'cost per metre of barrier' }),
    ),
  },
  'BarrierProperties',
);

const GateProperties = props(
  'gate',
  {
    ...blocking,
    widthM: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'clear opening width, metres' }),
    ),
    open: Type.Optional(Type.Boolean({ description: 'an open gate is a gap' })),
  },
  'GateProperties',
);

const ChicaneProperties = props(
  'chicane',
  {
    ...blocking,
    designSpeedKmh: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 130,
        description: 'speed the chicane holds vehicles to, km/h',
      }),
    ),
  },
  'ChicaneProperties',
);

const CameraProperties = props(
  'camera',
  {
    heightM: Type.Optional(
      Type.Number({ minimum: 0, maximum: 300, description: 'mounting height above ground, metres' }),
    ),
    bearingDeg: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 360,
        description: 'direction of view, degrees clockwise from north',
      }),
    ),
    tiltDeg: Type.Optional(
      Type.Number({
        minimum: -90,
        maximum: 90,
        description: 'degrees below the horizontal (90 = straight down)',
      }),
    ),
    hfovDeg: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 360, description: 'horizontal field of view, degrees' }),
    ),
    sensorWidthMm: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 100,
        description: 'with focalLengthMm, instead of hfovDeg',
      }),
    ),
    focalLengthMm: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 3000,
        description: 'with sensorWidthMm, instead of hfovDeg',
      }),
    ),
    resolutionPx: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100_000, description: 'horizontal resolution, pixels' }),
    ),
    maxRangeM: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10_000, description: 'metres' })),
  },
  'CameraProperties',
);

const AccessPointSchema = Type.Object(
  { position: PositionSchema, kind: Type.Enum([...ACCESS_POINT_KINDS]) },
  { additionalProperties: false },
);

const CordonProperties = props(
  'cordon',
  { accessPoints: Type.Optional(Type.Array(AccessPointSchema, { maxItems: 500 })) },
  'CordonProperties',
);

/** The property schema of each kind: the discriminated union, keyed by `kind`. */
export const MEASURE_PROPERTIES = {
  bollard_line: BollardLineProperties,
  barrier: BarrierProperties,
  gate: GateProperties,
  chicane: ChicaneProperties,
  camera: CameraProperties,
  cordon: CordonProperties,
} as const;

export type MeasureProperties = { [K in MeasureKind]: Static<(typeof MEASURE_PROPERTIES)[K]> }[MeasureKind];

const pascal = (kind: MeasureKind) => kind.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase());

/** The geometry schema of each kind (MEASURE_GEOMETRY as schemas). */
const GEOMETRY_SCHEMAS = {
  bollard_line: LineStringSchema,
  barrier: LineStringSchema,
  gate: LineStringSchema,
  chicane: Type.Union([LineStringSchema, PolygonSchema]),
  camera: PointSchema,
  cordon: PolygonSchema,
} as const satisfies Record<MeasureKind, TSchema>;

const createFeature = <K extends MeasureKind>(kind: K) =>
  Type.Object(
    { type: Type.Literal('Feature'), geometry: GEOMETRY_SCHEMAS[kind], properties: MEASURE_PROPERTIES[kind] },
    { additionalProperties: false, title: `${pascal(kind)}Create` },
  );

/** POST /api/sites/:id/measures: one Feature whose geometry and properties match its kind. */
export const MeasureCreateBody = Type.Union([
  createFeature('bollard_line'),
  createFeature('barrier'),
  createFeature('gate'),
  createFeature('chicane'),
  createFeature('camera'),
  createFeature('cordon'),
]);

/**
 * PATCH: a new geometry and/or a JSON merge patch of the properties (null removes a field), or the whole
 * Feature as read, changed.
 */
export const MeasurePatchBody = Type.Object(
  {
    type: Type.Optional(Type.Literal('Feature')),
    id: EchoedId,
    geometry: Type.Optional(Type.Union([PointSchema, LineStringSchema, PolygonSchema])),
    properties: Type.Optional(
      Type.Object(PatchStamp, {
        additionalProperties: true,
        description: 'fields to change (null removes one); the result must be valid for its kind as a whole',
      }),
    ),
  },
  { additionalProperties: false },
);

const storedFeature = <K extends MeasureKind>(kind: K) =>
  FeatureSchema(
    GEOMETRY_SCHEMAS[kind],
    Type.Object({ ...MEASURE_PROPERTIES[kind].properties, ...Stamp }, { additionalProperties: false }),
    `${pascal(kind)}Measure`,
  );

/** A stored measure as the API returns it. */
export const MeasureFeature = Type.Union([
  storedFeature('bollard_line'),
  storedFeature('barrier'),
  storedFeature('gate'),
  storedFeature('chicane'),
  storedFeature('camera'),
  storedFeature('cordon'),
]);

export const MeasureCollection = FeatureCollectionSchema(MeasureFeature, 'MeasureCollection');
