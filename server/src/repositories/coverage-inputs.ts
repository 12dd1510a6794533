/**
 * What the coverage analysis reads from the imported data (issue 6): buildings with their heights, walls
 * and hedges, and private land, within a box, from the site's own import (every import when it has none).
 */
import type { Queryable } from '../db/db.js';

/** Barriers that block a camera's view, with our default height when the map gives none (metres). */
export const VIEW_BLOCKING_BARRIERS: Record<string, number> = { wall: 2, city_wall: 6, hedge: 1.5 };

/** Building types that are homes (OSM `building=*`): their windows are private. */
export const RESIDENTIAL_BUILDINGS = [
  'residential',
  'house',
  'apartments',
  'detached',
  'semidetached_house',
  'terrace',
  'bungalow',
  'dormitory',
  'cabin',
  'farm',
  'houseboat',
  'static_caravan',
];

/**
 * Open land that is private: gardens (unless tagged open to the public) and allotments, and any area
 * tagged access=private or no. `landuse=residential` is not: it covers the streets of a whole quarter.
 */
export const PRIVATE_LAND_KINDS = ['garden', 'allotments'];
const PUBLIC_ACCESS = ['yes', 'public', 'permissive', 'customers'];

export interface SiteFrameRow {
  /** The area of interest's centroid and box, WGS84. */
  centre: [number, number];
  box: [number, number, number, number];
}

export async function siteFrame(db: Queryable, siteId: string): Promise<SiteFrameRow | undefined> {
  const { rows } = await db.query<{ x: number; y: number; box: number[] }>(
    `SELECT ST_X(c) AS x, ST_Y(c) AS y,
       ARRAY[ST_XMin(a), ST_YMin(a), ST_XMax(a), ST_YMax(a)] AS box
     FROM sites, LATERAL (SELECT area_of_interest AS a, ST_Centroid(area_of_interest) AS c) g WHERE id = $1`,
    [siteId],
  );
  const row = rows[0];
  return row && { centre: [row.x, row.y], box: row.box.map(Number) as SiteFrameRow['box'] };
}

export type ObstacleRow = {
  layer: 'buildings' | 'furniture' | 'areas';
  kind: string;
  heightM: number | null;
  access: string | null;
  geometry: string;
};

/** Buildings, view-blocking barriers and private land intersecting `box` (WGS84 west, south, east, north). */
export async function obstacleRows(
  db: Queryable,
  siteId: string,
  box: [number, number, number, number],
): Promise<ObstacleRow[]> {
  const { rows } = await db.query<ObstacleRow>(
    `SELECT f.layer, f.kind, f.height_m AS "heightM", f.tags->>'access' AS access, ST_AsGeoJSON(f.geom, 8) AS geometry
     FROM sites s, features f
     WHERE s.id = $1 AND (s.source_id IS NULL OR f.source_id = s.source_id)
       AND f.geom && ST_MakeEnvelope($2, $3, $4, $5, 4326)
       AND (f.layer = 'buildings'
         OR (f.layer = 'furniture' AND f.kind = ANY($6::text[]))
         OR (f.layer = 'areas' AND ((f.kind = ANY($7::text[]) AND coalesce(f.tags->>'access', '') <> ALL($8::text[]))
           OR f.tags->>'access' IN ('private', 'no'))))
     ORDER BY f.id`,
    [siteId, ...box, Object.keys(VIEW_BLOCKING_BARRIERS), PRIVATE_LAND_KINDS, PUBLIC_ACCESS],
  );
  return rows;
}
