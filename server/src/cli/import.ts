// npm run import -- <file> [--name <data set name>] [--json]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OSM_ATTRIBUTION } from '../attribution.js';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';
import { FEATURE_LAYERS } from '../import/feature-record.js';
import { importFile, type ImportSummary } from '../import/import-file.js';
import { importProgressBar, openCliDb } from './cli-support.js';

const USAGE =
  'usage: npm run import -- <file.osm.pbf|.osm|.osm.gz|.geojson> [--name <data set name>] [--json]';

function printSummary(s: ImportSummary): void {
  const c = s.counts;
  console.log(
    `\n${s.replaced ? 'Replaced' : 'Imported'} "${s.name}" (${s.format}, ${(s.sizeBytes / 1e6).toFixed(1)} MB) as data set ${s.sourceId} in ${(s.timingsMs.total / 1000).toFixed(1)} s`,
  );
  for (const layer of FEATURE_LAYERS) {
    const kinds = Object.entries(c.byKind[layer]).sort((a, b) => b[1] - a[1]);
    const top = kinds
      .slice(0, 8)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    console.log(
      `  ${layer.padEnd(10)} ${String(c.byLayer[layer]).padStart(7)}  ${top}${kinds.length > 8 ? ', …' : ''}`,
    );
  }
  console.log(
    `  buildings from ways ${c.buildingsFromWays}, from multipolygon relations ${c.buildingsFromRelations}`,
  );
  console.log(
    `  cut off at the extract boundary ${c.skippedIncomplete}, broken in the file ${c.skippedInvalid}, repaired ${c.repaired}, dropped ${c.dropped}`,
  );
  console.log(`Map data ${OSM_ATTRIBUTION} (ODbL).`);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  process.exit(2);
}
const [given] = args.positionals;
if (!given || args.positionals.length > 1) {
  console.error(USAGE);
  process.exit(2);
}
// npm runs workspace scripts in server/: resolve the path from where the user typed the command.
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), given);
if (!fs.existsSync(file)) {
  console.error(`No such file: ${file}`);
  process.exit(1);
}

let db: Db | undefined;
let bar: ReturnType<typeof importProgressBar> | undefined;
try {
  db = await openCliDb();
  if (!args.values.json) bar = importProgressBar();
  const summary = await importFile(db, file, {
    ...(args.values.name ? { name: args.values.name } : {}),
    ...(bar ? { onProgress: bar.update } : {}),
  });
  bar?.stop();
  if (args.values.json) console.log(JSON.stringify(summary, null, 2));
  else printSummary(summary);
} catch (error) {
  bar?.stop();
  const code = error instanceof AppError ? error.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (args.values.json) console.log(JSON.stringify({ error: { code: code ?? 'INTERNAL', message } }));
  else console.error(`Import failed${code ? ` (${code})` : ''}: ${message}`);
  process.exitCode = 1;
} finally {
  await db?.close();
}
