import type { Db } from './db.js';
import { isInitialised, openEmbedded } from './embedded.js';
import { openPostgres } from './postgres.js';

export interface OpenDbOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  log?: (message: string) => void;
}

/** `DATABASE_URL` set → PostgreSQL server; unset → embedded PGlite persisted in `dataDir`. */
export async function openDb({ databaseUrl, dataDir, log = () => undefined }: OpenDbOptions): Promise<Db> {
  if (databaseUrl) {
    return openPostgres({
      connectionString: databaseUrl,
      onIdleError: (error) => log(`a database connection was dropped and will be replaced: ${error.message}`),
    });
  }
  if (!isInitialised(dataDir)) {
    log(`first start: creating the embedded PostGIS database in ${dataDir} (takes about 15 s, once)`);
  }
  return openEmbedded({ dataDir });
}
