/**
 * The open site's zones and measures, kept in step with the server: every edit is sent as it happens
 * (against the version last read, so a colleague's change is never overwritten unseen) and recorded for
 * undo/redo. Writes run one at a time, in order.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  createItem,
  deleteItem,
  getItem,
  listItems,
  patchItem,
  type ItemCollection,
} from '../api/endpoints.js';
import { ApiError, describeError } from '../api/http.js';
import type { ItemGeometry } from '../api/types.js';
import { editRequest, mergeProperties, rebaseEdit } from './edit-request.js';
import {
  canRedo,
  canUndo,
  emptyHistory,
  recordEdit,
  renameItem,
  takeRedo,
  takeUndo,
  type Edit,
  type History,
} from './history.js';
import { findItem, removeItem, upsertItem, type Items } from './items.js';
import { itemFromFeature, type PlanItem } from './plan-item.js';

/** An edit the server refused because the item changed since it was read (409). */
export interface Conflict {
  edit: Edit;
  message: string;
}

export interface PlanState {
  status: 'loading' | 'ready' | 'error';
  items: Items;
  /** Grows with every saved change: the analysis reruns on it. */
  changes: number;
  saving: boolean;
  /** The last refusal, in the server's words. */
  error: string | null;
  conflict: Conflict | null;
  canUndo: boolean;
  canRedo: boolean;
}

export interface PlanActions {
  create(
    collection: ItemCollection,
    geometry: ItemGeometry,
    properties: Record<string, unknown>,
  ): Promise<PlanItem | null>;
  /** `properties` is a merge patch: null removes a field. */
  update(
    id: string,
    change: { geometry?: ItemGeometry; properties?: Record<string, unknown> },
  ): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  undo(): void;
  redo(): void;
  /** 409: take the version on the server and drop mine. */
  takeTheirs(): void;
  /** 409: apply my change again on top of the version on the server. */
  keepMine(): void;
  dismissError(): void;
  reload(): void;
}

export function usePlan(siteId: string): [PlanState, PlanActions] {
  const [items, setItems] = useState<Items>([]);
  const [status, setStatus] = useState<PlanState['status']>('loading');
  const [history, setHistory] = useState<History>(emptyHistory);
  const [changes, setChanges] = useState(0);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [loads, setLoads] = useState(0);
  // Writes read the latest items and history, not the ones of the render that queued them.
  const itemsRef = useRef(items);
  const historyRef = useRef(history);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const commitItems = (next: Items) => {
    itemsRef.current = next;
    setItems(next);
  };
  const commitHistory = (next: History) => {
    historyRef.current = next;
    setHistory(next);
  };

  useEffect(() => {
    let cancelled = false;
    setStatus('loading');
    Promise.all([listItems(siteId, 'zones'), listItems(siteId, 'measures')])
      .then(([zones, measures]) => {
        if (cancelled) return;
        commitItems([
          ...zones.map((f) => itemFromFeature('zones', f)),
          ...measures.map((f) => itemFromFeature('measures', f)),
        ]);
        commitHistory(emptyHistory);
        setStatus('ready');
        setChanges((n) => n + 1);
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        setError(describeError(e));
        setStatus('error');
      });
    return () => {
      cancelled = true;
    };
  }, [siteId, loads]);

  /** Sends one edit; the stored item (null when deleted or nothing to do), or throws ApiError. */
  const send = useCallback(
    async (edit: Edit): Promise<PlanItem | null> => {
      const request = editRequest(edit, itemsRef.current);
      if (!request) return null;
      if (request.type === 'delete') {
        await deleteItem(siteId, request.collection, request.id, request.version);
        commitItems(removeItem(itemsRef.current, request.id));
        return null;
      }
      const feature =
        request.type === 'create'
          ? await createItem(siteId, request.collection, request.geometry, request.properties)
          : await patchItem(siteId, request.collection, request.id, request.version, request.change);
      const stored = itemFromFeature(request.collection, feature);
      commitItems(upsertItem(itemsRef.current, stored));
      return stored;
    },
    [siteId],
  );

  /** Runs `task` after every write queued before it, with the saving flag and errors handled. */
  const run = useCallback(<T>(task: () => Promise<T>, onConflict?: Edit): Promise<T | undefined> => {
    const next = queue.current.then(async () => {
      setSaving(true);
      try {
        const result = await task();
        setError(null);
        setChanges((n) => n + 1);
        return result;
      } catch (e) {
        if (e instanceof ApiError && e.status === 409 && onConflict) {
          setConflict({ edit: onConflict, message: e.message });
        } else {
          setError(describeError(e));
        }
        return undefined;
      } finally {
        setSaving(false);
      }
    });
    queue.current = next;
    return next;
  }, []);

  /** Sends a new edit and records it for undo. */
  const perform = useCallback(
    (edit: Edit) =>
      run(async () => {
        const stored = await send(edit);
        commitHistory(recordEdit(historyRef.current, { before: edit.before, after: stored }));
        return stored ?? true;
      }, edit),
    [run, send],
  );

  const create: PlanActions['create'] = useCallback(
    async (collection, geometry, properties) => {
      const draft: PlanItem = {
        id: '',
        collection,
        kind: collection === 'zones' ? 'zone' : (properties.kind as PlanItem['kind']),
        geometry,
        properties: { ...properties, version: 0 },
      };
      const stored = await perform({ before: null, after: draft });
      return typeof stored === 'object' ? stored : null;
    },
    [perform],
  );

  const update: PlanActions['update'] = useCallback(
    async (id, change) => {
      const current = findItem(itemsRef.current, id);
      if (!current) return false;
      const after: PlanItem = {
        ...current,
        geometry: change.geometry ?? current.geometry,
        properties: change.properties
          ? mergeProperties(current.properties, change.properties)
          : current.properties,
      };
      return (await perform({ before: current, after })) !== undefined;
    },
    [perform],
  );

  const remove: PlanActions['remove'] = useCallback(
    async (id) => {
      const current = findItem(itemsRef.current, id);
      if (!current) return false;
      return (await perform({ before: current, after: null })) !== undefined;
    },
    [perform],
  );

  /** Undo and redo send the step and move it across the history only once the server has it. */
  const step = useCallback(
    (take: typeof takeUndo) => {
      void run(async () => {
        const taken = take(historyRef.current);
        if (!taken) return;
        const stored = await send(taken.edit);
        const target = taken.edit.after;
        commitHistory(
          stored && target && stored.id !== target.id
            ? renameItem(taken.history, target.id, stored.id)
            : taken.history,
        );
      });
    },
    [run, send],
  );

  /** Closes the open conflict: its edit and the item the edit is about (null when there is none). */
  const closeConflict = useCallback(() => {
    setConflict(null);
    const target = conflict && (conflict.edit.after ?? conflict.edit.before);
    return conflict && target ? { pending: conflict, target } : null;
  }, [conflict]);

  const takeTheirs = useCallback(() => {
    const closed = closeConflict();
    if (!closed) return;
    const { target } = closed;
    void run(async () => {
      try {
        commitItems(
          upsertItem(
            itemsRef.current,
            itemFromFeature(target.collection, await getItem(siteId, target.collection, target.id)),
          ),
        );
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 404)) throw e;
        commitItems(removeItem(itemsRef.current, target.id));
      }
    });
  }, [closeConflict, run, siteId]);

  const keepMine = useCallback(() => {
    const closed = closeConflict();
    if (!closed) return;
    const { pending, target } = closed;
    void run(async () => {
      const theirs = itemFromFeature(target.collection, await getItem(siteId, target.collection, target.id));
      commitItems(upsertItem(itemsRef.current, theirs));
      const edit = rebaseEdit(pending.edit, theirs);
      const stored = await send(edit);
      commitHistory(recordEdit(historyRef.current, { before: theirs, after: stored }));
    }, pending.edit);
  }, [closeConflict, run, send, siteId]);

  const state: PlanState = {
    status,
    items,
    changes,
    saving,
    error,
    conflict,
    canUndo: canUndo(history),
    canRedo: canRedo(history),
  };
  const actions: PlanActions = {
    create,
    update,
    remove,
    undo: () => step(takeUndo),
    redo: () => step(takeRedo),
    takeTheirs,
    keepMine,
    dismissError: () => setError(null),
    reload: () => setLoads((n) => n + 1),
  };
  return [state, actions];
}
