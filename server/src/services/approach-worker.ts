/**
 * An analysis worker thread (analysis-workers.ts): keeps its own graphs, with the baselines of the classes
 * sent to it, and answers one class share at a time, so the server's event loop stays free and the
 * classes of one request run on several cores.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { warmUpAnalysis } from './analysis-warm-up.js';
import { analyseClassParts, prepareForMeasures, type GraphState } from './approach-classes.js';
import { adoptGraphState, buildGraphState, portableGraphState } from './graph-state.js';
import { WORKER_READY } from './analysis-workers.js';
import { LruCache } from './lru-cache.js';
import {
  GRAPH_CACHE_ENTRIES,
  type WorkerBuilt,
  type WorkerReply,
  type WorkerRequest,
} from './worker-messages.js';

const graphs = new LruCache<GraphState>(GRAPH_CACHE_ENTRIES);
const port = parentPort!;

function answer(request: WorkerRequest): WorkerReply {
  let state = graphs.get(request.graphKey);
  let graphBuildMs = 0;
  if (!state) {
    if (request.graph) {
      state = adoptGraphState(request.graph);
    } else if (request.build) {
      state = buildGraphState(request.build);
      graphBuildMs = state.timingsMs.graphBuild;
      // Copied (structured clone) as it is posted, before this thread tags measures on it.
      if (request.share)
        port.postMessage({ id: request.id, built: portableGraphState(state) } satisfies WorkerBuilt);
    } else {
      return { id: request.id, missing: true };
    }
    graphs.set(request.graphKey, state);
  }
  const output = analyseClassParts({
    state,
    zones: request.zones,
    measures: request.measures,
    measuresKey: request.measuresKey,
    request: request.request,
  });
  return {
    id: request.id,
    output,
    graphBuildMs,
    studyArea: { geometry: state.studyArea, hulled: state.hulled, features: state.featureCount },
  };
}

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = answer(request);
  } catch (error) {
    reply =
      error instanceof AppError
        ? { id: request.id, error: { code: error.code, message: error.message } }
        : { id: request.id, error: { code: 'INTERNAL', message: String((error as Error)?.stack ?? error) } };
  }
  port.postMessage(reply);
  // After answering: the next request waits for this, which it would otherwise do itself. Only an
  // optimisation: a failure must not take the worker (and its graphs) down.
  const state = graphs.get(request.graphKey);
  try {
    if (state && 'output' in reply) prepareForMeasures(state);
  } catch {
    // The first measure change makes what it needs itself.
  }
});

// Before saying it is ready: requests sent meanwhile wait in the port's queue.
try {
  warmUpAnalysis();
} catch {
  // Only an optimisation (analysis-warm-up.test.ts checks it runs): a failure must not take the worker down.
}
port.postMessage(WORKER_READY);
