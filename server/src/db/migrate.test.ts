import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/helpers/test-db.js';
import { loadMigrations, migrateDown, migrateUp, migrationStatus } from './migrate.js';

const TABLES = ['features', 'measures', 'osm_sources', 'sites', 'zones'];

async function tables(t: TestDb): Promise<string[]> {
  const { rows } = await t.db.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1) ORDER BY 1",
    [TABLES],
  );
  return rows.map((r) => r.name);
}

describe('migrations', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('are numbered from 1 and each has an undo file', () => {
    const migrations = loadMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    migrations.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
      expect(m.down, `${m.version}_${m.name}.down.sql`).not.toBeNull();
    });
  });

  it('leave the template fully migrated and re-running applies nothing', async () => {
    expect(await tables(t)).toEqual(TABLES);
    expect(await migrateUp(t.db)).toEqual([]);
    expect((await migrationStatus(t.db)).every((s) => s.applied)).toBe(true);
  });

  it('go all the way down and back up on this backend', async () => {
    const all = loadMigrations().length;
    const undone = await migrateDown(t.db, all);
    expect(undone).toHaveLength(all);
    expect(await tables(t)).toEqual([]);
    expect(await migrateUp(t.db)).toHaveLength(all);
    expect(await tables(t)).toEqual(TABLES);
  });

  it('roll a failing migration back whole', async () => {
    const broken = [
      ...loadMigrations(),
      {
        version: 99,
        name: 'broken',
        up: 'CREATE TABLE half_done (id int); SELECT no_such_function();',
        down: null,
        checksum: 'x',
      },
    ];
    await expect(migrateUp(t.db, broken)).rejects.toThrow();
    const { rows } = await t.db.query("SELECT to_regclass('public.half_done') AS t");
    expect(rows[0]?.t).toBeNull();
  });

  it('refuse a migration edited after it was applied', async () => {
    const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrateUp(t.db, edited)).rejects.toThrow(/changed after it was applied/);
  });
});
