import { Type, type Static } from 'typebox';
import { DETAIL_LEVEL_NAMES, DETAIL_LEVELS } from '../analysis/cctv/pixel-density.js';
import { VEHICLE_CLASSES } from '../analysis/vehicles.js';
import { OSM_ATTRIBUTION } from '../attribution.js';
import { LonLat, Nullable, VECTOR_STATUSES } from './approach-analysis.js';
import { VehicleClassSchema } from './vehicles.js';

/** POST /api/sites/:id/analysis/coverage (issue 6, DOMAIN.md §5) and GET /api/camera-presets. */

export const COVERAGE_LIMITS = {
  vectorTailM: { default: 50, min: 1, max: 500 },
  cameraIds: { max: 500 },
  defaultLevel: 'detect',
} as const;

const levels = DETAIL_LEVELS.map((l) => `${l.level} ${l.ppm}`).join(', ');
export const DetailLevelSchema = Type.Enum([...DETAIL_LEVEL_NAMES], {
  description: `EN 62676-4 detail level (px/m at the target): ${levels}`,
});

export const CoverageRequestBody = Type.Object(
  {
    detailLevel: Type.Optional(
      Type.Enum([...DETAIL_LEVEL_NAMES], {
        description: `the level coverage is scored at (${levels}); default ${COVERAGE_LIMITS.defaultLevel}`,
      }),
    ),
    cameraIds: Type.Optional(
      Type.Array(Type.String({ description: 'camera measure id' }), {
        maxItems: COVERAGE_LIMITS.cameraIds.max,
        description: 'the cameras to analyse (default: every camera of the site)',
      }),
    ),
    vectorTailM: Type.Optional(
      Type.Number({
        minimum: COVERAGE_LIMITS.vectorTailM.min,
        maximum: COVERAGE_LIMITS.vectorTailM.max,
        description: `how much of each approach vector's end is scored, metres (default ${COVERAGE_LIMITS.vectorTailM.default})`,
      }),
    ),
    vehicleClasses: Type.Optional(
      Type.Array(VehicleClassSchema, {
        maxItems: VEHICLE_CLASSES.length,
        description: 'the approach vectors scored: these classes (default all six; [] for none)',
      }),
    ),
  },
  { additionalProperties: false, title: 'CoverageRequest' },
);

const FeatureCollectionOf = <P extends Parameters<typeof Type.Object>[0]>(
  properties: P,
  description: string,
) =>
  Type.Object(
    {
      type: Type.Literal('FeatureCollection'),
      features: Type.Array(
        Type.Object({
          type: Type.Literal('Feature'),
          geometry: Type.Unknown({ description: 'GeoJSON geometry, WGS84' }),
          properties: Type.Object(properties, { additionalProperties: false }),
        }),
      ),
    },
    { description },
  );

const SOURCE = Type.Enum(['measure', 'lens', 'default'], {
  description: 'from the measure, worked out from its lens, or our default',
});

const CameraSummarySchema = Type.Object(
  {
    id: Type.String(),
    name: Nullable(Type.String()),
    position: LonLat,
    heightM: Type.Number(),
    bearingDeg: Type.Number({ description: 'clockwise from north' }),
    tiltDeg: Type.Number({ description: 'below the horizontal' }),
    hfovDeg: Type.Number(),
    vfovDeg: Type.Number({ description: 'from hfovDeg and the 16:9 image' }),
    resolutionPx: Type.Integer(),
    maxRangeM: Nullable(Type.Number()),
    sources: Type.Object(
      { heightM: SOURCE, bearingDeg: SOURCE, tiltDeg: SOURCE, hfovDeg: SOURCE, resolutionPx: SOURCE },
      { additionalProperties: false },
    ),
    nearBlindM: Type.Number({ description: 'ground nearer than this is under the image (near blind zone)' }),
    farEdgeM: Nullable(
      Type.Number({ description: 'ground beyond this is above the image; null: to the horizon' }),
    ),
    rangeM: Type.Number({
      description: 'how far the view is modelled: range, far edge, monitor level, 1 km',
    }),
    levels: Type.Array(
      Type.Object(
        {
          level: DetailLevelSchema,
          ppm: Type.Number(),
          slantM: Type.Number({ description: 'distance from the lens to a face at which the level ends' }),
          groundM: Type.Number({
            description: 'the same on the ground from the camera’s foot (0: not reached)',
          }),
        },
        { additionalProperties: false },
      ),
    ),
    viewAreaM2: Type.Number({ description: 'ground seen at monitor level or better' }),
    coverageAreaM2: Type.Number({ description: 'ground seen at the requested level or better' }),
    privacyAreaM2: Type.Number(),
    mountedOnBuilding: Type.Boolean({
      description: 'placed inside a footprint, which then does not block it',
    }),
    warnings: Type.Array(Type.String()),
  },
  { additionalProperties: false, title: 'CoverageCamera' },
);

const ZoneCoverageSchema = Type.Object(
  {
    zoneId: Type.String(),
    zoneName: Type.String(),
    areaM2: Type.Number(),
    seenAreaM2: Type.Number(),
    areaShare: Type.Number({ description: '0…1 of the zone’s area seen at the level' }),
    redundantShare: Type.Number({ description: '0…1 of the zone’s area seen by two cameras or more' }),
    perimeterM: Type.Number(),
    seenPerimeterM: Type.Number(),
    perimeterShare: Type.Number(),
    cameraIds: Type.Array(Type.String(), { description: 'cameras seeing part of it' }),
  },
  { additionalProperties: false, title: 'ZoneCoverage' },
);

const AccessPointCoverageSchema = Type.Object(
  {
    measureId: Type.String({ description: 'the cordon' }),
    index: Type.Integer({ description: 'position in the cordon’s accessPoints' }),
    kind: Type.Enum(['pedestrian', 'vehicle', 'emergency']),
    position: LonLat,
    seen: Type.Boolean(),
    seenBy: Type.Array(Type.String()),
  },
  { additionalProperties: false, title: 'AccessPointCoverage' },
);

const ParameterSchema = Type.Object(
  {
    parameter: Type.String(),
    value: Type.Union([Type.Number(), Type.String(), Type.Null()]),
    unit: Type.String(),
    source: Type.String(),
  },
  { additionalProperties: false },
);

export const CoverageResultSchema = Type.Object(
  {
    detailLevel: DetailLevelSchema,
    vectorTailM: Type.Number(),
    cameras: Type.Array(CameraSummarySchema),
    bands: FeatureCollectionOf(
      {
        cameraId: Type.String(),
        level: DetailLevelSchema,
        fromM: Type.Number(),
        toM: Type.Number(),
        areaM2: Type.Number(),
      },
      'per camera and detail band, a MultiPolygon of the ground seen at that level (highest level first)',
    ),
    coverage: FeatureCollectionOf(
      { cameraId: Type.String(), areaM2: Type.Number() },
      'per camera, a MultiPolygon of the ground seen at the requested level or better',
    ),
    zones: Type.Array(ZoneCoverageSchema),
    blindSpots: FeatureCollectionOf(
      {
        zoneId: Type.String(),
        part: Type.Enum(['area', 'perimeter']),
        areaM2: Nullable(Type.Number()),
        lengthM: Nullable(Type.Number()),
      },
      'per zone, its area (MultiPolygon) and perimeter (MultiLineString) not seen at the level',
    ),
    vectors: FeatureCollectionOf(
      {
        zoneId: Type.String(),
        vehicleClass: VehicleClassSchema,
        status: Type.Enum([...VECTOR_STATUSES]),
        impactSpeedKmh: Type.Number(),
        impactPoint: LonLat,
        tailM: Type.Number({ description: 'length scored (vectorTailM, or the whole path when shorter)' }),
        seenM: Type.Number(),
        share: Type.Number(),
        impactSeen: Type.Boolean(),
        impactSeenBy: Type.Array(Type.String()),
      },
      'per approach vector, the LineString of its last vectorTailM metres, and how much of it is seen',
    ),
    accessPoints: Type.Array(AccessPointCoverageSchema),
    privacy: FeatureCollectionOf(
      {
        cameraId: Type.String(),
        areaM2: Type.Number(),
        buildingAreaM2: Type.Number({
          description: 'looking into residential buildings (facade to far wall)',
        }),
        landAreaM2: Type.Number({ description: 'gardens and other private land seen' }),
      },
      'per camera with a view on private property, the suggested privacy mask (MultiPolygon)',
    ),
    parameters: Type.Array(ParameterSchema, { description: 'every value used, with its unit and source' }),
    obstacles: Type.Object({
      buildings: Type.Integer(),
      walls: Type.Integer(),
      segments: Type.Integer(),
      crossingsCut: Type.Integer({ description: 'segments cut where buildings and walls cross' }),
      privateLand: Type.Integer(),
    }),
    cache: Type.Object({
      obstacles: Type.Enum(['loaded', 'reused']),
      approach: Type.Enum(['computed', 'cached', 'skipped']),
      viewsComputed: Type.Integer(),
      viewsReused: Type.Integer(),
    }),
    timingsMs: Type.Record(Type.String(), Type.Number()),
    attribution: Type.Literal(OSM_ATTRIBUTION),
  },
  { additionalProperties: false, title: 'CoverageResult' },
);
export type CoverageResult = Static<typeof CoverageResultSchema>;

export const CameraPresetSchema = Type.Object(
  {
    key: Type.String(),
    label: Type.String(),
    resolutionPx: Type.Integer(),
    sensorWidthMm: Type.Optional(Type.Number()),
    focalLengthMm: Type.Optional(Type.Number()),
    hfovDeg: Type.Number({ description: 'given, or worked out from the lens' }),
    tiltDeg: Type.Optional(Type.Number()),
  },
  { additionalProperties: false, title: 'CameraPreset' },
);
export const CameraPresetsSchema = Type.Object(
  { description: Type.String(), presets: Type.Array(CameraPresetSchema) },
  { additionalProperties: false },
);
export type CameraPresets = Static<typeof CameraPresetsSchema>;
