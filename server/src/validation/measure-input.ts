import type { Static } from 'typebox';
import { ratingHint, recogniseRating } from '../analysis/rating-syntax.js';
import { AppError } from '../errors.js';
import type { Geometry } from '../schemas/geojson.js';
import type { MeasurePatchBody } from '../schemas/measures.js';
import {
  MEASURE_GEOMETRY,
  MEASURE_KINDS,
  MEASURE_PROPERTIES,
  MEASURE_SUBJECTS,
  type MeasureKind,
  type MeasureProperties,
} from '../schemas/measures.js';
import { MAX_VERSION } from '../schemas/versioned.js';
import { featureParts, featurePatch } from './feature-input.js';
import { validateGeometry, validatePosition } from './geometry.js';
import { isRecord } from './is-record.js';
import { mergeProperties } from './merge-patch.js';
import { schemaCheck } from './schema-check.js';

export interface MeasureInput {
  geometry: Geometry;
  properties: MeasureProperties;
}

const CHECKS = Object.fromEntries(
  MEASURE_KINDS.map((kind) => [kind, schemaCheck(MEASURE_PROPERTIES[kind])]),
) as {
  [K in MeasureKind]: ReturnType<typeof schemaCheck<(typeof MEASURE_PROPERTIES)[K]>>;
};

const isKind = (value: unknown): value is MeasureKind =>
  (MEASURE_KINDS as readonly unknown[]).includes(value);

const refuse = (kind: MeasureKind, message: string) =>
  new AppError('INVALID_MEASURE', `${MEASURE_SUBJECTS[kind]} (${kind}): ${message}`);

/** Rules across fields that JSON Schema cannot state. */
function checkKindRules(props: MeasureProperties): void {
  if (props.kind === 'bollard_line' && props.diameterM !== undefined && props.spacingM !== undefined) {
    if (props.spacingM <= props.diameterM) {
      throw refuse(
        'bollard_line',
        `properties.spacingM (${props.spacingM} m, centre to centre) must be larger than diameterM (${props.diameterM} m): ` +
          'the bollards would touch or overlap.',
      );
    }
  }
  if (props.kind === 'camera') {
    const lens = [props.sensorWidthMm, props.focalLengthMm].filter((v) => v !== undefined).length;
    if (lens === 1) {
      throw refuse(
        'camera',
        'sensorWidthMm and focalLengthMm go together: the field of view is worked out from both.',
      );
    }
    if (lens === 2 && props.hfovDeg !== undefined) {
      throw refuse(
        'camera',
        'give the field of view either as hfovDeg or as sensorWidthMm with focalLengthMm, not both.',
      );
    }
  }
  if (props.kind === 'cordon') {
    props.accessPoints?.forEach((point, i) =>
      validatePosition(point.position, `properties.accessPoints[${i}].position`),
    );
  }
  if (props.rating !== undefined && recogniseRating(props.rating) === null) {
    throw new AppError(
      'INVALID_RATING',
      `${MEASURE_SUBJECTS[props.kind]} (${props.kind}): properties.rating "${props.rating}" is not a crash rating in a ` +
        `form Bulwark recognises. ${ratingHint(props.rating)}`,
    );
  }
}

/** A whole measure (geometry + properties) checked for its kind; names trimmed. */
export function validateMeasure(geometry: unknown, properties: unknown): MeasureInput {
  if (!isRecord(properties))
    throw new AppError('INVALID_MEASURE', 'properties must be an object with the measure\'s "kind".');
  const { kind } = properties;
  if (!isKind(kind)) {
    throw new AppError(
      'INVALID_MEASURE',
      `properties.kind must be one of ${MEASURE_KINDS.join(', ')}, not ${kind === undefined ? 'missing' : JSON.stringify(kind)}.`,
    );
  }
  const checkedGeometry = validateGeometry(geometry, {
    accept: MEASURE_GEOMETRY[kind],
    subject: MEASURE_SUBJECTS[kind],
    path: 'geometry',
  });
  const checked = CHECKS[kind].assert(properties, {
    root: 'properties',
    code: 'INVALID_MEASURE',
    prefix: `${MEASURE_SUBJECTS[kind]} (${kind}): `,
  }) as MeasureProperties;
  checkKindRules(checked);
  if (checked.name !== undefined) {
    const name = checked.name.trim();
    if (name === '') throw refuse(kind, 'properties.name must not be blank (leave it out for no name).');
    return { geometry: checkedGeometry, properties: { ...checked, name } };
  }
  return { geometry: checkedGeometry, properties: checked };
}

/** A POST body checked for its kind. */
export function parseMeasureCreate(body: unknown): MeasureInput & { type: 'Feature' } {
  const parts = featureParts(body, { subject: 'a measure', partial: false });
  return { type: 'Feature', ...validateMeasure(parts.geometry, parts.properties) };
}

export type MeasurePatch = Static<typeof MeasurePatchBody>;

/**
 * A PATCH body checked as far as it can be without the stored measure: the geometry as GeoJSON and the
 * version. The merged measure is checked whole by `mergeMeasure`.
 */
export function parseMeasurePatch(body: unknown): MeasurePatch {
  const parts = featureParts(body, { subject: 'a measure', partial: true });
  const geometry =
    parts.geometry === undefined
      ? undefined
      : validateGeometry(parts.geometry, {
          accept: ['Point', 'LineString', 'Polygon'],
          subject: 'A measure',
          path: 'geometry',
        });
  const patch = parts.properties as Record<string, unknown> | undefined;
  const version = patch?.version;
  if (
    version !== undefined &&
    !(Number.isInteger(version) && (version as number) >= 1 && (version as number) <= MAX_VERSION)
  ) {
    throw new AppError(
      'VALIDATION_FAILED',
      `properties.version must be the version you are changing (a whole number), not ${JSON.stringify(version)}.`,
    );
  }
  return featurePatch(parts.id, geometry, patch, 'send a new geometry and/or properties to change.');
}

/** The stored measure with a PATCH applied, checked as a whole (a new kind must suit the geometry). */
export function mergeMeasure(current: MeasureInput, patch: MeasurePatch): MeasureInput {
  return validateMeasure(
    patch.geometry ?? current.geometry,
    mergeProperties(current.properties, patch.properties ?? {}),
  );
}
