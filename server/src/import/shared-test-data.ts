/**
 * Test support: locates the real OSM extracts in `../shared/data/osm/` (beside the repository, never
 * copied into it) and checks them against SHA256SUMS before tests assert exact counts.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** <repo>/server/src/import/ → <repo>/../shared/data/osm/ */
export const SHARED_OSM_DIR = fileURLToPath(new URL('../../../../shared/data/osm/', import.meta.url));

export const hasSharedOsmData = existsSync(`${SHARED_OSM_DIR}SHA256SUMS`);

export const SKIP_MESSAGE = `shared OSM data not found at ${SHARED_OSM_DIR} (real-file tests skipped)`;

export function sharedOsmFile(name: string): string {
  return `${SHARED_OSM_DIR}${name}`;
}

/** Whether the file exists and matches its SHA256SUMS line, so exact counts are meaningful. */
export function sharedFileMatchesChecksum(name: string): boolean {
  if (!hasSharedOsmData || !existsSync(sharedOsmFile(name))) return false;
  const sums = readFileSync(`${SHARED_OSM_DIR}SHA256SUMS`, 'utf8');
  const expected = sums
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find((parts) => parts[1]?.replace(/^\*/, '') === name)?.[0];
  if (expected === undefined) return false;
  const actual = createHash('sha256')
    .update(readFileSync(sharedOsmFile(name)))
    .digest('hex');
  return actual === expected;
}
