/** What the server and its analysis workers send each other (structured-cloned plain data). */
import type { ErrorCode } from '../errors.js';
import type { ApproachRequest } from '../validation/approach-input.js';
import type { ClassParts, SiteMeasure, SiteZone } from './approach-classes.js';
import type { GraphBuildInput } from './graph-state.js';

/** Graphs kept per process or worker (a Monaco venue's graph with two sets of baselines is ~200 MB). */
export const GRAPH_CACHE_ENTRIES = 3;

export interface WorkerRequest {
  id: number;
  graphKey: string;
  /** Sent when the worker said it does not have the graph. */
  build?: GraphBuildInput;
  zones: SiteZone[];
  measures: SiteMeasure[];
  measuresKey: string;
  /** With the profiles of this worker's share of the classes. */
  request: ApproachRequest;
}

export interface StudyAreaSummary {
  geometry: GraphBuildInput['studyArea'];
  hulled: boolean;
  features: number;
}

export type WorkerReply =
  | { id: number; missing: true }
  | { id: number; output: ClassParts; graphBuildMs: number; studyArea: StudyAreaSummary }
  | { id: number; error: { code: ErrorCode; message: string } };
