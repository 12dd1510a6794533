/**
 * Runs the approach analysis after every saved change (debounced, so a burst of edits costs one run)
 * and whenever the vehicle classes or the speed maps wanted change; a newer run cancels an older one still
 * in flight. Only the speed maps shown are asked for (six of them are most of a large venue's answer), and
 * no reachable outline.
 */
import { useEffect, useState } from 'react';
import { runApproach } from '../api/endpoints.js';
import { ApiError, describeError } from '../api/http.js';
import type { ApproachResult, VehicleClass } from '../api/types.js';

export type ApproachState =
  | { status: 'idle' }
  | { status: 'running'; previous: ApproachResult | null }
  | { status: 'ready'; result: ApproachResult; elapsedMs: number }
  | { status: 'no-zones' }
  | { status: 'error'; message: string; previous: ApproachResult | null };

const DEBOUNCE_MS = 250;

export function useApproach(
  siteId: string,
  changes: number,
  vehicleClasses: readonly VehicleClass[],
  speedMaps: readonly VehicleClass[],
  enabled: boolean,
): ApproachState {
  const [state, setState] = useState<ApproachState>({ status: 'idle' });
  const classesKey = vehicleClasses.join(',');
  const mapsKey = speedMaps.join(',');

  useEffect(() => {
    if (!enabled || classesKey === '') return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      const started = performance.now();
      setState((s) => ({ status: 'running', previous: lastResult(s) }));
      const request = {
        vehicleClasses: classesKey.split(',') as VehicleClass[],
        speedMaps: mapsKey === '' ? [] : (mapsKey.split(',') as VehicleClass[]),
        // The planner draws no reachable outline.
        outlines: [],
      };
      runApproach(siteId, request, controller.signal)
        .then((result) => setState({ status: 'ready', result, elapsedMs: performance.now() - started }))
        .catch((e: unknown) => {
          if (controller.signal.aborted) return;
          if (e instanceof ApiError && e.code === 'NO_PROTECTED_ZONES') setState({ status: 'no-zones' });
          else setState((s) => ({ status: 'error', message: describeError(e), previous: lastResult(s) }));
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [siteId, changes, classesKey, mapsKey, enabled]);

  return state;
}

/** The classes a result analysed, in the order asked. */
export function analysedClasses(result: ApproachResult): VehicleClass[] {
  return [...new Set(result.summary.map((s) => s.vehicleClass))];
}

/** The result to keep showing while a newer one is computed or after it failed. */
export function lastResult(state: ApproachState): ApproachResult | null {
  if (state.status === 'ready') return state.result;
  if (state.status === 'running' || state.status === 'error') return state.previous;
  return null;
}
