import { Type } from 'typebox';
import type { UnmappedLand } from '../analysis/vda/build-graph.js';
import { resolveProfiles, type VehicleCatalogue, type VehicleProfile } from '../analysis/vehicles.js';
import { AppError } from '../errors.js';
import { APPROACH_LIMITS, type EntryMode, type StartArea } from '../schemas/approach-analysis.js';
import { isRecord } from './is-record.js';
import { schemaCheck } from './schema-check.js';

/** A checked approach-analysis request: the resolved vehicle profiles and every option with its default. */
export interface ApproachRequest {
  /** The requested classes (all six by default) with the request's overrides applied (and the site's: see the service). */
  profiles: VehicleProfile[];
  /** As sent, to resolve again on top of the site's own overrides. */
  vehicleClasses: unknown[] | undefined;
  overrides: unknown;
  friction: number;
  studyRadiusM: number;
  unmappedLand: UnmappedLand;
  entry: EntryMode;
  starts: StartArea;
  /** The classes whose speed map the answer carries (every class analysed by default). */
  speedMaps: string[];
  /** The classes whose reachable outline the answer carries (every class analysed by default). */
  outlines: string[];
}

// The shapes and ranges; classes and overrides are left to resolveProfiles, whose messages name the valid
// classes and each parameter's bounds.
const shape = schemaCheck(
  Type.Object(
    {
      vehicleClasses: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 20 })),
      overrides: Type.Optional(Type.Unknown()),
      friction: Type.Optional(Type.Number()),
      studyRadiusM: Type.Optional(
        Type.Number({ minimum: APPROACH_LIMITS.studyRadiusM.min, maximum: APPROACH_LIMITS.studyRadiusM.max }),
      ),
      unmappedLand: Type.Optional(Type.Enum(['blocked', 'traversable'])),
      entry: Type.Optional(Type.Enum(['rest', 'boundary'])),
      starts: Type.Optional(Type.Enum(['anywhere', 'outside-perimeter'])),
      speedMaps: Type.Optional(Type.Array(Type.String(), { maxItems: 20 })),
      outlines: Type.Optional(Type.Array(Type.String(), { maxItems: 20 })),
    },
    { additionalProperties: false },
  ),
);

/**
 * The body of POST /api/sites/:id/analysis/approach checked against the vehicle catalogue (an empty body
 * or none means every default). Friction is the catalogue's normal road value or its conservative one.
 */
export function parseApproachRequest(body: unknown, catalogue: VehicleCatalogue): ApproachRequest {
  const raw = body ?? {};
  if (!isRecord(raw))
    throw new AppError(
      'VALIDATION_FAILED',
      'The request body must be a JSON object such as {"vehicleClasses": ["M1", "N3F"]}, or empty for every default.',
    );
  const checked = shape.assert(raw, { root: '', code: 'VALIDATION_FAILED' });
  const { friction: normal, frictionConservative } = catalogue.constants;
  const friction = checked.friction ?? normal;
  if (friction !== normal && friction !== frictionConservative)
    throw new AppError(
      'VALIDATION_FAILED',
      `friction must be ${normal} (a normal road surface) or ${frictionConservative} (conservative, when unsure), not ${friction}.`,
    );
  const profiles = resolveProfiles(catalogue, checked.vehicleClasses, { request: checked.overrides });
  const analysed: string[] = profiles.map((p) => p.vehicleClass);
  /** A list of analysed classes (speedMaps, outlines), every one by default. */
  const classList = (name: string, list: string[] | undefined): string[] => {
    const unknown = list?.find((c) => !analysed.includes(c));
    if (unknown !== undefined)
      throw new AppError(
        'VALIDATION_FAILED',
        `${name} names ${JSON.stringify(unknown)}, which is not among the classes analysed (${analysed.join(', ')}).`,
      );
    return list ? [...new Set(list)] : analysed;
  };
  return {
    profiles,
    vehicleClasses: checked.vehicleClasses,
    overrides: checked.overrides,
    friction,
    studyRadiusM: checked.studyRadiusM ?? APPROACH_LIMITS.studyRadiusM.default,
    unmappedLand: checked.unmappedLand ?? 'blocked',
    entry: checked.entry ?? 'rest',
    starts: checked.starts ?? 'anywhere',
    speedMaps: classList('speedMaps', checked.speedMaps),
    outlines: classList('outlines', checked.outlines),
  };
}
