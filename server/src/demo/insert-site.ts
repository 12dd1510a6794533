import type { Polygon } from 'geojson';
import type { Queryable } from '../db/db.js';

export interface SiteWithZones {
  name: string;
  description: string;
  areaOfInterest: Polygon;
  /** The import the site is planned on. */
  sourceId: number | null;
  zones: { name: string; kind: string; geometry: Polygon }[];
}

/**
 * Creates a demo site and its protected zones in one statement, so a failure leaves neither. The demo
 * geometries are our own or derived from the venues file; they are known-valid.
 */
export async function insertSiteWithZones(db: Queryable, site: SiteWithZones): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `WITH site AS (
       INSERT INTO sites (name, description, area_of_interest, source_id)
       VALUES ($1, $2, ST_SetSRID(ST_GeomFromGeoJSON($3), 4326), $4) RETURNING id
     ), zone AS (
       INSERT INTO zones (site_id, name, kind, geom)
       SELECT site.id, z.name, z.kind, ST_SetSRID(ST_GeomFromGeoJSON(z.geometry), 4326)
       FROM site, json_to_recordset($5::json) AS z(name text, kind text, geometry json)
     )
     SELECT id FROM site`,
    [
      site.name,
      site.description,
      JSON.stringify(site.areaOfInterest),
      site.sourceId,
      JSON.stringify(site.zones),
    ],
  );
  const row = rows[0];
  if (!row) throw new Error(`creating the site "${site.name}" returned no row`);
  return row.id;
}
