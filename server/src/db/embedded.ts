import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { lockDataDir } from './data-dir-lock.js';
import type { Db, Queryable, QueryResult, Row } from './db.js';

type PGliteLike = Pick<PGlite, 'query' | 'exec'> | Transaction;

function wrap(conn: PGliteLike): Queryable {
  return {
    async query<R extends Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const result = await conn.query<R>(sql, params as unknown[] | undefined);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await conn.exec(sql);
    },
  };
}

export interface EmbeddedDb extends Db {
  /** The data directory as a gzipped tar, to clone this database quickly (test templates). */
  dumpDataDir(): Promise<Blob>;
}

function fromPGlite(pglite: PGlite, release: () => void): EmbeddedDb {
  const root = wrap(pglite);
  return {
    backend: 'embedded',
    query: root.query,
    exec: root.exec,
    // PGlite is a single session: its transaction() holds it exclusively, so concurrent
    // requests queue instead of interleaving statements inside someone else's transaction.
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    async close() {
      if (!pglite.closed) await pglite.close();
      release();
    },
    dumpDataDir: async () => pglite.dumpDataDir('gzip'),
  };
}

export interface EmbeddedOptions {
  /** Directory persisted across restarts; undefined → in memory. */
  dataDir?: string;
  /** A gzipped data-directory dump to start from (test templates). */
  loadDataDir?: Blob;
}

/** True when `dataDir` already holds an initialised cluster (restarts skip initdb: ~3 s instead of ~15 s). */
export function isInitialised(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}

/** Embedded PostgreSQL 18 + PostGIS 3.6 (PGlite, WebAssembly) — no server to install. */
export async function openEmbedded(options: EmbeddedOptions = {}): Promise<EmbeddedDb> {
  let release = () => undefined as void;
  if (options.dataDir) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    release = lockDataDir(options.dataDir);
  }
  try {
    const pglite = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { postgis },
    });
    return fromPGlite(pglite, release);
  } catch (error) {
    release();
    throw error;
  }
}
