import os from 'node:os';
import path from 'node:path';

export interface Config {
  host: string;
  port: number;
  /** Unset → embedded PGlite + PostGIS in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: string;
  /** Largest accepted upload (OSM extracts), bytes. */
  maxUploadBytes: number;
  /** Largest accepted JSON body, bytes. */
  maxBodyBytes: number;
  /** Directory holding the built client; served at `/` when present. */
  clientDir: string;
  /** Load the generated demo site into an empty database at start. */
  loadDemo: boolean;
  /** Worker threads for the approach analysis; 0 runs it on the server's own thread. */
  analysisWorkers: number;
}

export class ConfigError extends Error {}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Reads configuration from the environment. Defaults are safe: loopback only, embedded database. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    // Plans are sensitive: never listen on all interfaces unless the operator says so.
    host: env.HOST || '127.0.0.1',
    port: intFrom(env, 'PORT', 8080, 0, 65535),
    databaseUrl: env.DATABASE_URL || undefined,
    // npm runs workspace scripts in server/: a relative path means relative to where the user typed it.
    dataDir: env.BULWARK_DATA_DIR
      ? path.resolve(env.INIT_CWD ?? process.cwd(), env.BULWARK_DATA_DIR)
      : path.join(repoRoot, '.bulwark'),
    logLevel: env.LOG_LEVEL || 'info',
    maxUploadBytes: intFrom(env, 'BULWARK_MAX_UPLOAD_MB', 200, 1, 4096) * 1024 * 1024,
    maxBodyBytes: intFrom(env, 'BULWARK_MAX_BODY_KB', 2048, 16, 1024 * 1024) * 1024,
    clientDir: path.resolve(env.BULWARK_CLIENT_DIR || path.join(repoRoot, 'client/dist')),
    loadDemo: env.BULWARK_DEMO !== '0',
    // One per core, two at most: the analysis splits by vehicle class, and each worker keeps its own copy
    // of a site's graph.
    analysisWorkers: intFrom(env, 'BULWARK_ANALYSIS_WORKERS', Math.min(2, os.availableParallelism()), 0, 16),
  };
}

export { repoRoot };
