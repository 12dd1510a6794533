/**
 * A site's traversal graph made from what PostGIS picked for its study area, as the approach analysis keeps
 * it between requests (in the server process, or in each analysis worker).
 */
import type { FeatureCollection, Polygon } from 'geojson';
import { buildTraversalGraph, type UnmappedLand } from '../analysis/vda/build-graph.js';
import { NO_MEASURES, type GraphState } from './approach-classes.js';

/** What building a graph needs: the study area and its features (plain data, so it can go to a worker). */
export interface GraphBuildInput {
  features: FeatureCollection;
  studyArea: Polygon;
  hulled: boolean;
  unmappedLand: UnmappedLand;
  /** Time PostGIS took to grow the zones into the study area and pick its features (ms). */
  studyAreaMs: number;
}

export function buildGraphState(input: GraphBuildInput): GraphState {
  const started = performance.now();
  const graph = buildTraversalGraph({
    features: input.features,
    measures: [],
    studyArea: input.studyArea,
    options: { unmappedLand: input.unmappedLand },
  });
  return {
    graph,
    studyArea: input.studyArea,
    hulled: input.hulled,
    featureCount: input.features.features.length,
    measuresKey: NO_MEASURES,
    baselines: new Map(),
    nodesAt: null,
    zoneNodes: null,
    edgeNodes: null,
    timingsMs: { studyArea: input.studyAreaMs, graphBuild: performance.now() - started },
  };
}
