// npm run demo:monaco — imports the real Monaco 2021 extract from ../shared and creates the three venue sites.
import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import { migrateUp } from '../db/migrate.js';
import { openDb } from '../db/open-db.js';
import { loadMonacoDemo, missingMonacoFiles, SHARED_OSM_DIR } from '../demo/monaco-demo.js';
import { AppError } from '../errors.js';

const missing = missingMonacoFiles();
if (missing.length > 0) {
  console.error(
    `The Monaco demo needs the shared OpenStreetMap extracts in ${SHARED_OSM_DIR}, and these are missing:\n` +
      missing.map((f) => `  ${f}`).join('\n'),
  );
  process.exit(1);
}

const config = loadConfig();
const db = await openDb({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  log: (m) => console.error(m),
});
const bar = new cliProgress.SingleBar(
  { format: '{bar} {percentage}% | {phase} {detail}', hideCursor: true },
  cliProgress.Presets.shades_classic,
);
try {
  await migrateUp(db);
  bar.start(100, 0, { phase: 'reading', detail: '' });
  const { summary, sites } = await loadMonacoDemo(db, SHARED_OSM_DIR, ({ phase, fraction, detail }) =>
    bar.update(Math.round(fraction * 100), { phase, detail }),
  );
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
  console.log('Map data © OpenStreetMap contributors (ODbL).');
} catch (error) {
  bar.stop();
  const code = error instanceof AppError ? ` (${error.code})` : '';
  console.error(`The Monaco demo failed${code}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
