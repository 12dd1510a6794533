/**
 * Full approach analysis (issue 3) of each Monaco venue, all six classes, on the Monaco 2016 extract, through
 * the HTTP API on the embedded database:
 * - cold: a fresh server (no cached graph; its analysis workers started and warmed up, as `start` leaves
 *   them), so the time includes reading the site, growing the study area in PostGIS, building the
 *   traversable space, the per-class baselines and the answer, asked as the planner asks;
 * - warm: after a rated barrier is placed across the fastest vector, then moved (the graph and baselines are
 *   cached; one speed search per class on the re-tagged graph), asked as the planner asks (the speed map of
 *   the one class it shows, no reachable outline) and then for everything (all six speed maps and
 *   outlines: another answer, as the answer cache is per request, from the searches and vectors the
 *   planner's request left: the five other speed maps and the six outlines are made); between the two,
 *   the planner's request with the map of another class shown (the lorry's instead of the car's);
 * - peak RSS of the process while it analyses, sampled every 5 ms, beside its RSS before;
 * - what the warm-up each analysis thread runs at start costs (services/analysis-warm-up.ts), timed here
 *   in this process before it has analysed anything, as in a fresh thread.
 * The server's own stage timings (`timingsMs` of the answer) are reported with each run.
 */
import path from 'node:path';
import { buildApp, type App } from '../server/src/app.js';
import type { ApproachResult } from '../server/src/schemas/approach-analysis.js';
import { warmUpAnalysis } from '../server/src/services/analysis-warm-up.js';
import { MONACO_2016, withMonacoVenues } from './monaco-venues.js';

/** Warm runs per venue (the barrier moved along the vector each time). */
const WARM_RUNS = 5;

const round = (x: number) => Math.round(x * 10) / 10;
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** Runs `fn`, sampling the RSS every 5 ms: its wall time and the highest RSS seen. */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakRssMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  const t = performance.now();
  try {
    const value = await fn();
    return {
      value,
      ms: round(performance.now() - t),
      peakRssMb: mb(Math.max(peak, process.memoryUsage.rss())),
    };
  } finally {
    clearInterval(timer);
  }
}

/** The planner's request: every class analysed, the speed map of the one it shows, no outline. */
const AS_THE_PLANNER_ASKS = { speedMaps: ['M1'], outlines: [] };
/** The same after the planner switches the map shown to another class. */
const SHOWING_ANOTHER_CLASS = { speedMaps: ['N3F'], outlines: [] };

async function analyse(app: App, siteId: string, payload: object = {}): Promise<ApproachResult> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/sites/${siteId}/analysis/approach`,
    payload,
  });
  if (res.statusCode !== 200) throw new Error(`analysis failed (${res.statusCode}): ${res.body}`);
  return res.json<ApproachResult>();
}

/** A 12 m barrier line across the fastest car vector, `back` metres before its impact point. */
export function barrierAcross(result: ApproachResult, back: number) {
  const car = result.vectors.features.find((f) => f.properties.vehicleClass === 'M1')!;
  const coords = car.geometry.coordinates;
  const [x1, y1] = coords[coords.length - 1]!;
  const [x0, y0] = coords[Math.max(0, coords.length - 3)]!;
  const kx = 111_320 * Math.cos((y1! * Math.PI) / 180);
  const ky = 110_540;
  const dx = (x1! - x0!) * kx;
  const dy = (y1! - y0!) * ky;
  const len = Math.hypot(dx, dy) || 1;
  const [ux, uy] = [dx / len, dy / len];
  const cx = x1! - (ux * back) / kx;
  const cy = y1! - (uy * back) / ky;
  const end = (s: number) => [cx - (uy * 6 * s) / kx, cy + (ux * 6 * s) / ky];
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: [end(-1), end(1)] },
    properties: { kind: 'barrier', name: 'Bench barrier', rating: 'V/7200[N2A]/48/90:0.2' },
  };
}

export async function vdaAnalysisBench(): Promise<Record<string, unknown>> {
  const started = performance.now();
  warmUpAnalysis();
  const warmUpMs = round(performance.now() - started);
  console.log(`warm-up of an analysis thread: ${warmUpMs} ms`);
  return withMonacoVenues(async ({ db, config, sites }) => {
    const results: Record<string, unknown>[] = [];
    for (const site of sites) {
      // A new app per venue: nothing cached, as after a restart.
      const app = await buildApp({ db, config });
      // As after a server start: routes compiled, the analysis workers up (they start when it listens).
      await app.ready();
      await app.approachAnalysis.start();
      try {
        const rssBefore = mb(process.memoryUsage.rss());
        const cold = await measured(() => analyse(app, site.siteId, AS_THE_PLANNER_ASKS));
        const created = await app.inject({
          method: 'POST',
          url: `/api/sites/${site.siteId}/measures`,
          payload: barrierAcross(cold.value, 15),
        });
        if (created.statusCode !== 201) throw new Error(`barrier refused: ${created.body}`);
        const barrier = created.json<{ id: string; properties: { version: number } }>();
        type Run = { ms: number; peakRssMb: number; timingsMs: Record<string, number> };
        const warm: Run[] = [];
        const warmEverything: Run[] = [];
        const switched: Run[] = [];
        let version = barrier.properties.version;
        for (let i = 0; i < WARM_RUNS; i++) {
          if (i > 0) {
            const moved = await app.inject({
              method: 'PATCH',
              url: `/api/sites/${site.siteId}/measures/${barrier.id}`,
              payload: (() => {
                const feature = barrierAcross(cold.value, 15 + 5 * i);
                return { ...feature, properties: { ...feature.properties, version } };
              })(),
            });
            if (moved.statusCode !== 200) throw new Error(`barrier move refused: ${moved.body}`);
            version = moved.json<{ properties: { version: number } }>().properties.version;
          }
          const run = await measured(() => analyse(app, site.siteId, AS_THE_PLANNER_ASKS));
          warm.push({ ms: run.ms, peakRssMb: run.peakRssMb, timingsMs: run.value.timingsMs });
          const other = await measured(() => analyse(app, site.siteId, SHOWING_ANOTHER_CLASS));
          switched.push({ ms: other.ms, peakRssMb: other.peakRssMb, timingsMs: other.value.timingsMs });
          const all = await measured(() => analyse(app, site.siteId));
          warmEverything.push({ ms: all.ms, peakRssMb: all.peakRssMb, timingsMs: all.value.timingsMs });
        }
        const median = (runs: Run[], of: (r: Run) => number) =>
          runs.map(of).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
        const warmMs = warm.map((w) => w.ms).sort((a, b) => a - b);
        const entry = {
          venue: site.name,
          vectors: cold.value.vectors.features.length,
          studyAreaFeatures: cold.value.studyArea.features,
          coldMs: cold.ms,
          coldTimingsMs: cold.value.timingsMs,
          warmMedianMs: median(warm, (r) => r.ms),
          warmMaxMs: warmMs[warmMs.length - 1],
          // The answer's own total (the service, without serialising and parsing the JSON).
          warmServiceMedianMs: median(warm, (r) => r.timingsMs.total!),
          warmTimingsMs: warm[Math.floor(warm.length / 2)]!.timingsMs,
          switchedMapMedianMs: median(switched, (r) => r.ms),
          warmEverythingMedianMs: median(warmEverything, (r) => r.ms),
          warmEverythingServiceMedianMs: median(warmEverything, (r) => r.timingsMs.total!),
          rssBeforeMb: rssBefore,
          peakRssMb: Math.max(cold.peakRssMb, ...[...warm, ...warmEverything].map((w) => w.peakRssMb)),
        };
        console.log(
          `${site.name}: cold ${entry.coldMs} ms, warm median ${entry.warmMedianMs} ms (max ${entry.warmMaxMs}; ` +
            `service ${entry.warmServiceMedianMs} ms), another class's map ${entry.switchedMapMedianMs} ms, ` +
            `everything ${entry.warmEverythingMedianMs} ms ` +
            `(service ${entry.warmEverythingServiceMedianMs} ms), RSS ${entry.rssBeforeMb} → peak ${entry.peakRssMb} MB`,
        );
        console.log(`  cold stages ${JSON.stringify(entry.coldTimingsMs)}`);
        console.log(`  warm stages ${JSON.stringify(entry.warmTimingsMs)}`);
        results.push(entry);
      } finally {
        await app.close();
      }
    }
    return {
      dataset: path.basename(MONACO_2016),
      classes: 6,
      analysisWorkers: config.analysisWorkers,
      warmUpMs,
      warmRuns: WARM_RUNS,
      venues: results,
    };
  });
}
