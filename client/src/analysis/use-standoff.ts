/**
 * Runs the standoff analysis after each finished approach analysis, for the classes that one was run for:
 * the two never compete for the server's workers, and the vectors show first. An edit starts a new
 * approach run, which cancels a standoff request still in flight.
 */
import { useEffect, useState } from 'react';
import { runStandoff } from '../api/threat-endpoints.js';
import type { StandoffResult } from '../api/threat-types.js';
import { describeError } from '../api/http.js';
import type { ApproachResult } from '../api/types.js';
import { analysedClasses } from './use-approach.js';

export type StandoffState =
  | { status: 'idle' }
  | { status: 'running'; previous: StandoffResult | null }
  | { status: 'ready'; result: StandoffResult }
  | { status: 'error'; message: string; previous: StandoffResult | null };

export function useStandoff(siteId: string, approach: ApproachResult | null): StandoffState {
  const [state, setState] = useState<StandoffState>({ status: 'idle' });

  useEffect(() => {
    if (!approach) return;
    const controller = new AbortController();
    const classes = analysedClasses(approach);
    setState((s) => ({ status: 'running', previous: lastStandoff(s) }));
    runStandoff(siteId, classes, controller.signal)
      .then((result) => setState({ status: 'ready', result }))
      .catch((e: unknown) => {
        if (!controller.signal.aborted)
          setState((s) => ({ status: 'error', message: describeError(e), previous: lastStandoff(s) }));
      });
    return () => controller.abort();
  }, [siteId, approach]);

  return state;
}

/** The result to keep showing while a newer one is computed or after it failed. */
export function lastStandoff(state: StandoffState): StandoffResult | null {
  if (state.status === 'ready') return state.result;
  if (state.status === 'running' || state.status === 'error') return state.previous;
  return null;
}
