import { DETAIL_LEVEL_NAMES, type DetailLevel } from '../analysis/cctv/pixel-density.js';
import type { VehicleClass } from '../analysis/vehicles.js';
import { AppError } from '../errors.js';
import { COVERAGE_LIMITS, CoverageRequestBody } from '../schemas/coverage-analysis.js';
import { isRecord } from './is-record.js';
import { schemaCheck } from './schema-check.js';
import { isUuid } from './uuid.js';

/** A checked coverage request, every option with its default. */
export interface CoverageRequest {
  detailLevel: DetailLevel;
  /** null: every camera of the site. */
  cameraIds: string[] | null;
  vectorTailM: number;
  /** undefined: the approach analysis's default (every class). */
  vehicleClasses: VehicleClass[] | undefined;
}

const shape = schemaCheck(CoverageRequestBody);

/** The body of POST /api/sites/:id/analysis/coverage (empty or none: every default). */
export function parseCoverageRequest(body: unknown): CoverageRequest {
  const raw = body ?? {};
  if (!isRecord(raw))
    throw new AppError(
      'VALIDATION_FAILED',
      'The request body must be a JSON object such as {"detailLevel": "recognise"}, or empty for every default.',
    );
  if (raw.detailLevel !== undefined && !DETAIL_LEVEL_NAMES.includes(raw.detailLevel as DetailLevel))
    throw new AppError(
      'VALIDATION_FAILED',
      `detailLevel must be one of ${DETAIL_LEVEL_NAMES.join(', ')} (EN 62676-4), not ${JSON.stringify(raw.detailLevel)}.`,
    );
  const checked = shape.assert(raw, { root: '', code: 'VALIDATION_FAILED' });
  const ids = checked.cameraIds;
  ids?.forEach((id, i) => {
    if (!isUuid(id))
      throw new AppError('VALIDATION_FAILED', `cameraIds[${i}] "${id}" is not a measure id (a uuid).`);
  });
  return {
    detailLevel: checked.detailLevel ?? COVERAGE_LIMITS.defaultLevel,
    cameraIds: ids ? [...new Set(ids.map((id) => id.toLowerCase()))] : null,
    vectorTailM: checked.vectorTailM ?? COVERAGE_LIMITS.vectorTailM.default,
    vehicleClasses: checked.vehicleClasses as VehicleClass[] | undefined,
  };
}
