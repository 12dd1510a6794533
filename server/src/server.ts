import closeWithGrace from 'close-with-grace';
import { pino } from 'pino';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirInUseError } from './db/data-dir-lock.js';
import { MigrationError, migrateUp } from './db/migrate.js';
import { openDb } from './db/open-db.js';
import { ensureDemoSite } from './demo/ensure-demo-site.js';

const log = pino({ level: process.env.LOG_LEVEL || 'info' });

/** Start-up problems an operator can fix get one plain line, not a stack trace. */
function exitWith(error: unknown): never {
  const known =
    error instanceof ConfigError || error instanceof DataDirInUseError || error instanceof MigrationError;
  const code = (error as NodeJS.ErrnoException).code;
  if (known) log.fatal(error.message);
  else if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '28P01' || code === '3D000') {
    log.fatal(`cannot use the database at DATABASE_URL: ${(error as Error).message}`);
  } else log.fatal({ err: error }, 'start-up failed');
  process.exit(1);
}

try {
  const config = loadConfig();
  log.level = config.logLevel;
  const started = performance.now();
  const db = await openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: (m) => log.info(m),
  });
  const applied = await migrateUp(db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  if (config.loadDemo) await ensureDemoSite(db, log);

  const app = await buildApp({ db, config, logger: log });
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'shutting down after an error');
    else log.info({ signal }, 'shutting down');
    await app.close();
    await db.close();
  });
  await app.listen({ host: config.host, port: config.port });
  log.info({ backend: db.backend, startupMs: Math.round(performance.now() - started) }, 'Bulwark is ready');
} catch (error) {
  exitWith(error);
}
