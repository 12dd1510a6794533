/**
 * A site's traversal graph made from what PostGIS picked for its study area, as the approach analysis keeps
 * it between requests (in the server process, or in each analysis worker), and the plain-data copy of it
 * one analysis worker hands the others (docs/architecture.md, "Worker threads").
 */
import type { FeatureCollection, Polygon } from 'geojson';
import { buildTraversalGraph, type UnmappedLand } from '../analysis/vda/build-graph.js';
import type { TraversalGraph } from '../analysis/vda/graph.js';
import { OPEN_TURN_ROOM_M } from '../analysis/vda/propagate.js';
import {
  adoptSearchGeometries,
  searchGeometries,
  searchGeometry,
  type SearchGeometry,
} from '../analysis/vda/propagate-geometry.js';
import type { Raster } from '../analysis/vda/raster.js';
import { attachGround, groundOf } from '../analysis/vda/tag-measures.js';
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

/**
 * A built graph as plain data (structured-cloned to another thread): the graph, the ground raster kept
 * for tagging measures, and the search geometry (turn tables) made with it.
 */
export interface PortableGraphState {
  graph: TraversalGraph;
  ground: Raster | null;
  geometries: [number, SearchGeometry][];
  studyArea: Polygon;
  hulled: boolean;
  featureCount: number;
}

/** Builds the graph and the search's turn tables for it (both part of the `graphBuild` time). */
export function buildGraphState(input: GraphBuildInput): GraphState {
  const started = performance.now();
  const graph = buildTraversalGraph({
    features: input.features,
    measures: [],
    studyArea: input.studyArea,
    options: { unmappedLand: input.unmappedLand },
  });
  searchGeometry(graph, OPEN_TURN_ROOM_M);
  return {
    ...freshState(graph, input.studyArea, input.hulled, input.features.features.length),
    timingsMs: { studyArea: input.studyAreaMs, graphBuild: performance.now() - started },
  };
}

/** The state as plain data, before any measure is tagged on it (it is shared right after the build). */
export function portableGraphState(state: GraphState): PortableGraphState {
  if (state.measuresKey !== NO_MEASURES) throw new Error('a graph is shared before measures are tagged');
  return {
    graph: state.graph,
    ground: groundOf(state.graph) ?? null,
    geometries: searchGeometries(state.graph),
    studyArea: state.studyArea,
    hulled: state.hulled,
    featureCount: state.featureCount,
  };
}

/** A GraphState from another thread's `portableGraphState` (a copy: this thread tags its own measures). */
export function adoptGraphState(portable: PortableGraphState): GraphState {
  const { graph, ground, geometries } = portable;
  if (ground) attachGround(graph, ground);
  adoptSearchGeometries(graph, geometries);
  return {
    ...freshState(graph, portable.studyArea, portable.hulled, portable.featureCount),
    timingsMs: { studyArea: 0, graphBuild: 0 },
  };
}

function freshState(
  graph: TraversalGraph,
  studyArea: Polygon,
  hulled: boolean,
  featureCount: number,
): Omit<GraphState, 'timingsMs'> {
  return {
    graph,
    studyArea,
    hulled,
    featureCount,
    measuresKey: NO_MEASURES,
    baselines: new Map(),
    measured: new Map(),
    nodesAt: null,
    zoneNodes: null,
    edgeNodes: null,
  };
}
