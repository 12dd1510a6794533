import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { inject } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Db } from '../../src/db/db.js';
import { openEmbedded } from '../../src/db/embedded.js';
import { openPostgres } from '../../src/db/postgres.js';
import { adminUrl } from './template.js';

export interface TestDb {
  db: Db;
  /** Closes and removes the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated database of the backend this run tests (DATABASE_URL set → PostgreSQL). */
export async function createTestDb(): Promise<TestDb> {
  const template = inject('dbTemplate');
  if (template.backend === 'embedded') {
    const db = await openEmbedded({ loadDataDir: new Blob([fs.readFileSync(template.file)]) });
    return { db, drop: () => db.close() };
  }
  const name = `bulwark_test_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres({ connectionString: template.url, max: 1 });
  await admin.exec(`CREATE DATABASE ${name} TEMPLATE ${template.templateDb}`);
  const db = await openPostgres({ connectionString: adminUrl(template.url, name), max: 4 });
  return {
    db,
    async drop() {
      await db.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

export interface TestApp extends TestDb {
  app: App;
  config: Config;
  close(): Promise<void>;
}

/** The real app over a fresh test database, for `app.inject()` tests. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const testDb = await createTestDb();
  const config: Config = { ...loadConfig({}), loadDemo: false, clientDir: '/nonexistent', ...overrides };
  const app = await buildApp({ db: testDb.db, config });
  await app.ready();
  return {
    ...testDb,
    app,
    config,
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}
