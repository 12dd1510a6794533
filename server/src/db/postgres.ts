import pg from 'pg';
import type { Db, Queryable, QueryResult, Row } from './db.js';

// bigint (int8) and numeric-count results as numbers, like PGlite; our ids and counts stay below 2^53.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const result = await client.query<R>(sql, params as unknown[] | undefined);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

export interface PostgresOptions {
  connectionString: string;
  max?: number;
  /** Where to report a pooled connection the server dropped (restart, admin kill): the pool replaces it. */
  onIdleError?: (error: Error) => void;
}

/** A `pg` pool against a PostgreSQL + PostGIS server. */
export async function openPostgres({
  connectionString,
  max = 10,
  onIdleError,
}: PostgresOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString,
    max,
    types,
    // Many small spatial queries: a parallel worker costs more than it saves (ARCHITECTURE.md).
    options: '-c max_parallel_workers_per_gather=0',
  });
  // Without a listener, an idle client's error (database restart, pg_terminate_backend) is an unhandled
  // 'error' event that kills the process; the pool discards that client and opens a new one on demand.
  pool.on('error', (error) => onIdleError?.(error));
  // Fail fast with a clear message when the server is not there.
  await pool.query('SELECT 1');
  const root = wrap(pool);
  return {
    backend: 'postgres',
    query: root.query,
    exec: root.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      if (!pool.ended) await pool.end();
    },
  };
}
