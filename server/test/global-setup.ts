import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { repoRoot } from '../src/config.js';
import { openEmbedded } from '../src/db/embedded.js';
import { loadMigrations, migrateUp } from '../src/db/migrate.js';
import { openPostgres } from '../src/db/postgres.js';
import { adminUrl, type TestDbTemplate } from './helpers/template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: TestDbTemplate;
  }
}

/**
 * Prepares one migrated database per test run; every test file clones it (a fresh initdb +
 * CREATE EXTENSION postgis per file would cost ~15 s each on the embedded backend).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    // Named per run: two runs against one server (CI and a developer) must not drop each other's template.
    const templateDb = `bulwark_test_template_${process.pid}`;
    const admin = await openPostgres({ connectionString: adminUrl(databaseUrl), max: 1 });
    await admin.exec(`DROP DATABASE IF EXISTS ${templateDb} WITH (FORCE)`);
    await admin.exec(`CREATE DATABASE ${templateDb}`);
    const template = await openPostgres({ connectionString: adminUrl(databaseUrl, templateDb), max: 1 });
    await migrateUp(template);
    await template.close();
    project.provide('dbTemplate', { backend: 'postgres', url: databaseUrl, templateDb });
    return async () => {
      await admin.exec(`DROP DATABASE IF EXISTS ${templateDb} WITH (FORCE)`);
      await admin.close();
    };
  }

  // Embedded: cache the migrated data directory across runs, keyed on the migrations and PGlite version.
  const versionOf = (pkg: string) =>
    (
      JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  const key = createHash('sha256')
    .update(versionOf('@electric-sql/pglite'))
    .update(versionOf('@electric-sql/pglite-postgis'))
    .update(
      loadMigrations()
        .map((m) => m.checksum)
        .join(),
    )
    .digest('hex')
    .slice(0, 16);
  const file = path.join(repoRoot, 'node_modules/.cache/bulwark', `test-template-${key}.tar.gz`);
  if (!fs.existsSync(file)) {
    const db = await openEmbedded();
    await migrateUp(db);
    const dump = await db.dumpDataDir();
    await db.close();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`; // concurrent runs each write their own, then rename atomically
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file);
  }
  project.provide('dbTemplate', { backend: 'embedded', file });
  return async () => undefined;
}
