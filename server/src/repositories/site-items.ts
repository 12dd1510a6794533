import type { Queryable } from '../db/db.js';
import { AppError } from '../errors.js';
import { versionConflict } from '../validation/version.js';
import { siteExists, siteNotFound } from './sites.js';

/** What zones and measures (the items planned in a site) share: their not-found and conflict answers. */

export type ItemTable = 'zones' | 'measures';

const ITEMS = {
  zones: { code: 'ZONE_NOT_FOUND', noun: 'protected zone', subject: 'The protected zone' },
  measures: { code: 'MEASURE_NOT_FOUND', noun: 'measure', subject: 'The measure' },
} as const;

export const itemNotFound = (table: ItemTable, siteId: string, id: string) =>
  new AppError(ITEMS[table].code, `There is no ${ITEMS[table].noun} with id "${id}" in site "${siteId}".`);

/** The 404 for an item that was not found: the site's own when the site is missing too. */
export async function missingItem(
  db: Queryable,
  table: ItemTable,
  siteId: string,
  id: string,
): Promise<AppError> {
  return (await siteExists(db, siteId)) ? itemNotFound(table, siteId, id) : siteNotFound(siteId);
}

/** Why a conditional write changed no row: the item is missing (404) or at another version (409). */
export async function whyItemUnchanged(
  tx: Queryable,
  table: ItemTable,
  siteId: string,
  id: string,
  version: number | undefined,
): Promise<AppError> {
  const { rows } = await tx.query<{ version: number }>(
    `SELECT version FROM ${table} WHERE site_id = $1 AND id = $2`,
    [siteId, id],
  );
  const current = rows[0];
  if (!current || version === undefined) return itemNotFound(table, siteId, id);
  return versionConflict(ITEMS[table].subject, current.version, version);
}

/** Deletes an item (only at `version` when given) in the caller's transaction. */
export async function deleteItem(
  tx: Queryable,
  table: ItemTable,
  siteId: string,
  id: string,
  version: number | undefined,
): Promise<void> {
  const { rows } = await tx.query(
    `DELETE FROM ${table} WHERE site_id = $1 AND id = $2 AND ($3::integer IS NULL OR version = $3::integer) RETURNING id`,
    [siteId, id, version ?? null],
  );
  if (rows.length === 0) throw await whyItemUnchanged(tx, table, siteId, id, version);
}
