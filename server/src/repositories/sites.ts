import type { Db, Queryable } from '../db/db.js';
import { AppError } from '../errors.js';
import {
  MAX_SITE_AREA_M2,
  type Site,
  type SiteCreateInput,
  type SiteChanges,
  type SiteSummary,
} from '../schemas/sites.js';
import { versionConflict } from '../validation/version.js';
import { checkPolygon } from './polygon-check.js';
import { geoJson, geomFromGeoJson, isoTime } from './sql.js';

const AREA_RULES = { subject: "The site's area of interest", maxAreaM2: MAX_SITE_AREA_M2 };

const SUMMARY_COLUMNS = `
  s.id, s.name, s.description, s.source_id AS "sourceId", s.version, s.revision,
  s.vehicle_overrides AS "vehicleOverrides",
  ${isoTime('s.created_at')} AS "createdAt", ${isoTime('s.updated_at')} AS "updatedAt",
  ARRAY[ST_XMin(s.area_of_interest), ST_YMin(s.area_of_interest), ST_XMax(s.area_of_interest), ST_YMax(s.area_of_interest)]
    AS bbox,
  ST_Area(s.area_of_interest::geography) AS "areaM2"`;
const COLUMNS = `${SUMMARY_COLUMNS}, ${geoJson('s.area_of_interest')} AS "areaOfInterest"`;

type SummaryRow = Omit<SiteSummary, 'bbox'> & { bbox: number[] };
type SiteRow = SummaryRow & Pick<Site, 'areaOfInterest'>;

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

function toSummary({ bbox, areaM2, ...row }: SummaryRow): SiteSummary {
  return { ...row, bbox: bbox.map((n) => round(n, 7)), areaM2: round(areaM2, 1) };
}

const toSite = (row: SiteRow): Site => ({ ...toSummary(row), areaOfInterest: row.areaOfInterest });

export const siteNotFound = (id: string) =>
  new AppError('SITE_NOT_FOUND', `There is no site with id "${id}".`);

/** PostgreSQL's foreign-key violation on sites.source_id, as the planner's error. */
function unknownSource(error: unknown, sourceId: number | null | undefined): unknown {
  const code = (error as { code?: unknown }).code;
  return code === '23503'
    ? new AppError(
        'SOURCE_NOT_FOUND',
        `There is no imported data set with id ${sourceId}: import one first, or leave sourceId out.`,
      )
    : error;
}

/** Every site, by name, without its outline (the bbox and area are there). */
export async function listSites(db: Queryable): Promise<SiteSummary[]> {
  const { rows } = await db.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM sites AS s ORDER BY s.name, s.id`,
  );
  return rows.map(toSummary);
}

export async function getSite(db: Queryable, id: string): Promise<Site | undefined> {
  const { rows } = await db.query<SiteRow>(`SELECT ${COLUMNS} FROM sites AS s WHERE s.id = $1`, [id]);
  return rows[0] && toSite(rows[0]);
}

/** Creates a site in the caller's transaction, its area checked in PostGIS first. */
export async function insertSite(tx: Queryable, input: SiteCreateInput): Promise<Site> {
  await checkPolygon(tx, input.areaOfInterest, AREA_RULES);
  try {
    const { rows } = await tx.query<SiteRow>(
      `INSERT INTO sites AS s (name, description, area_of_interest, source_id, vehicle_overrides)
       VALUES ($1, $2, ${geomFromGeoJson('$3')}, $4, $5::jsonb) RETURNING ${COLUMNS}`,
      [
        input.name,
        input.description ?? '',
        JSON.stringify(input.areaOfInterest),
        input.sourceId ?? null,
        JSON.stringify(input.vehicleOverrides ?? {}),
      ],
    );
    return toSite(rows[0] as SiteRow);
  } catch (error) {
    throw unknownSource(error, input.sourceId);
  }
}

/** Creates a site in a transaction of its own. */
export const createSite = (db: Db, input: SiteCreateInput): Promise<Site> =>
  db.transaction((tx) => insertSite(tx, input));

/**
 * Applies `patch` when the stored version is `version`: one `UPDATE … WHERE version = $2`, so of two
 * concurrent changes from the same version exactly one wins. A changed area, data source or vehicle overrides
 * also bump the revision (the analysis cache key); the same values sent back (a site PATCHed as read) do not.
 */
export async function updateSite(db: Db, id: string, version: number, patch: SiteChanges): Promise<Site> {
  return db.transaction(async (tx) => {
    if (patch.areaOfInterest) await checkPolygon(tx, patch.areaOfInterest, AREA_RULES);
    const params: unknown[] = [id, version];
    const sets = ['version = s.version + 1', 'updated_at = now()'];
    /** Sets `column` to the parameter `value` (through `expression`); returns the new value's SQL. */
    const set = (column: string, value: unknown, expression = (p: string) => p) => {
      params.push(value);
      const newValue = expression(`$${params.length}`);
      sets.push(`${column} = ${newValue}`);
      return newValue;
    };
    if (patch.name !== undefined) set('name', patch.name);
    if (patch.description !== undefined) set('description', patch.description);
    const moved: string[] = [];
    if (patch.areaOfInterest) {
      const area = set('area_of_interest', JSON.stringify(patch.areaOfInterest), geomFromGeoJson);
      moved.push(`NOT ST_Equals(s.area_of_interest, ${area})`);
    }
    if (patch.sourceId !== undefined)
      moved.push(`s.source_id IS DISTINCT FROM ${set('source_id', patch.sourceId)}`);
    if (patch.vehicleOverrides !== undefined) {
      const value = set('vehicle_overrides', JSON.stringify(patch.vehicleOverrides), (p) => `${p}::jsonb`);
      moved.push(`s.vehicle_overrides IS DISTINCT FROM ${value}`);
    }
    if (moved.length > 0)
      sets.push(`revision = s.revision + CASE WHEN ${moved.join(' OR ')} THEN 1 ELSE 0 END`);
    let rows: SiteRow[];
    try {
      ({ rows } = await tx.query<SiteRow>(
        `UPDATE sites AS s SET ${sets.join(', ')} WHERE s.id = $1 AND s.version = $2 RETURNING ${COLUMNS}`,
        params,
      ));
    } catch (error) {
      throw unknownSource(error, patch.sourceId);
    }
    if (rows[0]) return toSite(rows[0]);
    throw await whyUnchanged(tx, id, version);
  });
}

/** Deletes a site with its zones and measures; with a version, only when it is still that version. */
export async function deleteSite(db: Db, id: string, version: number | undefined): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query(
      'DELETE FROM sites WHERE id = $1 AND ($2::integer IS NULL OR version = $2::integer) RETURNING id',
      [id, version ?? null],
    );
    if (rows.length === 0) throw await whyUnchanged(tx, id, version);
  });
}

async function whyUnchanged(tx: Queryable, id: string, version: number | undefined): Promise<AppError> {
  const { rows } = await tx.query<{ version: number }>('SELECT version FROM sites WHERE id = $1', [id]);
  const current = rows[0];
  if (!current || version === undefined) return siteNotFound(id);
  return versionConflict('The site', current.version, version);
}

/**
 * Bumps the site's revision for a change to its zones or measures, in that change's transaction. It
 * also locks the site row first, so every write to a site's items takes its locks in the same order.
 */
export async function bumpRevision(tx: Queryable, siteId: string): Promise<void> {
  const { rows } = await tx.query('UPDATE sites SET revision = revision + 1 WHERE id = $1 RETURNING id', [
    siteId,
  ]);
  if (rows.length === 0) throw siteNotFound(siteId);
}

export async function siteExists(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM sites WHERE id = $1', [id]);
  return rows.length > 0;
}
