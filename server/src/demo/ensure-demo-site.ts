import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { repoRoot } from '../config.js';
import type { Db } from '../db/db.js';
import { importFile } from '../import/import-file.js';
import type { DemoSiteDefinition } from './demo-district.js';
import { insertSiteWithZones } from './insert-site.js';

/** The generated demo site committed in data/ (npm run demo:generate). */
export const DEMO_SITE_FILE = path.join(repoRoot, 'data/demo-site.json');

// Two servers starting together on one PostgreSQL must not both create the demo site.
const DEMO_LOCK_KEY = 0x42_75_6c_77; // "Bulw"

/**
 * Loads the demo site when the database holds no site yet: imports its map data through the regular
 * GeoJSON import (replacing an earlier import of the same file), then creates the site and its protected
 * zones. Returns the new site's id, or null when there was already a site.
 */
export async function ensureDemoSite(
  db: Db,
  log: Logger,
  definitionFile = DEMO_SITE_FILE,
): Promise<string | null> {
  const countSites = async (q: Pick<Db, 'query'>) =>
    (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM sites')).rows[0]?.n ?? 0;
  if ((await countSites(db)) > 0) return null;

  const definition = JSON.parse(fs.readFileSync(definitionFile, 'utf8')) as DemoSiteDefinition;
  const imported = await importFile(db, path.resolve(path.dirname(definitionFile), definition.features));
  const siteId = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK_KEY]);
    if ((await countSites(tx)) > 0) return null;
    return insertSiteWithZones(tx, {
      name: definition.name,
      description: definition.description,
      areaOfInterest: definition.areaOfInterest,
      sourceId: imported.sourceId,
      zones: definition.zones,
    });
  });
  if (siteId) {
    log.info(
      { siteId, features: imported.counts.features },
      `empty database: loaded the demo site "${definition.name}"`,
    );
  }
  return siteId;
}
