import { describe, expect, it } from 'vitest';
import { editRequest, mergeProperties, rebaseEdit } from './edit-request.js';
import { findItem, propertiesPatch, removeItem, upsertItem } from './items.js';
import type { PlanItem } from './plan-item.js';

const line = {
  type: 'LineString' as const,
  coordinates: [
    [0, 0],
    [0, 1],
  ],
};
const moved = {
  type: 'LineString' as const,
  coordinates: [
    [1, 0],
    [1, 1],
  ],
};
const barrier = (id: string, version: number, extra: Record<string, unknown> = {}): PlanItem => ({
  id,
  collection: 'measures',
  kind: 'barrier',
  geometry: line,
  properties: { kind: 'barrier', version, createdAt: 't0', updatedAt: 't1', ...extra },
});

describe('item updaters', () => {
  it('replaces an item in place or appends a new one', () => {
    const items = [barrier('a', 1), barrier('b', 1)];
    const updated = upsertItem(items, barrier('a', 2));
    expect(updated.map((i) => [i.id, i.properties.version])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(upsertItem(items, barrier('c', 1)).map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(items[0]!.properties.version).toBe(1);
  });

  it('removes by id and returns the same list when the id is not there', () => {
    const items = [barrier('a', 1)];
    expect(removeItem(items, 'a')).toEqual([]);
    expect(removeItem(items, 'x')).toBe(items);
    expect(findItem(items, null)).toBeUndefined();
  });

  it('makes a merge patch of the editable properties (null removes)', () => {
    expect(
      propertiesPatch(
        { kind: 'barrier', rating: 'K4', product: 'P', version: 3, updatedAt: 'x' },
        { kind: 'barrier', rating: 'K12', costPerM: 100, version: 9 },
      ),
    ).toEqual({ rating: 'K12', product: null, costPerM: 100 });
    expect(propertiesPatch({ a: [1] }, { a: [1] })).toBeUndefined();
  });

  it('applies a merge patch without touching its input', () => {
    const properties = { rating: 'K4', product: 'P' };
    expect(mergeProperties(properties, { rating: 'K8', product: null })).toEqual({ rating: 'K8' });
    expect(properties).toEqual({ rating: 'K4', product: 'P' });
  });
});

describe('edit requests', () => {
  it('creates without the stamps', () => {
    expect(editRequest({ before: null, after: barrier('', 0, { rating: 'K4' }) }, [])).toEqual({
      type: 'create',
      collection: 'measures',
      geometry: line,
      properties: { kind: 'barrier', rating: 'K4' },
    });
  });

  it('patches against the version held now, not the one in the history', () => {
    const current = [barrier('a', 5, { rating: 'K4' })];
    const request = editRequest(
      {
        before: barrier('a', 1, { rating: 'K4' }),
        after: { ...barrier('a', 1, { rating: 'K8' }), geometry: moved },
      },
      current,
    );
    expect(request).toEqual({
      type: 'patch',
      collection: 'measures',
      id: 'a',
      version: 5,
      change: { geometry: moved, properties: { rating: 'K8' } },
    });
  });

  it('deletes the version held now; sends nothing for no change or a missing item', () => {
    const current = [barrier('a', 4)];
    expect(editRequest({ before: barrier('a', 1), after: null }, current)).toEqual({
      type: 'delete',
      collection: 'measures',
      id: 'a',
      version: 4,
    });
    expect(editRequest({ before: barrier('a', 1), after: barrier('a', 1) }, current)).toBeNull();
    expect(editRequest({ before: barrier('x', 1), after: null }, current)).toBeNull();
  });
});

describe('keeping my change over theirs (409)', () => {
  it('replays the fields and geometry I changed on their version', () => {
    const before = barrier('a', 1, { name: 'A', rating: 'K4' });
    const mine = { ...barrier('a', 1, { name: 'A', rating: 'K12' }), geometry: moved };
    const theirs = barrier('a', 2, { name: 'Renamed', rating: 'K4', product: 'P' });
    const { after } = rebaseEdit({ before, after: mine }, theirs);
    expect(after!.geometry).toBe(moved);
    expect(after!.properties).toMatchObject({ name: 'Renamed', rating: 'K12', product: 'P', version: 2 });
  });

  it('keeps a deletion a deletion', () => {
    const theirs = barrier('a', 2);
    expect(rebaseEdit({ before: barrier('a', 1), after: null }, theirs)).toEqual({
      before: theirs,
      after: null,
    });
  });
});
