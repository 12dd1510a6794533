/** Pure updaters of the open site's items (zones and measures), in drawing order. */
import type { PlanItem } from './plan-item.js';

export type Items = readonly PlanItem[];

/** Replaces the item with the same id, or appends it. */
export function upsertItem(items: Items, item: PlanItem): Items {
  const index = items.findIndex((i) => i.id === item.id);
  if (index === -1) return [...items, item];
  return items.map((i, n) => (n === index ? item : i));
}

export function removeItem(items: Items, id: string): Items {
  return items.some((i) => i.id === id) ? items.filter((i) => i.id !== id) : items;
}

export function findItem(items: Items, id: string | null): PlanItem | undefined {
  return id === null ? undefined : items.find((i) => i.id === id);
}

/**
 * The merge patch that turns `from` into `to` (null removes a field), over the editable properties
 * only; undefined when nothing changed.
 */
export function propertiesPatch(
  from: Record<string, unknown>,
  to: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const stamps = new Set(['version', 'createdAt', 'updatedAt']);
  const patch: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (stamps.has(key)) continue;
    const before = from[key];
    const after = to[key];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    patch[key] = after === undefined ? null : after;
  }
  return Object.keys(patch).length === 0 ? undefined : patch;
}
