/** The migrated template every test database is cloned from: a database (PostgreSQL) or a data-dir dump. */
export type TestDbTemplate =
  { backend: 'postgres'; url: string; templateDb: string } | { backend: 'embedded'; file: string };

/** The same server as `url`, another database (default: the one named in `url`). */
export function adminUrl(url: string, database?: string): string {
  const parsed = new URL(url);
  if (database) parsed.pathname = `/${database}`;
  return parsed.toString();
}
