/**
 * Issue 5 on the Monaco 2016 extract, through the API on the embedded database:
 * - standoff of each venue, all six classes, warm (the approach analysis for `starts: outside-perimeter`
 *   already cached): the standoff reading and the rings (buffer-region.ts);
 * - the bomb-threat scenario at each venue's centre with the semi-trailer row (27,216 kg: 479 m / 2,835 m,
 *   all of Monaco): rings, buildings, cordon points, assembly areas.
 */
import path from 'node:path';
import { buildApp, type App } from '../server/src/app.js';
import { MONACO_2016, withMonacoVenues } from './monaco-venues.js';

const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;

async function timed(app: App, url: string, payload: object) {
  const t = performance.now();
  const res = await app.inject({ method: 'POST', url, payload });
  const ms = performance.now() - t;
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return { ms, body: res.json<Record<string, unknown>>() };
}

export async function standoffBench(): Promise<Record<string, unknown>> {
  return withMonacoVenues(async ({ db, config, venues, sites }) => {
    const app = await buildApp({ db, config });
    await app.approachAnalysis.start();
    const results: Record<string, unknown>[] = [];
    try {
      for (const [i, site] of sites.entries()) {
        const url = `/api/sites/${site.siteId}/analysis/standoff`;
        const first = await timed(app, url, {});
        const warm: number[] = [];
        for (let r = 0; r < RUNS; r++) {
          // A different charge each time: a new answer on the cached approach analysis.
          warm.push((await timed(app, url, { charges: { M1: 227 + r } })).ms);
        }
        const ring = venues.features[i]!.geometry.coordinates[0]!;
        const centre = [0, 1].map((k) => ring.reduce((s, p) => s + p[k]!, 0) / ring.length);
        const bombMs: number[] = [];
        let bomb: Record<string, unknown> = {};
        for (let r = 0; r < RUNS; r++) {
          const run = await timed(app, '/api/threats/bomb', { location: centre, threat: 'semi-trailer' });
          bombMs.push(run.ms);
          bomb = run.body;
        }
        const evacuate = bomb.evacuate as Record<'building' | 'outdoor', { count: number }>;
        const entry = {
          venue: site.name,
          standoffFirstMs: round(first.ms),
          standoffWarmMedianMs: round(median(warm)),
          bombSemiTrailerMedianMs: round(median(bombMs)),
          buildingsInBuildingRing: evacuate.building.count,
          buildingsInOutdoorRing: evacuate.outdoor.count,
          cordonPoints: (bomb.cordonPoints as { features: unknown[] }).features.length,
        };
        console.log(JSON.stringify(entry));
        results.push(entry);
      }
    } finally {
      await app.close();
    }
    return { dataset: path.basename(MONACO_2016), runs: RUNS, venues: results };
  });
}
