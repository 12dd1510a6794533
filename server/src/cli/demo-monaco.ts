// npm run demo:monaco — imports the real Monaco 2021 extract from ../shared and creates the three venue sites.
import { OSM_ATTRIBUTION } from '../attribution.js';
import type { Db } from '../db/db.js';
import { loadMonacoDemo, missingMonacoFiles, SHARED_OSM_DIR } from '../demo/monaco-demo.js';
import { AppError } from '../errors.js';
import { importProgressBar, openCliDb } from './cli-support.js';

const missing = missingMonacoFiles();
if (missing.length > 0) {
  console.error(
    `The Monaco demo needs the shared OpenStreetMap extracts in ${SHARED_OSM_DIR}, and these are missing:\n` +
      missing.map((f) => `  ${f}`).join('\n'),
  );
  process.exit(1);
}

let db: Db | undefined;
let bar: ReturnType<typeof importProgressBar> | undefined;
try {
  db = await openCliDb();
  bar = importProgressBar();
  const { summary, sites } = await loadMonacoDemo(db, SHARED_OSM_DIR, bar.update);
  bar.stop();
  const c = summary.counts;
  console.log(
    `${summary.replaced ? 'Replaced' : 'Imported'} "${summary.name}" as data set ${summary.sourceId}: ${c.features} features ` +
      `(${Object.entries(c.byLayer)
        .map(([layer, n]) => `${layer} ${n}`)
        .join(', ')}) in ${(summary.timingsMs.total / 1000).toFixed(1)} s`,
  );
  for (const site of sites)
    console.log(`  ${site.created ? 'created' : 'kept   '} site ${site.siteId}  ${site.name}`);
  console.log(`Map data ${OSM_ATTRIBUTION} (ODbL).`);
} catch (error) {
  bar?.stop();
  const code = error instanceof AppError ? ` (${error.code})` : '';
  console.error(`The Monaco demo failed${code}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db?.close();
}
