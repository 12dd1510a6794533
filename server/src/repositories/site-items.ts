import type { Db, Queryable } from '../db/db.js';
import { AppError } from '../errors.js';
import type { Geometry } from '../schemas/geojson.js';
import { versionConflict } from '../validation/version.js';
import { bumpRevision, siteExists, siteNotFound } from './sites.js';
import { geoJson, geomFromGeoJson, isoTime } from './sql.js';

/**
 * Zones and measures, the items planned in a site, are stored alike: a geometry, a few columns (kind,
 * properties…) and a version, in a table keyed by the site. Every write bumps the site's revision in its
 * transaction, which also locks the site row first, so writes to one site's items queue in one order.
 */

export type ItemTable = 'zones' | 'measures';

const ITEMS = {
  zones: { code: 'ZONE_NOT_FOUND', noun: 'protected zone', subject: 'The protected zone' },
  measures: { code: 'MEASURE_NOT_FOUND', noun: 'measure', subject: 'The measure' },
} as const;

/** What every item row has besides its kind's columns. */
export type StoredItemRow<G extends Geometry> = {
  id: string;
  geometry: G;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** How one kind of item is stored: its table, its columns and the mapping between rows, inputs and answers. */
export interface SiteItemKind<Row extends StoredItemRow<Geometry>, Input, Patch, Item> {
  table: ItemTable;
  /** The columns besides site_id, geom and the stamps, each with its value for an input (jsonb as JSON text). */
  columns: Record<string, (input: Input) => unknown>;
  /** A row as the API shows it. */
  toItem(row: Row): Item;
  /** A row as the input it was written from, for merging a PATCH into. */
  toInput(row: Row): Input;
  /** The stored item with a PATCH applied, checked as a whole. */
  merge(current: Input, patch: Patch): Input;
  /** What only PostGIS can check (polygon validity, area), in the write's transaction. */
  checkGeometry(tx: Queryable, input: Input): Promise<void>;
}

export interface SiteItemRepository<Input, Patch, Item> {
  /** The site's items, oldest first; SITE_NOT_FOUND when there is no such site. */
  list(db: Queryable, siteId: string): Promise<Item[]>;
  get(db: Queryable, siteId: string, id: string): Promise<Item>;
  /** Adds an item in the caller's transaction. */
  insert(tx: Queryable, siteId: string, input: Input): Promise<Item>;
  /** Adds an item in a transaction of its own. */
  create(db: Db, siteId: string, input: Input): Promise<Item>;
  /** Applies a PATCH to the item at `version`: merged, checked whole, then written; 409 at another version. */
  update(db: Db, siteId: string, id: string, version: number, patch: Patch): Promise<Item>;
  /** Deletes the item (only at `version` when one is given). */
  remove(db: Db, siteId: string, id: string, version: number | undefined): Promise<void>;
}

const itemNotFound = (table: ItemTable, siteId: string, id: string) =>
  new AppError(ITEMS[table].code, `There is no ${ITEMS[table].noun} with id "${id}" in site "${siteId}".`);

/** Why a conditional delete removed no row: the item (or its site) is missing (404) or at another version (409). */
async function whyNotDeleted(
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

/** The list, get, create, update and delete of one kind of item, from its description. */
export function siteItemRepository<
  Row extends StoredItemRow<Geometry>,
  Input extends { geometry: Geometry },
  Patch extends { geometry?: Geometry | undefined },
  Item,
>(kind: SiteItemKind<Row, Input, Patch, Item>): SiteItemRepository<Input, Patch, Item> {
  const { table } = kind;
  const columns = Object.keys(kind.columns);
  const values = (input: Input) => Object.values(kind.columns).map((value) => value(input));
  // $1… are taken by the statement's own parameters; the columns' values follow from $<first>.
  const placeholders = (first: number) => columns.map((_, i) => `$${first + i}`);
  const returned = `i.id, ${columns.map((c) => `i.${c}`).join(', ')}, ${geoJson('i.geom')} AS geometry,
    i.version, ${isoTime('i.created_at')} AS "createdAt", ${isoTime('i.updated_at')} AS "updatedAt"`;

  const insert = async (tx: Queryable, siteId: string, input: Input): Promise<Item> => {
    await bumpRevision(tx, siteId);
    await kind.checkGeometry(tx, input);
    const { rows } = await tx.query<Row>(
      `INSERT INTO ${table} AS i (site_id, geom, ${columns.join(', ')})
       VALUES ($1, ${geomFromGeoJson('$2')}, ${placeholders(3).join(', ')}) RETURNING ${returned}`,
      [siteId, JSON.stringify(input.geometry), ...values(input)],
    );
    return kind.toItem(rows[0] as Row);
  };

  return {
    async list(db, siteId) {
      if (!(await siteExists(db, siteId))) throw siteNotFound(siteId);
      const { rows } = await db.query<Row>(
        `SELECT ${returned} FROM ${table} AS i WHERE i.site_id = $1 ORDER BY i.created_at, i.id`,
        [siteId],
      );
      return rows.map(kind.toItem);
    },

    async get(db, siteId, id) {
      const { rows } = await db.query<Row>(
        `SELECT ${returned} FROM ${table} AS i WHERE i.site_id = $1 AND i.id = $2`,
        [siteId, id],
      );
      if (rows[0]) return kind.toItem(rows[0]);
      throw (await siteExists(db, siteId)) ? itemNotFound(table, siteId, id) : siteNotFound(siteId);
    },

    insert,
    create: (db, siteId, input) => db.transaction((tx) => insert(tx, siteId, input)),

    update: (db, siteId, id, version, patch) =>
      db.transaction(async (tx) => {
        await bumpRevision(tx, siteId);
        const { rows } = await tx.query<Row>(
          `SELECT ${returned} FROM ${table} AS i WHERE i.site_id = $1 AND i.id = $2 FOR UPDATE`,
          [siteId, id],
        );
        const current = rows[0];
        if (!current) throw itemNotFound(table, siteId, id);
        if (current.version !== version)
          throw versionConflict(ITEMS[table].subject, current.version, version);
        const merged = kind.merge(kind.toInput(current), patch);
        if (patch.geometry) await kind.checkGeometry(tx, merged);
        // The stored geometry is kept unless a new one is sent: rewriting it from its 7-decimal GeoJSON would round it.
        const sets = placeholders(4).map((p, i) => `${columns[i]} = ${p}`);
        const updated = await tx.query<Row>(
          `UPDATE ${table} AS i SET ${sets.join(', ')}, geom = COALESCE(${geomFromGeoJson('$3')}, i.geom),
                  version = i.version + 1, updated_at = now()
            WHERE i.id = $1 AND i.version = $2 RETURNING ${returned}`,
          [id, version, patch.geometry ? JSON.stringify(patch.geometry) : null, ...values(merged)],
        );
        return kind.toItem(updated.rows[0] as Row);
      }),

    remove: (db, siteId, id, version) =>
      db.transaction(async (tx) => {
        await bumpRevision(tx, siteId);
        const { rows } = await tx.query(
          `DELETE FROM ${table} WHERE site_id = $1 AND id = $2 AND ($3::integer IS NULL OR version = $3::integer)
           RETURNING id`,
          [siteId, id, version ?? null],
        );
        if (rows.length === 0) throw await whyNotDeleted(tx, table, siteId, id, version);
      }),
  };
}
