/**
 * Micro-benchmark of the speed search (server/src/analysis/vda/propagate.ts) on synthetic graphs, for the
 * six vehicle classes of data/vehicles.json:
 * - a road network of about 3,900 vertices and 4,900 straight edges (a jittered street grid with streets
 *   left out), beside a plain typed-array Dijkstra one-to-all on the same graph (bench/dijkstra.ts);
 * - an open-space grid of about 50,000 cells, 2.5 m, 8 neighbours (as the graph builder makes it), with
 *   building blocks and clear widths that narrow near them;
 * - with the shared extracts present, the Monaco 2016 road graph of the issue-3 comparison
 *   (bench/road-graph.ts: every highway but steps, junction to junction), as straight edges.
 * - the open grid beside a typed-array Dijkstra on the same cells (cells per millisecond).
 * Times are medians after a warm-up. Run: `npm run bench -- vda-propagate`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../server/src/config.js';
import { loadVehicleProfiles } from '../server/src/analysis/load-vehicles.js';
import { createSpeedModel } from '../server/src/analysis/physics.js';
import type { TraversalGraph } from '../server/src/analysis/vda/graph.js';
import { propagateSpeeds } from '../server/src/analysis/vda/propagate.js';
import { buildTestGraph, type TestLine } from '../server/src/analysis/vda/test-graph.js';
import { dijkstra, toCsr } from './dijkstra.js';
import { buildRoadGraph } from './road-graph.js';

const MONACO_2016 = path.resolve(repoRoot, '../shared/data/osm/monaco-2016-03-05.osrm-backend.osm.pbf');

/** Deterministic pseudo-random numbers (mulberry32), so that every run builds the same graphs. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeRuns(runs: number, fn: () => void): number {
  for (let i = 0; i < Math.min(3, runs); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** A jittered 62 × 62 street grid, 40 m blocks, about 65 % of the streets kept: ~3,900 nodes, ~4,900 edges. */
function streetGrid(): { lines: TestLine[]; edges: { source: number; target: number; lengthM: number }[] } {
  const rand = random(42);
  const n = 62;
  const xy: [number, number][] = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) xy.push([c * 40 + (rand() - 0.5) * 10, r * 40 + (rand() - 0.5) * 10]);
  }
  const lines: TestLine[] = [];
  const edges: { source: number; target: number; lengthM: number }[] = [];
  const add = (a: number, b: number) => {
    lines.push({ coords: [xy[a]!, xy[b]!], widthM: 5 + rand() * 7 });
    edges.push({ source: a, target: b, lengthM: Math.hypot(xy[a]![0] - xy[b]![0], xy[a]![1] - xy[b]![1]) });
  };
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (c + 1 < n && rand() < 0.65) add(r * n + c, r * n + c + 1);
      if (r + 1 < n && rand() < 0.65) add(r * n + c, (r + 1) * n + c);
    }
  }
  return { lines, edges };
}

/** 224 × 224 cells of 2.5 m (≈ 50,000), 8 neighbours, 3 × 3-cell blocks every 20 cells as buildings. */
function openGrid(): TraversalGraph {
  const size = 224;
  const blocked = (c: number, r: number) => c % 20 < 3 && r % 20 < 3;
  // Clear width: twice the distance to the nearest block edge, capped at 20 m (as the builder does).
  const clearance = (c: number, r: number) => {
    const dc = Math.min(Math.abs((c % 20) - 1), Math.abs((c % 20) - 21)) - 1.5;
    const dr = Math.min(Math.abs((r % 20) - 1), Math.abs((r % 20) - 21)) - 1.5;
    return Math.min(20, 2 * 2.5 * Math.max(0.5, Math.hypot(Math.max(0, dc), Math.max(0, dr))));
  };
  return buildTestGraph([], {
    grid: {
      cols: size,
      rows: size,
      cellSizeM: 2.5,
      originX: 0,
      originY: 0,
      clearWidthM: 20,
      neighbours: 8,
      blocked,
      widthBetween: (c0, r0, c1, r1) => Math.min(clearance(c0, r0), clearance(c1, r1)),
    },
  });
}

function centralNode(graph: { nodeCount: number; nodeX: Float64Array; nodeY: Float64Array }): number {
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < graph.nodeCount; i++) {
    cx += graph.nodeX[i]! / graph.nodeCount;
    cy += graph.nodeY[i]! / graph.nodeCount;
  }
  let best = 0;
  for (let i = 1; i < graph.nodeCount; i++) {
    if (
      Math.hypot(graph.nodeX[i]! - cx, graph.nodeY[i]! - cy) <
      Math.hypot(graph.nodeX[best]! - cx, graph.nodeY[best]! - cy)
    ) {
      best = i;
    }
  }
  return best;
}

function perClass(graph: TraversalGraph, runs: number) {
  const catalogue = loadVehicleProfiles();
  return catalogue.profiles.map((profile) => {
    const model = createSpeedModel(profile, { friction: catalogue.constants.friction });
    let stats = propagateSpeeds(graph, model).stats;
    const ms = timeRuns(runs, () => {
      stats = propagateSpeeds(graph, model).stats;
    });
    return { vehicleClass: profile.vehicleClass, ms: Math.round(ms * 100) / 100, ...stats };
  });
}

export async function vdaPropagateBench(): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};

  const streets = streetGrid();
  const roadGraph = buildTestGraph(streets.lines);
  const csr = toCsr(roadGraph.nodeCount, streets.edges);
  const source = centralNode(roadGraph);
  const dijkstraMs = timeRuns(200, () => dijkstra(csr, source));
  const classes = perClass(roadGraph, 30);
  results.syntheticRoads = {
    vertices: roadGraph.nodeCount,
    edges: roadGraph.edgeCount / 2,
    dijkstraMs: Math.round(dijkstraMs * 1000) / 1000,
    classes,
    ratioToDijkstra: classes.map((c) => Math.round((c.ms / dijkstraMs) * 10) / 10),
  };
  console.error('synthetic roads', results.syntheticRoads);

  if (fs.existsSync(MONACO_2016)) {
    const { readOsmFile } = await import('../server/src/import/read-osm.js');
    const { features } = await readOsmFile(MONACO_2016);
    const g = buildRoadGraph(features);
    const lines: TestLine[] = g.edges.map((e) => ({
      coords: [
        [g.nodeX[e.source]!, g.nodeY[e.source]!],
        [g.nodeX[e.target]!, g.nodeY[e.target]!],
      ],
      widthM: 6,
    }));
    const graph = buildTestGraph(lines);
    const monacoCsr = toCsr(g.nodeCount, g.edges);
    const monacoSource = centralNode(g);
    const ms = timeRuns(200, () => dijkstra(monacoCsr, monacoSource));
    const monacoClasses = perClass(graph, 30);
    results.monaco2016Roads = {
      vertices: graph.nodeCount,
      edges: graph.edgeCount / 2,
      note: 'junction to junction as straight edges, 6 m wide',
      dijkstraMs: Math.round(ms * 1000) / 1000,
      classes: monacoClasses,
      ratioToDijkstra: monacoClasses.map((c) => Math.round((c.ms / ms) * 10) / 10),
    };
    console.error('Monaco 2016 roads', results.monaco2016Roads);
  }

  const grid = openGrid();
  const cells = grid.grid!.cellNode.filter((n) => n >= 0).length;
  const gridClasses = perClass(grid, 3);
  // The same grid for Dijkstra: each undirected edge once.
  const gridEdges: { source: number; target: number; lengthM: number }[] = [];
  for (let e = 0; e < grid.edgeCount; e++) {
    if (e < grid.edgeReverse[e]!)
      gridEdges.push({ source: grid.edgeFrom[e]!, target: grid.edgeTo[e]!, lengthM: grid.edgeLength[e]! });
  }
  const gridDijkstraMs = timeRuns(20, () => dijkstra(toCsr(grid.nodeCount, gridEdges), centralNode(grid)));
  results.openGrid = {
    cells,
    directedEdges: grid.edgeCount,
    dijkstraMs: Math.round(gridDijkstraMs * 100) / 100,
    dijkstraCellsPerMs: Math.round(cells / gridDijkstraMs),
    classes: gridClasses,
    cellsPerMs: gridClasses.map((c) => Math.round(cells / c.ms)),
    ratioToDijkstra: gridClasses.map((c) => Math.round((c.ms / gridDijkstraMs) * 10) / 10),
    allClassesMs: Math.round(gridClasses.reduce((s, c) => s + c.ms, 0)),
  };
  console.error('open grid', results.openGrid);
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(JSON.stringify(await vdaPropagateBench(), null, 2));
}
