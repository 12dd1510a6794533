import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import type { Db } from '../db/db.js';
import { migrateUp } from '../db/migrate.js';
import { openDb } from '../db/open-db.js';
import type { ImportProgress } from '../import/import-file.js';

/** The configured database, migrated, for a command-line tool (messages on stderr). */
export async function openCliDb(): Promise<Db> {
  const config = loadConfig();
  const db = await openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: (m) => console.error(m),
  });
  try {
    await migrateUp(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** A progress bar on the terminal fed by import progress. */
export function importProgressBar(): { update: (p: ImportProgress) => void; stop: () => void } {
  const bar = new cliProgress.SingleBar(
    { format: '{bar} {percentage}% | {phase} {detail}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { phase: 'reading', detail: '' });
  return {
    update: ({ phase, fraction, detail }) => bar.update(Math.round(fraction * 100), { phase, detail }),
    stop: () => bar.stop(),
  };
}
