import type { Static } from 'typebox';
import type { Db, Queryable } from '../db/db.js';
import type { Geometry } from '../schemas/geojson.js';
import type { MeasureFeature, MeasureKind, MeasureProperties } from '../schemas/measures.js';
import { MAX_SITE_AREA_M2 } from '../schemas/sites.js';
import { mergeMeasure, type MeasureInput, type MeasurePatch } from '../validation/measure-input.js';
import { versionConflict } from '../validation/version.js';
import { checkPolygon } from './polygon-check.js';
import { deleteItem, itemNotFound, missingItem } from './site-items.js';
import { bumpRevision, siteExists, siteNotFound } from './sites.js';
import { geoJson, geomFromGeoJson, isoTime } from './sql.js';

export type Measure = Static<typeof MeasureFeature>;

const COLUMNS = `m.id, m.kind, m.properties, ${geoJson('m.geom')} AS geometry, m.version,
  ${isoTime('m.created_at')} AS "createdAt", ${isoTime('m.updated_at')} AS "updatedAt"`;

type MeasureRow = {
  id: string;
  kind: MeasureKind;
  /** Everything but the kind, which has its own column. */
  properties: Record<string, unknown>;
  geometry: Geometry;
  version: number;
  createdAt: string;
  updatedAt: string;
};

const toMeasure = ({ id, kind, properties, geometry, version, createdAt, updatedAt }: MeasureRow): Measure =>
  ({
    type: 'Feature',
    id,
    geometry,
    properties: { kind, ...properties, version, createdAt, updatedAt },
  }) as Measure;

const toInput = (row: MeasureRow): MeasureInput => ({
  geometry: row.geometry,
  properties: { kind: row.kind, ...row.properties } as MeasureProperties,
});

const stored = ({ kind: _kind, ...rest }: MeasureProperties) => JSON.stringify(rest);

/** Polygons (cordons, area chicanes) are checked in PostGIS; points and lines need nothing more. */
async function checkGeometry(tx: Queryable, input: MeasureInput): Promise<void> {
  if (input.geometry.type !== 'Polygon') return;
  const subject = `The ${input.properties.kind.replace('_', ' ')}`;
  await checkPolygon(tx, input.geometry, { subject, maxAreaM2: MAX_SITE_AREA_M2 });
}

export async function listMeasures(db: Queryable, siteId: string): Promise<Measure[]> {
  if (!(await siteExists(db, siteId))) throw siteNotFound(siteId);
  const { rows } = await db.query<MeasureRow>(
    `SELECT ${COLUMNS} FROM measures AS m WHERE m.site_id = $1 ORDER BY m.created_at, m.id`,
    [siteId],
  );
  return rows.map(toMeasure);
}

export async function getMeasure(db: Queryable, siteId: string, measureId: string): Promise<Measure> {
  const { rows } = await db.query<MeasureRow>(
    `SELECT ${COLUMNS} FROM measures AS m WHERE m.site_id = $1 AND m.id = $2`,
    [siteId, measureId],
  );
  if (!rows[0]) throw await missingItem(db, 'measures', siteId, measureId);
  return toMeasure(rows[0]);
}

/** Adds a measure and bumps the site's revision, in one transaction. */
export async function createMeasure(db: Db, siteId: string, input: MeasureInput): Promise<Measure> {
  return db.transaction(async (tx) => {
    await bumpRevision(tx, siteId);
    await checkGeometry(tx, input);
    const { rows } = await tx.query<MeasureRow>(
      `INSERT INTO measures AS m (site_id, kind, properties, geom)
       VALUES ($1, $2, $3::jsonb, ${geomFromGeoJson('$4')}) RETURNING ${COLUMNS}`,
      [siteId, input.properties.kind, stored(input.properties), JSON.stringify(input.geometry)],
    );
    return toMeasure(rows[0] as MeasureRow);
  });
}

/**
 * Applies a PATCH to the measure at `version`: the new geometry and/or merged properties are checked as
 * a whole for the (possibly new) kind, then written; the site's revision is bumped.
 */
export async function updateMeasure(
  db: Db,
  siteId: string,
  measureId: string,
  version: number,
  patch: MeasurePatch,
): Promise<Measure> {
  return db.transaction(async (tx) => {
    await bumpRevision(tx, siteId);
    const { rows } = await tx.query<MeasureRow>(
      `SELECT ${COLUMNS} FROM measures AS m WHERE m.site_id = $1 AND m.id = $2 FOR UPDATE`,
      [siteId, measureId],
    );
    const current = rows[0];
    if (!current) throw itemNotFound('measures', siteId, measureId);
    if (current.version !== version) throw versionConflict('The measure', current.version, version);
    const merged = mergeMeasure(toInput(current), patch);
    if (patch.geometry) await checkGeometry(tx, merged);
    const updated = await tx.query<MeasureRow>(
      `UPDATE measures AS m SET kind = $3, properties = $4::jsonb,
              geom = COALESCE(${geomFromGeoJson('$5')}, m.geom), version = m.version + 1, updated_at = now()
        WHERE m.id = $1 AND m.version = $2 RETURNING ${COLUMNS}`,
      [
        measureId,
        version,
        merged.properties.kind,
        stored(merged.properties),
        patch.geometry ? JSON.stringify(patch.geometry) : null,
      ],
    );
    return toMeasure(updated.rows[0] as MeasureRow);
  });
}

/** Deletes a measure (only at `version` when given) and bumps the site's revision. */
export async function deleteMeasure(
  db: Db,
  siteId: string,
  measureId: string,
  version: number | undefined,
): Promise<void> {
  await db.transaction(async (tx) => {
    await bumpRevision(tx, siteId);
    await deleteItem(tx, 'measures', siteId, measureId, version);
  });
}
