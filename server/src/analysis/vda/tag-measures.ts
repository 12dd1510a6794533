import Flatbush from 'flatbush';
import type { Feature, Position } from 'geojson';
import type { GraphMeasureRef, TraversalGraph } from './graph.js';
import { nearestBlocked } from './nearest-blocked.js';
import { toLocal } from './projection.js';
import type { Raster } from './raster.js';

/** How far from a measure's end an obstacle still closes the opening there (metres). */
export const END_GAP_SEARCH_M = 20;

/** What tagging keeps between calls: the edge index (built once per graph) and what it last changed. */
interface TagState {
  index: Flatbush;
  /** Index item → its edge (one direction of each segment; the other is edgeReverse). */
  itemEdge: Uint32Array;
  tagged: number[];
  /** Edges narrowed to a measure's end gap → their own width. */
  narrowed: Map<number, number>;
}

const states = new WeakMap<TraversalGraph, TagState>();
const grounds = new WeakMap<TraversalGraph, Raster>();

/** Keeps the ground raster the graph was built from, for the openings at measures' ends. */
export function attachGround(graph: TraversalGraph, ground: Raster): void {
  grounds.set(graph, ground);
}

/** The ground raster attached to the graph, if any. */
export function groundOf(graph: TraversalGraph): Raster | undefined {
  return grounds.get(graph);
}

/** Makes ahead the edge index the first tagging of `graph` needs. */
export function prepareTagging(graph: TraversalGraph): void {
  stateOf(graph);
}

function stateOf(graph: TraversalGraph): TagState {
  let state = states.get(graph);
  if (state) return state;
  const { edgeCount, edgeReverse, edgeFrom, edgeTo, nodeX, nodeY } = graph;
  const itemEdge = new Uint32Array(edgeCount / 2);
  const index = new Flatbush(Math.max(1, itemEdge.length));
  let item = 0;
  for (let e = 0; e < edgeCount; e++) {
    if (edgeReverse[e]! < e) continue;
    const a = edgeFrom[e]!;
    const b = edgeTo[e]!;
    itemEdge[item++] = e;
    index.add(
      Math.min(nodeX[a]!, nodeX[b]!),
      Math.min(nodeY[a]!, nodeY[b]!),
      Math.max(nodeX[a]!, nodeX[b]!),
      Math.max(nodeY[a]!, nodeY[b]!),
    );
  }
  if (item === 0) index.add(0, 0, 0, 0);
  index.finish();
  state = { index, itemEdge, tagged: [], narrowed: new Map() };
  states.set(graph, state);
  return state;
}

/** Calls `visit(e, t)` for each segment edge crossed by P→Q, t the fraction along e (its stored direction). */
function forEachCrossing(
  graph: TraversalGraph,
  state: TagState,
  [px, py]: [number, number],
  [qx, qy]: [number, number],
  visit: (e: number, t: number) => void,
): void {
  const { edgeFrom, edgeTo, nodeX, nodeY } = graph;
  const sx = qx - px;
  const sy = qy - py;
  for (const item of state.index.search(
    Math.min(px, qx),
    Math.min(py, qy),
    Math.max(px, qx),
    Math.max(py, qy),
  )) {
    const e = state.itemEdge[item]!;
    const ax = nodeX[edgeFrom[e]!]!;
    const ay = nodeY[edgeFrom[e]!]!;
    const rx = nodeX[edgeTo[e]!]! - ax;
    const ry = nodeY[edgeTo[e]!]! - ay;
    const denom = rx * sy - ry * sx;
    if (denom === 0) continue; // parallel: runs along the edge, does not cross it
    const wx = px - ax;
    const wy = py - ay;
    const t = (wx * sy - wy * sx) / denom; // along the edge
    const u = (wx * ry - wy * rx) / denom; // along P→Q
    if (t >= 0 && t <= 1 && u >= 0 && u <= 1) visit(e, t);
  }
}

/** The lines a measure stands on: a line's own, a chicane polygon's outline. Cameras and cordons: none. */
function measureLines(measure: Feature): Position[][] {
  const kind = (measure.properties as { kind?: string } | null)?.kind;
  if (kind === 'camera' || kind === 'cordon') return [];
  const g = measure.geometry;
  if (g.type === 'LineString') return [g.coordinates];
  if (g.type === 'Polygon') return g.coordinates;
  return [];
}

/**
 * An edge's level: its end farther from the ground. (A bridge or tunnel segment between two street-level
 * vertices has a node on its level in the middle: see buildRoadNetwork.)
 */
function edgeLevel(graph: TraversalGraph, e: number): number {
  const a = graph.nodeLevel[graph.edgeFrom[e]!]!;
  const b = graph.nodeLevel[graph.edgeTo[e]!]!;
  return Math.abs(a) >= Math.abs(b) ? a : b;
}

/** Ground first, then above ground (terraces, bridges seen in plan), then below. */
function levelPreference(level: number): number {
  return level >= 0 ? 2 * level : -2 * level + 1;
}

/** The edges the current tags changed: those carrying a measure and those narrowed (both directions). */
export function changedEdges(graph: TraversalGraph): number[] {
  const state = stateOf(graph);
  return [...state.tagged, ...state.narrowed.keys()];
}

/**
 * Marks every edge a measure line crosses (both directions): `edgeMeasure` = the measure's index in
 * `measures`, `edgeMeasureAt` = distance from the edge's own start to the crossing. When several measures
 * cross one edge, the first met along the direction of travel wins. A measure stands on one level: of
 * the edges it crosses, only those on the level nearest the ground are tagged (a bollard line across a
 * street does not close the bridge above it).
 *
 * On the ground, the opening between each end of a line measure and the nearest obstacle is measured
 * (`endGapsM`) and every edge through that opening is narrowed to it: a bollard line stopping 1.2 m short
 * of a wall leaves a 1.2 m gap, whatever the grid's clear width there.
 *
 * Resets the previous tags and widths first and replaces `graph.measures`; the graph is not rebuilt, so a
 * measure change costs only the edges near the measures (the edge index is built on the first call).
 */
export function tagMeasures(graph: TraversalGraph, measures: readonly Feature[]): void {
  const state = stateOf(graph);
  const ground = grounds.get(graph);
  const { edgeMeasure, edgeMeasureAt, edgeReverse, edgeLength, edgeWidth } = graph;
  for (const e of state.tagged) edgeMeasure[e] = -1;
  for (const [e, width] of state.narrowed) edgeWidth[e] = width;
  state.tagged = [];
  state.narrowed.clear();
  graph.measures = measures.map((m): GraphMeasureRef => {
    const properties = { ...m.properties };
    return {
      id: String(m.id ?? properties.id ?? ''),
      kind: properties.kind as GraphMeasureRef['kind'],
      properties,
    };
  });

  const crossings: { e: number; t: number }[] = [];
  measures.forEach((measure, m) => {
    const lines = measureLines(measure).map((line) =>
      line.map(([lon, lat]) => toLocal(graph.projection, lon!, lat!)),
    );
    crossings.length = 0;
    for (const line of lines) {
      for (let i = 0; i + 1 < line.length; i++) {
        forEachCrossing(graph, state, line[i]!, line[i + 1]!, (e, t) => crossings.push({ e, t }));
      }
    }
    let preferred = 0;
    if (crossings.length > 0) {
      preferred = Infinity;
      for (const { e } of crossings) preferred = Math.min(preferred, levelPreference(edgeLevel(graph, e)));
    }
    for (const { e, t } of crossings) {
      if (levelPreference(edgeLevel(graph, e)) !== preferred) continue;
      const at = t * edgeLength[e]!;
      for (const [edge, distance] of [
        [e, at],
        [edgeReverse[e]!, edgeLength[e]! - at],
      ] as const) {
        if (edgeMeasure[edge]! >= 0 && edgeMeasureAt[edge]! <= distance) continue;
        if (edgeMeasure[edge]! < 0) state.tagged.push(edge);
        edgeMeasure[edge] = m;
        edgeMeasureAt[edge] = distance;
      }
    }
    const line = lines[0];
    if (!ground || preferred !== 0 || measure.geometry.type !== 'LineString' || !line || line.length < 2)
      return;
    const gaps = [line[0]!, line.at(-1)!].map((end) => {
      const near = nearestBlocked(ground, end[0], end[1], END_GAP_SEARCH_M);
      if (!near) return null;
      forEachCrossing(graph, state, end, [near.x, near.y], (e) => {
        if (edgeLevel(graph, e) !== 0 || edgeWidth[e]! <= near.distance) return;
        for (const edge of [e, edgeReverse[e]!]) {
          if (!state.narrowed.has(edge)) state.narrowed.set(edge, edgeWidth[edge]!);
          edgeWidth[edge] = near.distance;
        }
      });
      return near.distance;
    });
    graph.measures[m]!.endGapsM = [gaps[0]!, gaps[1]!];
  });
}
