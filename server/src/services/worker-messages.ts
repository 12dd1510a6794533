/** What the server and its analysis workers send each other (structured-cloned plain data). */
import type { ErrorCode } from '../errors.js';
import type { ApproachRequest } from '../validation/approach-input.js';
import type { ClassParts, SiteMeasure, SiteZone } from './approach-classes.js';
import type { GraphBuildInput, PortableGraphState } from './graph-state.js';

/**
 * Graphs kept per process or worker (a Monaco venue's graph with two sets of baselines is ~200 MB, and each
 * class's run with the measures placed now, kept until they change, adds a few MB).
 */
export const GRAPH_CACHE_ENTRIES = 3;

export interface WorkerRequest {
  id: number;
  graphKey: string;
  /** Sent when the worker said it does not have the graph: the features to build it from, */
  build?: GraphBuildInput;
  /** and then whether to post a copy of it (a `built` message) before analysing; */
  share?: boolean;
  /** or a copy of the graph another worker built. */
  graph?: PortableGraphState;
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

/** Posted before the reply to a request with `share`: the graph the worker built, as plain data. */
export interface WorkerBuilt {
  id: number;
  built: PortableGraphState;
}

export type WorkerReply =
  | { id: number; missing: true }
  | { id: number; output: ClassParts; graphBuildMs: number; studyArea: StudyAreaSummary }
  | { id: number; error: { code: ErrorCode; message: string } };
