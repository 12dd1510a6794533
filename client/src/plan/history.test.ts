import { describe, expect, it } from 'vitest';
import {
  canRedo,
  canUndo,
  emptyHistory,
  HISTORY_LIMIT,
  recordEdit,
  renameItem,
  takeRedo,
  takeUndo,
} from './history.js';
import type { PlanItem } from './plan-item.js';

const item = (id: string, name: string, version = 1): PlanItem => ({
  id,
  collection: 'measures',
  kind: 'barrier',
  geometry: {
    type: 'LineString',
    coordinates: [
      [0, 0],
      [0, 1],
    ],
  },
  properties: { kind: 'barrier', name, version },
});

describe('undo/redo history', () => {
  it('undoes the latest edit with its inverse and can redo it', () => {
    const a = item('a', 'first');
    const a2 = item('a', 'renamed', 2);
    let history = recordEdit(recordEdit(emptyHistory, { before: null, after: a }), { before: a, after: a2 });
    const undo = takeUndo(history)!;
    expect(undo.edit).toEqual({ before: a2, after: a });
    history = undo.history;
    expect(canUndo(history)).toBe(true);
    expect(canRedo(history)).toBe(true);
    const redo = takeRedo(history)!;
    expect(redo.edit).toEqual({ before: a, after: a2 });
    expect(redo.history.future).toEqual([]);
  });

  it('undoing a creation deletes; undoing a deletion creates', () => {
    const a = item('a', 'first');
    expect(takeUndo(recordEdit(emptyHistory, { before: null, after: a }))!.edit).toEqual({
      before: a,
      after: null,
    });
    expect(takeUndo(recordEdit(emptyHistory, { before: a, after: null }))!.edit).toEqual({
      before: null,
      after: a,
    });
  });

  it('a new edit drops what was undone', () => {
    const a = item('a', 'first');
    const history = takeUndo(recordEdit(emptyHistory, { before: null, after: a }))!.history;
    expect(canRedo(recordEdit(history, { before: null, after: item('b', 'other') }))).toBe(false);
  });

  it('has nothing to undo or redo when empty, and does not change its input', () => {
    expect(takeUndo(emptyHistory)).toBeNull();
    expect(takeRedo(emptyHistory)).toBeNull();
    const history = recordEdit(emptyHistory, { before: null, after: item('a', 'x') });
    const frozen = JSON.stringify(history);
    takeUndo(history);
    expect(JSON.stringify(history)).toBe(frozen);
  });

  it('keeps the latest HISTORY_LIMIT edits', () => {
    let history = emptyHistory;
    for (let i = 0; i < HISTORY_LIMIT + 5; i++)
      history = recordEdit(history, { before: null, after: item(`i${i}`, 'x') });
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    expect(history.past[0]!.after!.id).toBe('i5');
  });

  it('renames a re-created item throughout the history', () => {
    const a = item('a', 'first');
    const a2 = item('a', 'renamed', 2);
    const other = item('b', 'other');
    const history = {
      past: [{ before: null, after: a }],
      future: [
        { before: a, after: a2 },
        { before: null, after: other },
      ],
    };
    const renamed = renameItem(history, 'a', 'z');
    expect(renamed.past[0]!.after!.id).toBe('z');
    expect(renamed.future[0]!.before!.id).toBe('z');
    expect(renamed.future[0]!.after!.id).toBe('z');
    expect(renamed.future[1]!.after).toBe(other);
    expect(renameItem(history, 'a', 'a')).toBe(history);
  });
});
