/** The standoff and bomb-threat endpoints (docs/api.md, "Standoff" and "Threats"). */
import { apiRequest } from './http.js';
import type { BombThreatRequest, BombThreatResult, StandoffResult, ThreatChart } from './threat-types.js';
import type { VehicleClass } from './types.js';

export const runStandoff = (siteId: string, vehicleClasses: VehicleClass[], signal: AbortSignal) =>
  apiRequest<StandoffResult>(`/api/sites/${encodeURIComponent(siteId)}/analysis/standoff`, {
    method: 'POST',
    body: { vehicleClasses },
    signal,
  });

export const getThreatChart = () => apiRequest<ThreatChart>('/api/threats');

export const runBombThreat = (body: BombThreatRequest, signal: AbortSignal) =>
  apiRequest<BombThreatResult>('/api/threats/bomb', { method: 'POST', body, signal });
