import type { Static } from 'typebox';
import type { Db, Queryable } from '../db/db.js';
import type { Polygon } from '../schemas/geojson.js';
import { MAX_SITE_AREA_M2 } from '../schemas/sites.js';
import type { Zone, ZoneKind, ZonePatchBody } from '../schemas/zones.js';
import { mergeZone, type ZoneInput } from '../validation/zone-input.js';
import { versionConflict } from '../validation/version.js';
import { checkPolygon } from './polygon-check.js';
import { deleteItem, itemNotFound, missingItem } from './site-items.js';
import { bumpRevision, siteExists, siteNotFound } from './sites.js';
import { geoJson, geomFromGeoJson, isoTime } from './sql.js';

const COLUMNS = `z.id, z.name, z.kind, z.properties, ${geoJson('z.geom')} AS geometry, z.version,
  ${isoTime('z.created_at')} AS "createdAt", ${isoTime('z.updated_at')} AS "updatedAt"`;

const POLYGON_RULES = { subject: 'The protected zone', maxAreaM2: MAX_SITE_AREA_M2 };

type ZoneRow = {
  id: string;
  name: string;
  kind: ZoneKind;
  /** Everything but name and kind (notes). */
  properties: { notes?: string };
  geometry: Polygon;
  version: number;
  createdAt: string;
  updatedAt: string;
};

const toZone = ({ id, name, kind, properties, geometry, version, createdAt, updatedAt }: ZoneRow): Zone => ({
  type: 'Feature',
  id,
  geometry,
  properties: { name, kind, ...properties, version, createdAt, updatedAt },
});

const extras = ({ name: _name, kind: _kind, ...rest }: ZoneInput['properties']) => JSON.stringify(rest);

export async function listZones(db: Queryable, siteId: string): Promise<Zone[]> {
  if (!(await siteExists(db, siteId))) throw siteNotFound(siteId);
  const { rows } = await db.query<ZoneRow>(
    `SELECT ${COLUMNS} FROM zones AS z WHERE z.site_id = $1 ORDER BY z.created_at, z.id`,
    [siteId],
  );
  return rows.map(toZone);
}

export async function getZone(db: Queryable, siteId: string, zoneId: string): Promise<Zone> {
  const { rows } = await db.query<ZoneRow>(
    `SELECT ${COLUMNS} FROM zones AS z WHERE z.site_id = $1 AND z.id = $2`,
    [siteId, zoneId],
  );
  if (!rows[0]) throw await missingItem(db, 'zones', siteId, zoneId);
  return toZone(rows[0]);
}

/** Adds a zone and bumps the site's revision, in one transaction. */
export async function createZone(db: Db, siteId: string, input: ZoneInput): Promise<Zone> {
  return db.transaction(async (tx) => {
    await bumpRevision(tx, siteId);
    await checkPolygon(tx, input.geometry, POLYGON_RULES);
    const { rows } = await tx.query<ZoneRow>(
      `INSERT INTO zones AS z (site_id, name, kind, properties, geom)
       VALUES ($1, $2, $3, $4::jsonb, ${geomFromGeoJson('$5')}) RETURNING ${COLUMNS}`,
      [
        siteId,
        input.properties.name,
        input.properties.kind,
        extras(input.properties),
        JSON.stringify(input.geometry),
      ],
    );
    return toZone(rows[0] as ZoneRow);
  });
}

/** Applies a PATCH to the zone at `version` (merged, then checked whole) and bumps the site's revision. */
export async function updateZone(
  db: Db,
  siteId: string,
  zoneId: string,
  version: number,
  patch: Static<typeof ZonePatchBody>,
): Promise<Zone> {
  return db.transaction(async (tx) => {
    await bumpRevision(tx, siteId);
    const { rows } = await tx.query<ZoneRow>(
      `SELECT ${COLUMNS} FROM zones AS z WHERE z.site_id = $1 AND z.id = $2 FOR UPDATE`,
      [siteId, zoneId],
    );
    const current = rows[0];
    if (!current) throw itemNotFound('zones', siteId, zoneId);
    if (current.version !== version) throw versionConflict('The protected zone', current.version, version);
    const merged = mergeZone(
      {
        geometry: current.geometry,
        properties: { name: current.name, kind: current.kind, ...current.properties },
      },
      patch,
    );
    if (patch.geometry) await checkPolygon(tx, merged.geometry, POLYGON_RULES);
    const updated = await tx.query<ZoneRow>(
      `UPDATE zones AS z SET name = $3, kind = $4, properties = $5::jsonb,
              geom = COALESCE(${geomFromGeoJson('$6')}, z.geom), version = z.version + 1, updated_at = now()
        WHERE z.id = $1 AND z.version = $2 RETURNING ${COLUMNS}`,
      [
        zoneId,
        version,
        merged.properties.name,
        merged.properties.kind,
        extras(merged.properties),
        patch.geometry ? JSON.stringify(patch.geometry) : null,
      ],
    );
    return toZone(updated.rows[0] as ZoneRow);
  });
}

/** Deletes a zone (only at `version` when given) and bumps the site's revision. */
export async function deleteZone(
  db: Db,
  siteId: string,
  zoneId: string,
  version: number | undefined,
): Promise<void> {
  await db.transaction(async (tx) => {
    await bumpRevision(tx, siteId);
    await deleteItem(tx, 'zones', siteId, zoneId, version);
  });
}
