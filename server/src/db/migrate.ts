import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../config.js';
import type { Db } from './db.js';

export const MIGRATIONS_DIR = path.join(repoRoot, 'migrations');

export interface Migration {
  version: number;
  name: string;
  up: string;
  down: string | null;
  checksum: string;
}

export class MigrationError extends Error {}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads `NNNN_name.sql` (+ optional `NNNN_name.down.sql`) in version order. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations: Migration[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    const match = FILE.exec(file);
    if (!match || file.endsWith('.down.sql')) continue;
    const [, version, name] = match as unknown as [string, string, string];
    const up = fs.readFileSync(path.join(dir, file), 'utf8');
    const downPath = path.join(dir, `${version}_${name}.down.sql`);
    migrations.push({
      version: Number(version),
      name,
      up,
      down: fs.existsSync(downPath) ? fs.readFileSync(downPath, 'utf8') : null,
      checksum: createHash('sha256').update(up).digest('hex'),
    });
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new MigrationError(
        `migration numbers must run 1, 2, 3…: found ${m.version} at position ${i + 1}`,
      );
  });
  return migrations;
}

interface AppliedRow extends Record<string, unknown> {
  version: number;
  checksum: string;
}

async function ensureTable(db: Db): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
}

async function applied(db: Db): Promise<AppliedRow[]> {
  const { rows } = await db.query<AppliedRow>(
    'SELECT version, checksum FROM schema_migrations ORDER BY version',
  );
  return rows;
}

// Serialises concurrent starts against one server; harmless on the single-session embedded database.
const LOCK = 'SELECT pg_advisory_xact_lock(727274)';

/** Applies every pending migration, each in its own transaction. Returns the versions applied. */
export async function migrateUp(db: Db, migrations = loadMigrations()): Promise<number[]> {
  await ensureTable(db);
  const done = new Map((await applied(db)).map((row) => [row.version, row.checksum]));
  for (const m of migrations) {
    const checksum = done.get(m.version);
    if (checksum !== undefined && checksum !== m.checksum) {
      throw new MigrationError(
        `migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead`,
      );
    }
  }
  const pending = migrations.filter((m) => !done.has(m.version));
  const appliedNow: number[] = [];
  for (const m of pending) {
    const ran = await db.transaction(async (tx) => {
      await tx.query(LOCK);
      const again = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (again.rows.length > 0) return false; // another process applied it while we waited
      await tx.exec(m.up);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
      return true;
    });
    if (ran) appliedNow.push(m.version);
  }
  return appliedNow;
}

/** Undoes the last `steps` applied migrations, newest first, each in its own transaction. */
export async function migrateDown(db: Db, steps = 1, migrations = loadMigrations()): Promise<number[]> {
  await ensureTable(db);
  const byVersion = new Map(migrations.map((m) => [m.version, m]));
  const undone: number[] = [];
  for (const row of (await applied(db)).reverse().slice(0, steps)) {
    const m = byVersion.get(row.version);
    if (!m?.down) throw new MigrationError(`migration ${row.version} has no .down.sql: cannot undo it`);
    await db.transaction(async (tx) => {
      await tx.query(LOCK);
      await tx.exec(m.down as string);
      await tx.query('DELETE FROM schema_migrations WHERE version = $1', [m.version]);
    });
    undone.push(m.version);
  }
  return undone;
}

export interface MigrationStatus {
  version: number;
  name: string;
  applied: boolean;
}

export async function migrationStatus(db: Db, migrations = loadMigrations()): Promise<MigrationStatus[]> {
  await ensureTable(db);
  const done = new Set((await applied(db)).map((row) => row.version));
  return migrations.map((m) => ({ version: m.version, name: m.name, applied: done.has(m.version) }));
}
