import closeWithGrace from 'close-with-grace';
import { pino } from 'pino';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { migrateUp } from './db/migrate.js';
import { openDb } from './db/open-db.js';
import { ensureDemoSite } from './demo/ensure-demo-site.js';

const config = loadConfig();
const log = pino({ level: config.logLevel });
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
