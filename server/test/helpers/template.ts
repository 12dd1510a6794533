export type TestDbTemplate = { backend: 'postgres'; url: string } | { backend: 'embedded'; file: string };

/** The migrated template every test database is cloned from (PostgreSQL backend). */
export const TEMPLATE_DB = 'bulwark_test_template';

/** The same server as `url`, another database (default: the one named in `url`). */
export function adminUrl(url: string, database?: string): string {
  const parsed = new URL(url);
  if (database) parsed.pathname = `/${database}`;
  return parsed.toString();
}
