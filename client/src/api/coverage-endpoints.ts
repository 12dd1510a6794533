/** The CCTV coverage endpoint (docs/api.md, "CCTV coverage"). */
import type { CoverageRequest, CoverageResult } from './coverage-types.js';
import { apiRequest } from './http.js';

export const runCoverage = (siteId: string, body: CoverageRequest, signal: AbortSignal) =>
  apiRequest<CoverageResult>(`/api/sites/${encodeURIComponent(siteId)}/analysis/coverage`, {
    method: 'POST',
    body,
    signal,
  });
