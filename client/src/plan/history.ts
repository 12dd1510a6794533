/**
 * Undo/redo of plan edits as pure functions. An edit records the item before and after (null = did not
 * exist); undoing it is the edit from `after` back to `before`. The server gives a re-created item a
 * new id, so the history can rename an id wherever it appears.
 */
import type { PlanItem } from './plan-item.js';

export interface Edit {
  before: PlanItem | null;
  after: PlanItem | null;
}

export interface History {
  past: readonly Edit[];
  future: readonly Edit[];
}

/** Enough for a working session; the oldest edits drop off first. */
export const HISTORY_LIMIT = 200;

export const emptyHistory: History = { past: [], future: [] };

/** A new edit: it becomes the latest, and whatever was undone can no longer be redone. */
export function recordEdit(history: History, edit: Edit): History {
  const past = [...history.past, edit];
  return { past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past, future: [] };
}

export const inverse = (edit: Edit): Edit => ({ before: edit.after, after: edit.before });

/** The edit that undoes the latest one, and the history once it is done; null when nothing to undo. */
export function takeUndo(history: History): { edit: Edit; history: History } | null {
  const last = history.past.at(-1);
  if (!last) return null;
  return {
    edit: inverse(last),
    history: { past: history.past.slice(0, -1), future: [...history.future, last] },
  };
}

/** The edit that redoes the latest undone one, and the history once it is done. */
export function takeRedo(history: History): { edit: Edit; history: History } | null {
  const next = history.future.at(-1);
  if (!next) return null;
  return { edit: next, history: { past: [...history.past, next], future: history.future.slice(0, -1) } };
}

/** The server gave a re-created item a new id: every step of the history must name it so. */
export function renameItem(history: History, oldId: string, newId: string): History {
  if (oldId === newId) return history;
  const swap = (item: PlanItem | null) =>
    item === null || item.id !== oldId ? item : { ...item, id: newId };
  const rename = (edit: Edit): Edit => ({ before: swap(edit.before), after: swap(edit.after) });
  return { past: history.past.map(rename), future: history.future.map(rename) };
}

export const canUndo = (history: History) => history.past.length > 0;
export const canRedo = (history: History) => history.future.length > 0;
