/**
 * The Monaco 2016 extract in a fresh embedded database with the three venue sites, for the benchmarks that
 * go through the API: `fn` runs on it, then the database is removed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeatureCollection, Polygon } from 'geojson';
import { loadConfig, repoRoot, type Config } from '../server/src/config.js';
import type { Db } from '../server/src/db/db.js';
import { migrateUp } from '../server/src/db/migrate.js';
import { openDb } from '../server/src/db/open-db.js';
import {
  createVenueSites,
  SHARED_OSM_DIR,
  VENUES_FILE,
  type VenueProperties,
  type VenueSite,
} from '../server/src/demo/monaco-demo.js';
import { importFile } from '../server/src/import/import-file.js';

export const MONACO_2016 = path.join(SHARED_OSM_DIR, 'monaco-2016-03-05.osrm-backend.osm.pbf');

export interface MonacoVenues {
  db: Db;
  /** A server configuration on that database. */
  config: Config;
  venues: FeatureCollection<Polygon, VenueProperties>;
  /** In the order of `venues`. */
  sites: VenueSite[];
}

export async function withMonacoVenues<T extends Record<string, unknown>>(
  fn: (m: MonacoVenues) => Promise<T>,
): Promise<T | { skipped: string }> {
  if (!fs.existsSync(MONACO_2016)) {
    console.warn(`skipped: ${MONACO_2016} is missing (the shared OpenStreetMap extracts).`);
    return { skipped: 'shared OSM extracts missing' };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-bench-'));
  const db = await openDb({ databaseUrl: undefined, dataDir });
  try {
    await migrateUp(db);
    const summary = await importFile(db, MONACO_2016);
    const venues = JSON.parse(
      fs.readFileSync(path.join(SHARED_OSM_DIR, VENUES_FILE), 'utf8'),
    ) as FeatureCollection<Polygon, VenueProperties>;
    const sites = await createVenueSites(db, venues, summary.sourceId);
    const config = { ...loadConfig({}), dataDir, clientDir: path.join(repoRoot, 'client/dist') };
    return await fn({ db, config, venues, sites });
  } finally {
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
