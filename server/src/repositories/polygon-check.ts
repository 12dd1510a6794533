import type { Queryable } from '../db/db.js';
import { AppError } from '../errors.js';
import type { Polygon } from '../schemas/geojson.js';
import { describePolygonProblem } from '../validation/polygon-reason.js';
import { geomFromGeoJson } from './sql.js';

export interface PolygonRules {
  /** The item, as the subject of a sentence: "The site's area of interest". */
  subject: string;
  maxAreaM2: number;
}

const km2 = (m2: number) => `${(m2 / 1e6).toLocaleString('en', { maximumFractionDigits: 2 })} km²`;

/**
 * Checks in PostGIS what the pure validator cannot: that the polygon is valid (no crossing edges, holes
 * inside the outline…) and not larger than `maxAreaM2` on the ellipsoid. Run it in the write's transaction.
 */
export async function checkPolygon(tx: Queryable, polygon: Polygon, rules: PolygonRules): Promise<void> {
  const { rows } = await tx.query<{ valid: boolean; reason: string; areaM2: number | null }>(
    `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason,
            CASE WHEN ST_IsValid(g) THEN ST_Area(g::geography) END AS "areaM2"
       FROM (SELECT ${geomFromGeoJson('$1')} AS g) AS input`,
    [JSON.stringify(polygon)],
  );
  const row = rows[0];
  if (!row) throw new Error('polygon check returned no row');
  if (!row.valid || row.areaM2 === null) {
    throw new AppError(
      'INVALID_POLYGON',
      `${rules.subject} is not a valid polygon: ${describePolygonProblem(row.reason)}.`,
    );
  }
  if (row.areaM2 > rules.maxAreaM2) {
    throw new AppError(
      'AREA_TOO_LARGE',
      `${rules.subject} covers ${km2(row.areaM2)}; the most allowed is ${km2(rules.maxAreaM2)}. Draw a smaller area.`,
    );
  }
}
