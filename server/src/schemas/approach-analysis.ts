import { Type, type Static } from 'typebox';
import { VEHICLE_CLASSES, VEHICLE_PARAMETERS } from '../analysis/vehicles.js';
import { OSM_ATTRIBUTION } from '../attribution.js';
import { ParameterSchema, VehicleClassSchema } from './vehicles.js';

/** POST /api/sites/:id/analysis/approach: the request and the answer (API.md). */

export const APPROACH_LIMITS = {
  studyRadiusM: { default: 400, min: 50, max: 2000 },
} as const;

export type EntryMode = 'rest' | 'boundary';
export type StartArea = 'anywhere' | 'outside-perimeter';

const overrideFields = Object.fromEntries(
  Object.entries(VEHICLE_PARAMETERS).map(([name, spec]) => [
    name,
    Type.Optional(
      'nullMeans' in spec
        ? Type.Union([Type.Number({ minimum: spec.min, maximum: spec.max }), Type.Null()], {
            description: `${spec.description}, ${spec.unit}; null: ${spec.nullMeans}`,
          })
        : Type.Number({
            minimum: spec.min,
            maximum: spec.max,
            description: `${spec.description}, ${spec.unit}`,
          }),
    ),
  ]),
);

export const ApproachRequestBody = Type.Object(
  {
    vehicleClasses: Type.Optional(
      Type.Array(VehicleClassSchema, { minItems: 1, description: 'default: all six classes' }),
    ),
    overrides: Type.Optional(
      Type.Object(
        Object.fromEntries(
          VEHICLE_CLASSES.map((c) => [
            c,
            Type.Optional(Type.Object(overrideFields, { additionalProperties: false })),
          ]),
        ),
        {
          additionalProperties: false,
          description:
            'vehicle parameters per class, e.g. { "N2": { "massKg": 7500 } } (see GET /api/vehicles)',
        },
      ),
    ),
    friction: Type.Optional(
      Type.Union([Type.Literal(0.6), Type.Literal(1)], {
        description: 'tyre–road friction for the skid limit: 0.6 normal road (default), 1.0 conservative',
      }),
    ),
    studyRadiusM: Type.Optional(
      Type.Number({
        minimum: APPROACH_LIMITS.studyRadiusM.min,
        maximum: APPROACH_LIMITS.studyRadiusM.max,
        description: `how far around the protected zones vehicles are modelled, metres (default ${APPROACH_LIMITS.studyRadiusM.default})`,
      }),
    ),
    unmappedLand: Type.Optional(
      Type.Enum(['blocked', 'traversable'], {
        description:
          'land the map leaves unmapped: blocked (default) or traversable (conservative: all land but buildings, walls, water and steps)',
      }),
    ),
    entry: Type.Optional(
      Type.Enum(['rest', 'boundary'], {
        description:
          'rest (default): a vehicle starts anywhere at rest; boundary: vehicles may also enter the study area along its roads at road speed',
      }),
    ),
    starts: Type.Optional(
      Type.Enum(['anywhere', 'outside-perimeter'], {
        description:
          'anywhere (default, DOMAIN.md §3): a vehicle may start anywhere at rest; outside-perimeter: only where it can reach the study boundary without passing a measure that would stop it (a closed perimeter keeps its inside clear of vehicles)',
      }),
    ),
    speedMaps: Type.Optional(
      Type.Array(VehicleClassSchema, {
        maxItems: 20,
        description:
          'the classes whose speed map the answer carries (default: every class analysed); a map is most of the answer, and the planner shows one at a time',
      }),
    ),
    outlines: Type.Optional(
      Type.Array(VehicleClassSchema, {
        maxItems: 20,
        description:
          'the classes whose reachable outline the answer carries (default: every class analysed; the planner draws none)',
      }),
    ),
  },
  { additionalProperties: false, title: 'ApproachRequest' },
);

export const LonLat = Type.Array(Type.Number(), {
  minItems: 2,
  maxItems: 2,
  description: '[longitude, latitude], WGS84',
});
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const VECTOR_STATUSES = ['unmitigated', 'stopped', 'under_rated', 'energy_equivalent', 'gap'] as const;
export type VectorStatus = (typeof VECTOR_STATUSES)[number];

export const VectorPropertiesSchema = Type.Object(
  {
    zoneId: Type.String(),
    zoneName: Type.String(),
    vehicleClass: VehicleClassSchema,
    status: Type.Enum([...VECTOR_STATUSES], {
      description:
        'unmitigated: nothing on the way in acts on it; stopped: measureId stops it (it still travels ' +
        'penetrationM past it); energy_equivalent: measureId stops it only by the energy of its rating (untested, a ' +
        'warning); under_rated: measureId is on the way but rated below this impact; gap: it passes through an ' +
        'opening of measureId (a bollard gap wider than the vehicle, an open gate)',
    }),
    impactSpeedKmh: Type.Number({
      description: 'speed arriving at the zone boundary; for stopped and energy_equivalent: at the measure',
    }),
    unmitigatedImpactSpeedKmh: Nullable(
      Type.Number({
        description: 'for stopped and energy_equivalent: the speed at the zone without the measure',
      }),
    ),
    impactAngleDeg: Nullable(
      Type.Number({ description: 'angle between the path and the boundary it meets, 90 = head-on' }),
    ),
    energyKj: Type.Number({ description: 'kinetic energy at impact, ½mv²' }),
    runUpM: Type.Number({ description: 'path length from the start (at rest or entering the study area)' }),
    speedProfile: Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }), {
      description: '[distanceM from the start, speedKmh] along the path',
    }),
    requiredRating: Nullable(
      Type.String({
        description:
          'ISO 22343-1 rating that stops this vector (test vehicle, mass, smallest standard speed ≥ impact, 90°); null above 80 km/h or 30 t',
      }),
    ),
    requiredRatingNote: Type.String(),
    measureId: Nullable(Type.String({ description: 'the measure the status is about' })),
    measureDetail: Nullable(Type.String({ description: 'what that measure does to this vehicle, in words' })),
    penetrationM: Nullable(
      Type.Number({ description: 'for stopped / energy_equivalent: distance travelled past the measure' }),
    ),
    warnings: Type.Array(Type.String()),
    start: Type.Enum(['rest', 'boundary'], {
      description: 'starts at rest, or enters the study area along a road at road speed',
    }),
    startSpeedKmh: Type.Number({ description: '0 from rest, else the speed entering the study area' }),
    entryPoint: LonLat,
    impactPoint: LonLat,
    entryRoad: Nullable(Type.String({ description: 'the first named road or path of the path' })),
    impactRoad: Nullable(Type.String({ description: 'the last named road or path before the impact' })),
    roads: Type.Array(Type.String(), {
      description: 'names of the roads and paths along the path, in order',
    }),
    wayInWidthM: Type.Number({
      description:
        'extent along the zone boundary of the crossings merged into this way in (0: one crossing)',
    }),
  },
  { additionalProperties: false, title: 'ApproachVectorProperties' },
);

const VectorFeatureSchema = Type.Object(
  {
    type: Type.Literal('Feature'),
    geometry: Type.Object(
      {
        type: Type.Literal('LineString'),
        coordinates: Type.Array(LonLat),
      },
      { additionalProperties: false },
    ),
    properties: VectorPropertiesSchema,
  },
  { additionalProperties: false, title: 'ApproachVector' },
);

export const SummarySchema = Type.Object(
  {
    zoneId: Type.String(),
    zoneName: Type.String(),
    vehicleClass: VehicleClassSchema,
    vectors: Type.Integer({ description: 'approach vectors found' }),
    unmitigated: Type.Integer({
      description: 'vectors nothing stops: unmitigated, under_rated or through a gap',
    }),
    worstImpactSpeedKmh: Nullable(
      Type.Number({ description: 'fastest impact on the zone of a vector nothing stops' }),
    ),
    requiredRating: Nullable(Type.String({ description: 'what would stop the worst vector' })),
    requiredRatingNote: Type.String(),
  },
  { additionalProperties: false, title: 'ApproachSummary' },
);

export const StandoffSchema = Type.Object(
  {
    zoneId: Type.String(),
    zoneName: Type.String(),
    vehicleClass: VehicleClassSchema,
    distanceM: Nullable(
      Type.Number({
        description:
          'shortest distance from the zone to anywhere the vehicle gets, a stopping measure’s penetration counted; null: it gets nowhere',
      }),
    ),
    vehiclePoint: Nullable(LonLat),
    zonePoint: Nullable(LonLat),
    how: Type.Enum(['enters', 'stopped', 'reached', 'unreachable'], {
      description:
        'enters: a way in is open (0 m); stopped: nearest where a measure stops it; reached: nearest point of its reach',
    }),
    measureId: Nullable(Type.String({ description: 'the measure that stops it there (how = stopped)' })),
    penetrationM: Nullable(Type.Number({ description: 'the penetration counted past that measure' })),
  },
  { additionalProperties: false, title: 'AchievedStandoff' },
);

export const CacheUseSchema = Type.Object(
  {
    result: Type.Enum(['computed', 'cached', 'shared'], {
      description: 'computed now, served from the cache, or shared with an identical request running',
    }),
    graph: Type.Enum(['built', 'reused'], { description: 'the traversable space built now or reused' }),
    measures: Type.Enum(['tagged', 'unchanged'], { description: 'measures (re)placed on the space, or not' }),
  },
  { additionalProperties: false },
);
export type CacheUse = Static<typeof CacheUseSchema>;

export const ApproachResultSchema = Type.Object(
  {
    vectors: Type.Object(
      { type: Type.Literal('FeatureCollection'), features: Type.Array(VectorFeatureSchema) },
      { additionalProperties: false },
    ),
    speedMap: Type.Unknown({
      description: 'per vehicle class, the highest speed reachable over the traversable space (GeoJSON)',
    }),
    reachable: Type.Object(
      {
        type: Type.Literal('FeatureCollection'),
        features: Type.Array(
          Type.Object({
            type: Type.Literal('Feature'),
            geometry: Type.Unknown({ description: 'MultiPolygon, WGS84' }),
            properties: Type.Object({ vehicleClass: VehicleClassSchema }),
          }),
        ),
      },
      { description: 'per vehicle class named in outlines, the outline of the region it can reach' },
    ),
    summary: Type.Array(SummarySchema),
    standoff: Type.Array(StandoffSchema, {
      description: 'per zone and class, the achieved standoff (DOMAIN.md §4) and the point pair giving it',
    }),
    parameters: Type.Array(
      Type.Object(
        { vehicleClass: Nullable(VehicleClassSchema), ...ParameterSchema.properties },
        { additionalProperties: false },
      ),
      { description: 'every value the analysis used with its source; vehicleClass null: shared by all' },
    ),
    studyArea: Type.Object(
      {
        geometry: Type.Unknown({ description: 'the modelled area, a Polygon: the zones grown by radiusM' }),
        radiusM: Type.Number(),
        hulled: Type.Boolean({
          description:
            'the grown zones fell apart and were joined by their convex hull (one area is modelled)',
        }),
        features: Type.Integer({ description: 'imported features read' }),
      },
      { additionalProperties: false },
    ),
    attribution: Type.Literal(OSM_ATTRIBUTION),
    timingsMs: Type.Record(Type.String(), Type.Number()),
    cache: CacheUseSchema,
  },
  { additionalProperties: false, title: 'ApproachResult' },
);
export type ApproachResult = Static<typeof ApproachResultSchema>;
