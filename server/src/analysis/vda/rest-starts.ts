/**
 * Where a vehicle may start at rest when a perimeter keeps its inside clear of vehicles (the request's
 * `starts: "outside-perimeter"`): every node it can reach from the edge of the study area without passing
 * a measure that closes the way to it. With no measures that close, that is all the ground joined to the
 * edge; a closed ring of rated barriers and bollards leaves its inside out. Protected zones are not crossed.
 */
import type { Polygon } from 'geojson';
import { NodeKind, type TraversalGraph } from './graph.js';

/** Our default: nodes this close to the study area's outline (m) count as at its edge. */
export const EDGE_BAND_M = 10;

/**
 * The nodes at the edge of the modelled ground (`studyArea` in local metres): where roads leave the study
 * area, and every node within `bandM` of its outline or of the extent of the ground itself (a study area
 * larger than the imported data has no road leaving it: its traffic comes in at the data's edge).
 */
export function studyEdgeNodes(graph: TraversalGraph, studyArea: Polygon, bandM = EDGE_BAND_M): Uint8Array {
  const edge = new Uint8Array(graph.nodeCount);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let n = 0; n < graph.nodeCount; n++) {
    minX = Math.min(minX, graph.nodeX[n]!);
    maxX = Math.max(maxX, graph.nodeX[n]!);
    minY = Math.min(minY, graph.nodeY[n]!);
    maxY = Math.max(maxY, graph.nodeY[n]!);
  }
  for (let n = 0; n < graph.nodeCount; n++) {
    const x = graph.nodeX[n]!;
    const y = graph.nodeY[n]!;
    if (
      graph.nodeKind[n] === NodeKind.boundary ||
      x - minX <= bandM ||
      maxX - x <= bandM ||
      y - minY <= bandM ||
      maxY - y <= bandM
    ) {
      edge[n] = 1;
      continue;
    }
    for (const ring of studyArea.coordinates) {
      for (let i = 1; i < ring.length && !edge[n]; i++) {
        const [x0, y0] = ring[i - 1]! as [number, number];
        const dx = ring[i]![0]! - x0;
        const dy = ring[i]![1]! - y0;
        const len2 = dx * dx + dy * dy;
        const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / len2)) : 0;
        if (Math.hypot(x - x0 - t * dx, y - y0 - t * dy) <= bandM) edge[n] = 1;
      }
    }
  }
  return edge;
}

export function outsidePerimeter(
  graph: TraversalGraph,
  /** Where the outside begins (studyEdgeNodes). */
  edgeNodes: Uint8Array,
  /** The vehicle fits through the edge. */
  passable: (edge: number) => boolean,
  /** Measure `m` (index into graph.measures) closes the way to this vehicle: it would stop it. */
  closes: (m: number) => boolean,
  /** Nodes not to go through (inside or on a protected zone). */
  endNodes?: Uint8Array,
): Uint8Array {
  const outside = new Uint8Array(graph.nodeCount);
  const queue: number[] = [];
  for (let n = 0; n < graph.nodeCount; n++) {
    if (edgeNodes[n] && !endNodes?.[n]) {
      outside[n] = 1;
      queue.push(n);
    }
  }
  // No ground at the edge at all: nothing to tell inside from outside.
  if (queue.length === 0) return outside.fill(1);
  const closed = graph.measures.map((_, m) => closes(m));
  while (queue.length > 0) {
    const n = queue.pop()!;
    for (let e = graph.edgeStart[n]!; e < graph.edgeStart[n + 1]!; e++) {
      const to = graph.edgeTo[e]!;
      if (outside[to] || !passable(e)) continue;
      const m = graph.edgeMeasure[e]!;
      if (m >= 0 && closed[m]) continue;
      outside[to] = 1;
      if (!endNodes?.[to]) queue.push(to);
    }
  }
  return outside;
}
