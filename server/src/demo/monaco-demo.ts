import fs from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, Polygon } from 'geojson';
import { OSM_ATTRIBUTION } from '../attribution.js';
import { repoRoot } from '../config.js';
import type { Db } from '../db/db.js';
import { importFile, type ImportOptions, type ImportSummary } from '../import/import-file.js';
import { insertSiteWithZones } from './insert-site.js';

/** The real OSM extracts live outside the repository and are never copied into it. */
export const SHARED_OSM_DIR = path.resolve(repoRoot, '../shared/data/osm');
const MONACO_FILE = 'monaco-2021-04-21.planetiler.osm.pbf';
export const VENUES_FILE = 'venues.geojson';

/** Each venue's site covers the venue and the streets a vehicle would approach it by. */
const VENUE_APPROACH_M = 400;

// Serialises concurrent demo loads on one PostgreSQL, so that sites matched by name are never doubled.
const VENUES_LOCK_KEY = 0x4d_6f_6e_61; // "Mona"

export interface VenueProperties {
  key: string;
  name: string;
  kind: string;
  derivation?: string;
}

export interface VenueSite {
  name: string;
  siteId: string;
  created: boolean;
}

/** The files the Monaco demo needs that are missing from `osmDir` (empty when all are there). */
export function missingMonacoFiles(osmDir = SHARED_OSM_DIR): string[] {
  return [MONACO_FILE, VENUES_FILE].map((f) => path.join(osmDir, f)).filter((f) => !fs.existsSync(f));
}

/**
 * One site per venue, named after it: the area of interest is the venue polygon grown by 400 m, the venue
 * polygon is its protected zone, and the site is planned on `sourceId`. A venue whose site already exists
 * (same name) is left as it is, so running the demo twice creates nothing twice.
 */
export async function createVenueSites(
  db: Db,
  venues: FeatureCollection<Polygon, VenueProperties>,
  sourceId: number,
): Promise<VenueSite[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [VENUES_LOCK_KEY]);
    const result: VenueSite[] = [];
    for (const venue of venues.features) {
      const { name } = venue.properties;
      const existing = await tx.query<{ id: string }>(
        'SELECT id FROM sites WHERE name = $1 ORDER BY created_at LIMIT 1',
        [name],
      );
      if (existing.rows[0]) {
        result.push({ name, siteId: existing.rows[0].id, created: false });
        continue;
      }
      // Buffered on the ellipsoid (geography), so 400 m is 400 m whatever the latitude.
      const { rows } = await tx.query<{ aoi: string }>(
        'SELECT ST_AsGeoJSON(ST_Buffer(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)::geography, $2)::geometry, 7) AS aoi',
        [JSON.stringify(venue.geometry), VENUE_APPROACH_M],
      );
      const siteId = await insertSiteWithZones(tx, {
        name,
        description:
          `${venue.properties.kind} in Monaco: the venue and ${VENUE_APPROACH_M} m around it, on the 2021-04-21 OpenStreetMap ` +
          `extract. Protected zone: ${venue.properties.derivation ?? 'the venue outline'}. ${OSM_ATTRIBUTION}, ODbL.`,
        areaOfInterest: JSON.parse(rows[0]!.aoi) as Polygon,
        sourceId,
        zones: [
          { name: `Protected area: ${venue.properties.kind}`, kind: 'crowd', geometry: venue.geometry },
        ],
      });
      result.push({ name, siteId, created: true });
    }
    return result;
  });
}

/** Imports the Monaco 2021 extract (replacing an earlier import of it) and creates the three venue sites. */
export async function loadMonacoDemo(
  db: Db,
  osmDir = SHARED_OSM_DIR,
  onProgress?: ImportOptions['onProgress'],
): Promise<{ summary: ImportSummary; sites: VenueSite[] }> {
  const venues = JSON.parse(fs.readFileSync(path.join(osmDir, VENUES_FILE), 'utf8')) as FeatureCollection<
    Polygon,
    VenueProperties
  >;
  const summary = await importFile(db, path.join(osmDir, MONACO_FILE), onProgress ? { onProgress } : {});
  const sites = await createVenueSites(db, venues, summary.sourceId);
  return { summary, sites };
}
