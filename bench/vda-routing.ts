/**
 * Issue 3 side-by-side on one road graph (Monaco 2016, every highway but steps, split where ways share a
 * node): (a) pgRouting's pgr_drivingDistance one-to-all on the PostgreSQL server, (b) a plain typed-array
 * Dijkstra in-process, (c) our speed propagation for one vehicle class. Needs `postgresql-15-pgrouting`
 * on the server at BENCH_DATABASE_URL (recreated as <name>_routing).
 */
import path from 'node:path';
import pg from 'pg';
import { repoRoot } from '../server/src/config.js';
import { readOsmFile } from '../server/src/import/read-osm.js';
import { loadVehicleProfiles } from '../server/src/analysis/load-vehicles.js';
import { createSpeedModel } from '../server/src/analysis/physics.js';
import { resolveProfiles } from '../server/src/analysis/vehicles.js';
import { propagateSpeeds } from '../server/src/analysis/vda/propagate.js';
import { buildTestGraph } from '../server/src/analysis/vda/test-graph.js';
import { dijkstra, toCsr } from './dijkstra.js';
import { buildRoadGraph, type RoadGraph } from './road-graph.js';

const OSM = path.resolve(repoRoot, '../shared/data/osm/monaco-2016-03-05.osrm-backend.osm.pbf');
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bulwark_bench';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/**
 * Medians of `a` and `b` timed in alternating rounds (`perRound` runs each), after a warm-up of both: this
 * machine changes speed by up to half for minutes at a time, so timing one after the other skews the ratio.
 */
function timePair(
  rounds: number,
  perRound: [number, number],
  a: () => void,
  b: () => void,
): [number, number] {
  for (let i = 0; i < 20; i++) [a, b].forEach((fn) => fn());
  const times: [number[], number[]] = [[], []];
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < perRound[0]; i++) times[0].push(timed(a));
    for (let i = 0; i < perRound[1]; i++) times[1].push(timed(b));
  }
  return [median(times[0]), median(times[1])];
}

/** The node nearest the graph's centre of mass: a start in the middle of town. */
function centralNode(g: RoadGraph): number {
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < g.nodeCount; i++) {
    const d = Math.hypot(g.nodeX[i]!, g.nodeY[i]!);
    if (d < bestD) [best, bestD] = [i, d];
  }
  return best;
}

async function pgRouting(g: RoadGraph, source: number) {
  const url = new URL(PG_URL);
  const name = `${url.pathname.slice(1)}_routing`;
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION pgrouting CASCADE');
    await client.query(
      'CREATE TABLE edges (id int PRIMARY KEY, source int, target int, cost float8, reverse_cost float8)',
    );
    await client.query(
      `INSERT INTO edges SELECT i, s, t, c, c FROM unnest($1::int[], $2::int[], $3::int[], $4::float8[]) AS x(i, s, t, c)`,
      [
        g.edges.map((_, i) => i + 1),
        g.edges.map((e) => e.source),
        g.edges.map((e) => e.target),
        g.edges.map((e) => e.lengthM),
      ],
    );
    await client.query('ANALYZE edges');
    const sql = `SELECT count(*)::int AS n FROM pgr_drivingDistance('SELECT id, source, target, cost, reverse_cost FROM edges', ${source}, 1e9)`;
    const walls: number[] = [];
    const executions: number[] = [];
    let reached = 0;
    for (let i = 0; i < 25; i++) {
      const t = performance.now();
      reached = (await client.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
      walls.push(performance.now() - t);
      const plan = await client.query<{ 'QUERY PLAN': { 'Execution Time': number }[] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
      );
      executions.push(plan.rows[0]!['QUERY PLAN'][0]!['Execution Time']);
    }
    return { reached, throughPgMs: median(walls.slice(5)), executionMs: median(executions.slice(5)) };
  } finally {
    await client.end();
  }
}

export async function vdaRoutingBench(): Promise<Record<string, unknown>> {
  const { features } = await readOsmFile(OSM);
  const g = buildRoadGraph(features);
  const source = centralNode(g);
  const csr = toCsr(g.nodeCount, g.edges);
  // (c) The speed search on the same junction graph: each edge as the straight chord between its junctions,
  // 6 m wide (the search needs a width for the corner model), for a car (M1).
  const traversal = buildTestGraph(
    g.edges.map((e) => ({
      coords: [
        [g.nodeX[e.source]!, g.nodeY[e.source]!],
        [g.nodeX[e.target]!, g.nodeY[e.target]!],
      ],
      widthM: 6,
    })),
  );
  const [car] = resolveProfiles(loadVehicleProfiles(), ['M1']);
  const model = createSpeedModel(car!, { friction: 0.6 });
  // Timed as they are; what each reached is counted after.
  const [dijkstraMs, speedMs] = timePair(
    40,
    [10, 2],
    () => dijkstra(csr, source),
    () => propagateSpeeds(traversal, model),
  );
  const reached = dijkstra(csr, source).reduce((n, d) => (d < Infinity ? n + 1 : n), 0);
  const reachedEdges = propagateSpeeds(traversal, model).speed.reduce((n, v) => (v >= 0 ? n + 1 : n), 0);
  const routing = await pgRouting(g, source);
  const results = {
    graph: { vertices: g.nodeCount, edges: g.edges.length, source },
    pgRouting: routing,
    dijkstra: { ms: dijkstraMs, reached },
    speedSearch: {
      ms: speedMs,
      nodes: traversal.nodeCount,
      directedEdges: traversal.edgeCount,
      reachedEdges,
      ratioToDijkstra: speedMs / dijkstraMs,
      ratioToPgRoutingThroughPg: speedMs / routing.throughPgMs,
    },
  };
  console.error(results);
  return results;
}
