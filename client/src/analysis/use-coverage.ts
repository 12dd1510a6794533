/**
 * Runs the CCTV coverage analysis after each approach run has settled, for the classes that run had (the
 * vectors it scores are the ones on the map), and when the detail level changes. Like the standoff run,
 * it never competes with the approach run for the server's workers: a saved edit starts a new (debounced)
 * approach run, which cancels a coverage request still in flight. With no zones, or an approach run that
 * failed, the cameras are still scored, without vectors.
 */
import { useEffect, useRef, useState } from 'react';
import { runCoverage } from '../api/coverage-endpoints.js';
import type { CoverageResult, DetailLevel } from '../api/coverage-types.js';
import { describeError } from '../api/http.js';
import type { VehicleClass } from '../api/types.js';
import { analysedClasses, type ApproachState } from './use-approach.js';

export type CoverageState =
  | { status: 'idle' }
  | { status: 'no-cameras' }
  | { status: 'running'; previous: CoverageResult | null }
  | { status: 'ready'; result: CoverageResult }
  | { status: 'error'; message: string; previous: CoverageResult | null };

/** The vector classes to score once the approach run has settled; null while it has not. */
export function scoredClasses(approach: ApproachState): VehicleClass[] | null {
  if (approach.status === 'ready') return analysedClasses(approach.result);
  if (approach.status === 'no-zones' || approach.status === 'error') return [];
  return null;
}

export function useCoverage(
  siteId: string,
  approach: ApproachState,
  detailLevel: DetailLevel,
  cameraCount: number,
): CoverageState {
  const [state, setState] = useState<CoverageState>({ status: 'idle' });
  // Read, not a trigger: placing or deleting a camera is a saved edit, which reruns the approach first.
  const cameras = useRef(cameraCount);
  cameras.current = cameraCount;

  useEffect(() => {
    // Each settled approach run is a new state object: the trigger for a new coverage run.
    const vehicleClasses = scoredClasses(approach);
    if (vehicleClasses === null) return;
    if (cameras.current === 0) {
      setState({ status: 'no-cameras' });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ status: 'running', previous: lastCoverage(s) }));
    runCoverage(siteId, { detailLevel, vehicleClasses }, controller.signal)
      .then((result) => setState({ status: 'ready', result }))
      .catch((e: unknown) => {
        if (!controller.signal.aborted)
          setState((s) => ({ status: 'error', message: describeError(e), previous: lastCoverage(s) }));
      });
    return () => controller.abort();
  }, [siteId, approach, detailLevel]);

  return state;
}

/** The result to keep showing while a newer one is computed or after it failed. */
export function lastCoverage(state: CoverageState): CoverageResult | null {
  if (state.status === 'ready') return state.result;
  if (state.status === 'running' || state.status === 'error') return state.previous;
  return null;
}
