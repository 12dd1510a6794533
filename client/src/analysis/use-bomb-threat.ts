/**
 * The bomb-threat scenario of the open site: where the suspect item is and which threat, and the server's
 * answer for them. Asked again whenever either changes (debounced: a charge is typed a digit at a time);
 * a newer question cancels an older one still in flight.
 */
import { useEffect, useState } from 'react';
import { runBombThreat } from '../api/threat-endpoints.js';
import type { BombThreatResult, ThreatChoice } from '../api/threat-types.js';
import { describeError } from '../api/http.js';

export type BombThreatState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'ready'; result: BombThreatResult }
  | { status: 'error'; message: string };

export interface BombThreatScenario {
  location: [number, number] | null;
  choice: ThreatChoice | null;
  state: BombThreatState;
  setLocation(location: [number, number] | null): void;
  setChoice(choice: ThreatChoice | null): void;
}

const DEBOUNCE_MS = 300;

export function useBombThreat(siteId: string): BombThreatScenario {
  const [location, setLocation] = useState<[number, number] | null>(null);
  const [choice, setChoice] = useState<ThreatChoice | null>(null);
  const [state, setState] = useState<BombThreatState>({ status: 'idle' });

  useEffect(() => {
    if (!location || !choice) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setState({ status: 'running' });
      runBombThreat({ location, siteId, ...choice }, controller.signal)
        .then((result) => setState({ status: 'ready', result }))
        .catch((e: unknown) => {
          if (!controller.signal.aborted) setState({ status: 'error', message: describeError(e) });
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [siteId, location, choice]);

  return { location, choice, state, setLocation, setChoice };
}
