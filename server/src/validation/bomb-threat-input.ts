import { distancesForCharge, type ThreatTable } from '../analysis/threats.js';
import { AppError } from '../errors.js';
import { isRecord } from './is-record.js';

/** Our default: assembly areas are looked for this far (m, straight line) beyond the outer ring. */
export const DEFAULT_WALKING_DISTANCE_M = 500;
const MAX_WALKING_DISTANCE_M = 3000;
/** Site ids are UUIDs. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface BombThreatRequest {
  location: [number, number];
  chargeKg: number;
  /** The chart row named, or the one the charge is, else null (between rows). */
  rowKey: string | null;
  siteId: string | null;
  walkingDistanceM: number;
}

const bad = (message: string): never => {
  throw new AppError('VALIDATION_FAILED', message);
};

/**
 * The body of POST /api/threats/bomb: `location` [lon, lat], and `threat` (a chart row key) or `chargeKg`
 * (within the chart), optional `siteId` and `walkingDistanceM`.
 */
export function parseBombThreatRequest(body: unknown, table: ThreatTable): BombThreatRequest {
  if (!isRecord(body))
    return bad(
      'The request body must be a JSON object such as {"location": [7.4246, 43.7384], "threat": "sedan"}.',
    );
  const known = new Set(['location', 'threat', 'chargeKg', 'siteId', 'walkingDistanceM']);
  for (const key of Object.keys(body)) if (!known.has(key)) bad(`"${key}" is not an option here.`);
  const { location, threat, chargeKg, siteId, walkingDistanceM } = body;
  if (!Array.isArray(location) || location.length !== 2 || !location.every((c) => typeof c === 'number'))
    bad('location must be [longitude, latitude] in degrees, e.g. [7.4246, 43.7384].');
  const [lon, lat] = location as [number, number];
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) bad('location must hold finite numbers.');
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
    throw new AppError(
      'COORDINATE_OUT_OF_RANGE',
      `location [${lon}, ${lat}] is out of range: longitude −180…180, latitude −90…90 (longitude first).`,
    );
  const keys = table.rows.map((r) => r.key);
  let kg: number;
  let rowKey: string | null = null;
  if (threat !== undefined && chargeKg !== undefined) bad('Give either threat or chargeKg, not both.');
  if (threat !== undefined) {
    const row = table.rows.find((r) => r.key === threat);
    if (!row)
      return bad(
        `threat ${JSON.stringify(threat)} is not a row of the stand-off chart: use ${keys.join(', ')}.`,
      );
    kg = row.chargeKg;
    rowKey = row.key;
  } else if (chargeKg !== undefined) {
    if (typeof chargeKg !== 'number' || !Number.isFinite(chargeKg) || chargeKg <= 0)
      return bad(`chargeKg must be a positive number of kg TNT, not ${JSON.stringify(chargeKg)}.`);
    const d = distancesForCharge(table, chargeKg);
    if (!d.inTable) return bad(`chargeKg: ${d.message}`);
    kg = chargeKg;
    rowKey = d.row?.key ?? null;
  } else {
    return bad(`Say what the threat is: threat (one of ${keys.join(', ')}) or chargeKg (kg TNT).`);
  }
  if (siteId !== undefined && (typeof siteId !== 'string' || !UUID.test(siteId)))
    bad(`siteId must be a site's id (a UUID), not ${JSON.stringify(siteId)}.`);
  const walk = walkingDistanceM ?? DEFAULT_WALKING_DISTANCE_M;
  if (typeof walk !== 'number' || !(walk > 0) || walk > MAX_WALKING_DISTANCE_M)
    bad(`walkingDistanceM must be a number of metres above 0 and at most ${MAX_WALKING_DISTANCE_M}.`);
  return {
    location: [lon, lat],
    chargeKg: kg,
    rowKey,
    siteId: (siteId as string | undefined) ?? null,
    walkingDistanceM: walk as number,
  };
}
