import type { Logger } from 'pino';
import type { Db } from '../db/db.js';

/** Loads the generated demo site when the database holds no site yet. */
export async function ensureDemoSite(db: Db, log: Logger): Promise<void> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sites');
  if ((rows[0]?.n ?? 0) > 0) return;
  log.info('empty database: the demo site loader is not written yet');
}
