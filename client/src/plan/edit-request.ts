/** Which server call carries out an edit, given the items as they stand now (for their versions). */
import type { ItemCollection } from '../api/endpoints.js';
import type { ItemGeometry } from '../api/types.js';
import type { Edit } from './history.js';
import { findItem, propertiesPatch, type Items } from './items.js';
import { creatableProperties, type PlanItem } from './plan-item.js';

export type EditRequest =
  | {
      type: 'create';
      collection: ItemCollection;
      geometry: ItemGeometry;
      properties: Record<string, unknown>;
    }
  | {
      type: 'patch';
      collection: ItemCollection;
      id: string;
      version: number;
      change: { geometry?: ItemGeometry; properties?: Record<string, unknown> };
    }
  | { type: 'delete'; collection: ItemCollection; id: string; version: number };

/**
 * The request for `edit`, or null when there is nothing to send (an update that changes nothing, or an
 * item that is already gone). Versions come from `items`: the history's copies may be older.
 */
export function editRequest(edit: Edit, items: Items): EditRequest | null {
  const { before, after } = edit;
  if (before === null && after === null) return null;
  if (before === null && after !== null) {
    return {
      type: 'create',
      collection: after.collection,
      geometry: after.geometry,
      properties: creatableProperties(after),
    };
  }
  const target = after ?? before;
  const current = findItem(items, target?.id ?? null);
  if (!current) return null;
  if (after === null) {
    return {
      type: 'delete',
      collection: current.collection,
      id: current.id,
      version: current.properties.version,
    };
  }
  const properties = propertiesPatch(current.properties, after.properties);
  const geometryChanged = JSON.stringify(current.geometry) !== JSON.stringify(after.geometry);
  if (!properties && !geometryChanged) return null;
  return {
    type: 'patch',
    collection: current.collection,
    id: current.id,
    version: current.properties.version,
    change: {
      ...(geometryChanged ? { geometry: after.geometry } : {}),
      ...(properties ? { properties } : {}),
    },
  };
}

/** An item with a merge patch applied (null removes a field): what the user asked the item to become. */
export function mergeProperties<P extends Record<string, unknown>>(
  properties: P,
  patch: Record<string, unknown>,
): P {
  const merged: Record<string, unknown> = { ...properties };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged as P;
}

/**
 * My edit replayed on the version someone else saved meanwhile (409 → "keep mine"): the fields and the
 * geometry I changed take my values, everything else keeps theirs. A deletion stays a deletion.
 */
export function rebaseEdit(mine: Edit, theirs: PlanItem): Edit {
  if (!mine.before || !mine.after) return { before: theirs, after: mine.after };
  const patch = propertiesPatch(mine.before.properties, mine.after.properties);
  const geometryChanged = JSON.stringify(mine.before.geometry) !== JSON.stringify(mine.after.geometry);
  return {
    before: theirs,
    after: {
      ...theirs,
      geometry: geometryChanged ? mine.after.geometry : theirs.geometry,
      properties: patch ? mergeProperties(theirs.properties, patch) : theirs.properties,
    },
  };
}
