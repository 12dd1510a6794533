import { STAMP_FIELDS } from '../schemas/versioned.js';

/**
 * JSON merge patch (RFC 7396) of a flat properties object: a field set to null is removed, any other
 * value replaces the stored one (lists are replaced whole). The stamps (the version, the times as read)
 * are not data. Builds a fresh object, so a "__proto__" key can only ever become an own field.
 */
export function mergeProperties(
  current: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const kept = Object.entries(current).filter(([key]) => !(key in patch));
  const changed = Object.entries(patch).filter(
    ([key, value]) => value !== null && !STAMP_FIELDS.includes(key),
  );
  return Object.fromEntries([...kept, ...changed]);
}
