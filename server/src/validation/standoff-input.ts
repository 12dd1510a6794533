import type { ThreatTable } from '../analysis/threats.js';
import { VEHICLE_CLASSES, type VehicleCatalogue, type VehicleClass } from '../analysis/vehicles.js';
import { AppError } from '../errors.js';
import { parseApproachRequest, type ApproachRequest } from './approach-input.js';
import { isRecord } from './is-record.js';

/** A checked standoff request: the approach analysis it rests on, and the charge per class (kg TNT). */
export interface StandoffRequest {
  approach: ApproachRequest;
  charges: Partial<Record<VehicleClass, number>>;
}

/**
 * The body of POST /api/sites/:id/analysis/standoff: the approach options (vehicles start outside the
 * perimeter unless `starts` says otherwise) and `charges`, each within the stand-off chart: a charge the
 * chart does not cover is refused rather than extrapolated.
 */
export function parseStandoffRequest(
  body: unknown,
  catalogue: VehicleCatalogue,
  table: ThreatTable,
): StandoffRequest {
  const raw = body ?? {};
  if (!isRecord(raw))
    throw new AppError(
      'VALIDATION_FAILED',
      'The request body must be a JSON object such as {"vehicleClasses": ["N3F"], "charges": {"N3F": 4536}}, or empty for every default.',
    );
  const { charges: rawCharges, ...approachBody } = raw;
  // The rings are drawn round the outlines; the speed maps are not needed.
  const approach = parseApproachRequest(
    { starts: 'outside-perimeter', speedMaps: [], ...approachBody },
    catalogue,
  );
  const charges: Partial<Record<VehicleClass, number>> = {};
  if (rawCharges !== undefined) {
    if (!isRecord(rawCharges))
      throw new AppError('VALIDATION_FAILED', 'charges must be an object such as {"M1": 227, "N3F": 27216}.');
    const first = table.rows[0]!;
    const last = table.rows[table.rows.length - 1]!;
    for (const [c, kg] of Object.entries(rawCharges)) {
      if (!(VEHICLE_CLASSES as readonly string[]).includes(c))
        throw new AppError(
          'VALIDATION_FAILED',
          `charges."${c}" is not a vehicle class: use ${VEHICLE_CLASSES.join(', ')}.`,
        );
      if (typeof kg !== 'number' || !Number.isFinite(kg) || kg <= 0)
        throw new AppError(
          'VALIDATION_FAILED',
          `charges.${c} must be a positive number of kg TNT, not ${JSON.stringify(kg)}.`,
        );
      if (kg < first.chargeKg || kg > last.chargeKg)
        throw new AppError(
          'VALIDATION_FAILED',
          `charges.${c} = ${kg} kg is outside the stand-off chart (${first.chargeKg} kg ${first.label} to ` +
            `${last.chargeKg} kg ${last.label}); the chart is not extrapolated.`,
        );
      charges[c as VehicleClass] = kg;
    }
  }
  return { approach, charges };
}
