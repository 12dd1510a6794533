/**
 * Foundation benchmarks (issue 2): embedded first start and restart (time to a healthy /health, peak
 * RSS), import time of each shared OSM extract on both backends, and p50/p95 latency of a site-features
 * request under autocannon on loopback. Run: `npm run bench -- foundation`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { repoRoot } from '../server/src/config.js';

const OSM_DIR = path.resolve(repoRoot, '../shared/data/osm');
const FILES = [
  'monaco-2021-04-21.planetiler.osm.pbf',
  'monaco-2016-03-05.osrm-backend.osm.pbf',
  'berlin-siegessaeule.graphhopper.osm.gz',
];
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bulwark_bench';
const TSX = ['--import', 'tsx'];

interface Backend {
  label: 'embedded' | 'postgres';
  env: NodeJS.ProcessEnv;
}

function baseEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...extra };
  delete env.DATABASE_URL;
  return env;
}

/** Peak resident set size of a live process, from the kernel (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  url: string;
  readyMs: number;
  stop(): Promise<void>;
}

/** Starts the real server and waits for /health: the time a user waits after `npm start`. */
async function startServer(env: NodeJS.ProcessEnv): Promise<Running> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...TSX, 'server/src/server.ts'], {
    cwd: repoRoot,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const readyMs = performance.now() - started;
  return {
    child,
    url,
    readyMs,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function runCli(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; wallMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX, script, ...args], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolve({ stdout, wallMs: performance.now() - started })
        : reject(new Error(`${script} exited with ${code}`)),
    );
  });
}

async function resetPostgres(): Promise<void> {
  const url = new URL(PG_URL);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** autocannon against one URL; per-response latencies collected to report exact p50/p95. */
async function load(
  url: string,
  seconds: number,
  connections: number,
): Promise<{
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  bytes: number;
  errors: number;
}> {
  const latencies: number[] = [];
  let bytes = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds }, (error, done) =>
      error ? reject(error) : resolve(done),
    );
    instance.on('response', (_client, _status, resBytes, ms) => {
      latencies.push(ms);
      bytes = resBytes;
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: Math.round(result.requests.average),
    bytes,
    errors: result.errors + result.non2xx,
  };
}

export async function foundationBench(): Promise<Record<string, unknown>> {
  const missing = FILES.filter((f) => !fs.existsSync(path.join(OSM_DIR, f)));
  if (missing.length)
    throw new Error(`the shared OSM extracts are missing from ${OSM_DIR}: ${missing.join(', ')}`);
  const results: Record<string, unknown> = {};
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-bench-'));
  const embedded: Backend = { label: 'embedded', env: baseEnv({ BULWARK_DATA_DIR: dataDir }) };
  const postgres: Backend = { label: 'postgres', env: baseEnv({ DATABASE_URL: PG_URL }) };

  try {
    // 1. Embedded first start (initdb + PostGIS + migrations + demo site) and restart.
    const first = await startServer(embedded.env);
    results.firstStart = { ms: Math.round(first.readyMs), peakRssMb: peakRssMb(first.child.pid!) };
    await first.stop();
    const restart = await startServer(embedded.env);
    results.restart = { ms: Math.round(restart.readyMs), peakRssMb: peakRssMb(restart.child.pid!) };
    await restart.stop();
    console.error('start-up', results.firstStart, results.restart);

    // 2. Imports on both backends (a fresh process each, as `npm run import` runs).
    await resetPostgres();
    const imports: Record<string, unknown>[] = [];
    for (const backend of [embedded, postgres]) {
      for (const file of FILES) {
        const { stdout, wallMs } = await runCli(
          'server/src/cli/import.ts',
          [path.join(OSM_DIR, file), '--json'],
          backend.env,
        );
        const summary = JSON.parse(stdout) as {
          counts: { features: number };
          timingsMs: { read: number; write: number; total: number };
        };
        imports.push({
          backend: backend.label,
          file,
          features: summary.counts.features,
          ...summary.timingsMs,
          processWallMs: Math.round(wallMs),
        });
        console.error('import', imports.at(-1));
      }
    }
    results.imports = imports;

    // 3. Site features over loopback: the Place du Casino site (venue + 400 m) on Monaco 2021.
    const requests: Record<string, unknown>[] = [];
    for (const backend of [embedded, postgres]) {
      await runCli('server/src/cli/demo-monaco.ts', [], backend.env);
      const server = await startServer(backend.env);
      try {
        const { sites } = (await (await fetch(`${server.url}/api/sites`)).json()) as {
          sites: { id: string; name: string }[];
        };
        const site = sites.find((s) => s.name.startsWith('Place du Casino'));
        if (!site) throw new Error('the Place du Casino demo site is missing');
        for (const query of ['', '?layer=buildings', '?layer=roads']) {
          const url = `${server.url}/api/sites/${site.id}/features${query}`;
          await load(url, 2, 1); // warm-up
          // One client alone (the latency a planner sees), then ten at once (the server under load).
          for (const connections of [1, 10]) {
            const result = await load(url, 10, connections);
            requests.push({ backend: backend.label, request: `features${query}`, connections, ...result });
            console.error('features', requests.at(-1));
          }
        }
      } finally {
        await server.stop();
      }
    }
    results.siteFeatures = requests;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
