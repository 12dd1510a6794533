/** The one database interface the rest of the server uses, over `pg` or embedded PGlite. */

export type Row = Record<string, unknown>;

export interface QueryResult<R extends Row = Row> {
  rows: R[];
  /** Rows changed by INSERT/UPDATE/DELETE (0 for SELECT on some drivers: use rows.length there). */
  rowCount: number;
}

export interface Queryable {
  /** One parameterised statement. bigint columns come back as JS numbers on both backends. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type Backend = 'embedded' | 'postgres';

export interface Db extends Queryable {
  readonly backend: Backend;
  /** Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
