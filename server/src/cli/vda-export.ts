// npm run vda:export -- <venue-key> [out-dir] — runs the approach analysis of a Monaco venue (all six
// classes) on the configured database, loading the Monaco demo first if needed, and writes its approach
// vectors, reachable regions and speed map as GeoJSON files outside the repository (default /tmp) to
// look at on a map. They are derived from OpenStreetMap data: never commit them.
import fs from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, Polygon } from 'geojson';
import { loadVehicleProfiles } from '../analysis/load-vehicles.js';
import { OSM_ATTRIBUTION } from '../attribution.js';
import { repoRoot } from '../config.js';
import type { Db } from '../db/db.js';
import {
  loadMonacoDemo,
  missingMonacoFiles,
  SHARED_OSM_DIR,
  VENUES_FILE,
  type VenueProperties,
} from '../demo/monaco-demo.js';
import { AppError } from '../errors.js';
import { ApproachAnalysisService } from '../services/approach-analysis.js';
import { parseApproachRequest } from '../validation/approach-input.js';
import { openCliDb } from './cli-support.js';

const [key, outDir = '/tmp'] = process.argv.slice(2);
const missing = missingMonacoFiles();
if (missing.length > 0) {
  console.error(
    `The Monaco venues need the shared OpenStreetMap extracts, and these are missing:\n  ${missing.join('\n  ')}`,
  );
  process.exit(1);
}
const venues = JSON.parse(
  fs.readFileSync(path.join(SHARED_OSM_DIR, VENUES_FILE), 'utf8'),
) as FeatureCollection<Polygon, VenueProperties>;
const venue = venues.features.find((f) => f.properties.key === key);
if (!venue) {
  console.error(
    `Usage: npm run vda:export -- <venue-key> [out-dir]; venue keys: ${venues.features.map((f) => f.properties.key).join(', ')}`,
  );
  process.exit(1);
}
// npm runs workspace scripts in server/: a relative directory is relative to where the command was typed.
const out = path.resolve(process.env.INIT_CWD ?? process.cwd(), outDir);
if (out === repoRoot || out.startsWith(`${repoRoot}${path.sep}`)) {
  console.error(
    `Write the export outside the repository (${repoRoot}): it is derived from OpenStreetMap data.`,
  );
  process.exit(1);
}

let db: Db | undefined;
try {
  db = await openCliDb();
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM sites WHERE name = $1 ORDER BY created_at LIMIT 1',
    [venue.properties.name],
  );
  const siteId =
    rows[0]?.id ?? (await loadMonacoDemo(db)).sites.find((s) => s.name === venue.properties.name)!.siteId;
  const catalogue = loadVehicleProfiles();
  const result = await new ApproachAnalysisService(db, catalogue).analyse(
    siteId,
    parseApproachRequest({}, catalogue),
  );
  fs.mkdirSync(out, { recursive: true });
  const files = {
    vectors: { ...result.vectors, attribution: OSM_ATTRIBUTION },
    reachable: { ...result.reachable, attribution: OSM_ATTRIBUTION },
    'speed-map': result.speedMap,
  };
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(out, `bulwark-vda-${key}-${name}.geojson`);
    fs.writeFileSync(file, JSON.stringify(content));
    console.log(file);
  }
  for (const row of result.summary)
    console.log(
      `  ${row.vehicleClass.padEnd(4)} ${row.zoneName}: ${row.vectors} vectors, ${row.unmitigated} unmitigated, ` +
        `worst ${row.worstImpactSpeedKmh ?? '–'} km/h → ${row.requiredRating ?? row.requiredRatingNote}`,
    );
  console.log(
    `Timings (ms): ${Object.entries(result.timingsMs)
      .map(([k, v]) => `${k} ${Math.round(v)}`)
      .join(', ')}`,
  );
  console.log(`Map data ${OSM_ATTRIBUTION} (ODbL).`);
} catch (error) {
  const code = error instanceof AppError ? ` (${error.code})` : '';
  console.error(`The export failed${code}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db?.close();
}
