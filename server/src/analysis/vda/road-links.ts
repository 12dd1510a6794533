import { EdgeKind, NodeKind, type GridInfo } from './graph.js';
import type { GraphBuilder } from './graph-builder.js';
import type { Raster } from './raster.js';
import { walkClearance } from './raster-walk.js';
import type { SceneWay } from './read-scene.js';
import type { RoadSegment } from './road-network.js';

/** (along, across) the way for the four 45° directions off it, and the half-width of their sectors. */
const DIAGONALS: readonly (readonly [number, number])[] = [
  [1, 1],
  [-1, 1],
  [1, -1],
  [-1, -1],
];
const COS_SECTOR = Math.cos(Math.PI / 8);

export interface RoadLinkInput {
  raster: Raster;
  clearance: Float32Array;
  grid: GridInfo;
  maxClearWidthM: number;
}

/**
 * Adds the road and path edges, joined to the open-space grid. Ground-level ways (level 0) are sampled at
 * their vertices and every ≤ one cell along each segment; a sample joins the nearest open cell whose node
 * is within the way's surface (half its width, plus the kerb strip beside a road) plus one cell, and the
 * nearest on the opposite side (a street between a square and a park joins both); a sample between
 * vertices that joins anything also joins the nearest cells 45° ahead and behind on either side (within
 * √2 × that reach). Each link must stay on drivable ground (the road's surface counts). A sample between
 * vertices that joins something becomes a split node on the way, so a vehicle can leave the road onto a
 * square anywhere along it. Bridges and tunnels never join the grid. Link edges are open-space edges:
 * their width is 2 × the smallest clearance along them.
 */
export function addRoadEdges(
  builder: GraphBuilder,
  segments: readonly RoadSegment[],
  ways: readonly SceneWay[],
  input: RoadLinkInput,
): void {
  const { grid, raster, clearance, maxClearWidthM } = input;
  const cell = grid.cellSizeM;
  const { x, y } = builder;

  const candidates: { node: number; d: number; dx: number; dy: number }[] = [];
  const linked: number[] = [];
  // Joins the point to the grid; returns its node (`from`, or a new split node when −1 and a link was
  // made; −1 when none was). (ux, uy): the way's direction at a sample between vertices, else (0, 0).
  const link = (from: number, px: number, py: number, reach: number, ux: number, uy: number): number => {
    candidates.length = 0;
    linked.length = 0;
    const diagonalReach = reach * Math.SQRT2;
    const cc = Math.round((px - grid.originX) / cell);
    const cr = Math.round((py - grid.originY) / cell);
    const span = Math.ceil(diagonalReach / cell);
    for (let r = Math.max(0, cr - span); r <= Math.min(grid.rows - 1, cr + span); r++) {
      for (let c = Math.max(0, cc - span); c <= Math.min(grid.cols - 1, cc + span); c++) {
        const node = grid.cellNode[r * grid.cols + c]!;
        if (node < 0) continue;
        const dx = x[node]! - px;
        const dy = y[node]! - py;
        const d = Math.hypot(dx, dy);
        if (d <= diagonalReach) candidates.push({ node, d, dx, dy });
      }
    }
    if (candidates.length === 0) return from;
    candidates.sort((p, q) => p.d - q.d);
    const tryLink = (node: number): boolean => {
      if (linked.includes(node)) return true;
      const clear = walkClearance(raster, clearance, px, py, x[node]!, y[node]!);
      if (clear < 0) return false;
      if (from < 0) from = builder.addNode(px, py, 0, NodeKind.split);
      builder.addSegment(from, node, Math.min(2 * clear, maxClearWidthM), EdgeKind.open, -1);
      linked.push(node);
      return true;
    };
    // The nearest cell, and the nearest on the other side.
    let first: (typeof candidates)[number] | undefined;
    for (const candidate of candidates) {
      if (candidate.d > reach) break;
      if (first && candidate.dx * first.dx + candidate.dy * first.dy >= 0) continue;
      if (!tryLink(candidate.node)) continue;
      if (first) break;
      first = candidate;
    }
    // Along a way, also the nearest cells at 45° ahead and behind on each side (within 22.5°), so a
    // vehicle can veer off the road onto the square rather than turn square to it.
    if (linked.length === 0 || (ux === 0 && uy === 0)) return from;
    for (const [a, b] of DIAGONALS) {
      const wx = (a * ux - b * uy) / Math.SQRT2;
      const wy = (a * uy + b * ux) / Math.SQRT2;
      for (const { node, d, dx, dy } of candidates) {
        if (d > 0 && (dx * wx + dy * wy) / d >= COS_SECTOR && tryLink(node)) break;
      }
    }
    return from;
  };

  // Vertices (and boundary ends) on the ground reach as far as their widest ground way.
  const reachOf = new Float64Array(builder.nodeCount);
  for (const { a, b, way } of segments) {
    const w = ways[way]!;
    if (w.level !== 0) continue;
    const reach = w.surfaceHalfWidthM + cell;
    reachOf[a] = Math.max(reachOf[a]!, reach);
    reachOf[b] = Math.max(reachOf[b]!, reach);
  }
  reachOf.forEach((reach, node) => {
    if (reach > 0 && builder.level[node] === 0) link(node, x[node]!, y[node]!, reach, 0, 0);
  });

  for (const { a, b, way } of segments) {
    const w = ways[way]!;
    let from = a;
    if (w.level === 0) {
      const ax = x[a]!;
      const ay = y[a]!;
      const dx = x[b]! - ax;
      const dy = y[b]! - ay;
      const length = Math.hypot(dx, dy);
      const samples = Math.ceil(length / cell);
      for (let i = 1; i < samples; i++) {
        const px = ax + (dx * i) / samples;
        const py = ay + (dy * i) / samples;
        const splitNode = link(-1, px, py, w.surfaceHalfWidthM + cell, dx / length, dy / length);
        if (splitNode < 0) continue;
        builder.addSegment(from, splitNode, w.widthM, w.edgeKind, w.ref, w.grade);
        from = splitNode;
      }
    }
    builder.addSegment(from, b, w.widthM, w.edgeKind, w.ref, w.grade);
  }
}
