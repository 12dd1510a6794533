/**
 * Issue 6 on the real Monaco extracts: 50 cameras around the Place du Casino venue, on the 2021 extract
 * with a 300 m site (about 130 buildings) and on the 2016 extract with a 1 km site (about 2,000
 * buildings) — both imported into one fresh embedded database.
 * - through the API: the first coverage analysis (obstacles read and prepared), the same again (every
 *   view cached), after moving one camera (one view recomputed), and with the approach vectors of M1;
 * - the pure analysis alone, warm (obstacles prepared, no view cached): all 50 views with their bands,
 *   and the zone, vector and access-point scoring;
 * - side by side with the npm library `visibility-polygon` on the same segments and viewpoints: its
 *   one-off `breakIntersections`, its plain 360° polygon per viewpoint, our full per-camera view (field of
 *   view, heights, bands) per viewpoint, and the area agreement of its polygon (clipped to the camera's
 *   range disc) with our plain 360° view (every obstacle blocking, same range).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeatureCollection, Polygon as GeoPolygon } from 'geojson';
import polygonClipping, { type Pair, type Polygon } from 'polygon-clipping';
import * as VisibilityPolygon from 'visibility-polygon';
import { buildApp, type App } from '../server/src/app.js';
import { resolveCamera, type CameraSpec } from '../server/src/analysis/cctv/camera-model.js';
import { computeCameraView } from '../server/src/analysis/cctv/camera-view.js';
import { zoneCoverage } from '../server/src/analysis/cctv/coverage-metrics.js';
import { localFrame } from '../server/src/analysis/cctv/local-frame.js';
import { prepareObstacles, type PreparedObstacles } from '../server/src/analysis/cctv/obstacles.js';
import { multiPolygonArea, pointInMultiPolygon } from '../server/src/analysis/cctv/planar.js';
import { loadConfig, repoRoot } from '../server/src/config.js';
import { migrateUp } from '../server/src/db/migrate.js';
import { openDb } from '../server/src/db/open-db.js';
import { SHARED_OSM_DIR, VENUES_FILE } from '../server/src/demo/monaco-demo.js';
import { insertSiteWithZones } from '../server/src/demo/insert-site.js';
import { importFile } from '../server/src/import/import-file.js';
import { obstacleRows, siteFrame } from '../server/src/repositories/coverage-inputs.js';
import type { CoverageResult } from '../server/src/schemas/coverage-analysis.js';
import { toObstacleFeatures } from '../server/src/services/coverage-analysis.js';
import { MONACO_2016 } from './monaco-venues.js';

const MONACO_2021 = path.join(SHARED_OSM_DIR, 'monaco-2021-04-21.planetiler.osm.pbf');
const CAMERAS = 50;
const RUNS = 5;
/** Camera set-ups dealt out round the venue (resolution, field of view). */
const SETUPS = [
  { resolutionPx: 1920, hfovDeg: 87.6 },
  { resolutionPx: 1920, hfovDeg: 67.7 },
  { resolutionPx: 2560, hfovDeg: 104 },
  { resolutionPx: 3840, hfovDeg: 83.8 },
  { resolutionPx: 3840, hfovDeg: 33.4 },
];

const started = performance.now();
const progress = (step: string) =>
  console.error(`coverage: ${step} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** A deterministic pseudo-random sequence (mulberry32), so every run places the same cameras. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function post(app: App, url: string, payload: object) {
  const t = performance.now();
  const res = await app.inject({ method: 'POST', url, payload });
  const ms = performance.now() - t;
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return { ms, body: res.json<CoverageResult & { id: string }>() };
}

async function siteBench(app: App, label: string, siteId: string, venue: GeoPolygon) {
  const db = app.db;
  const site = (await siteFrame(db, siteId))!;
  const frame = localFrame(site.centre);
  const ring = venue.coordinates[0]!.map((p) => frame.toLocal(p));
  const centre = ring.reduce<Pair>((s, p) => [s[0] + p[0] / ring.length, s[1] + p[1] / ring.length], [0, 0]);
  const radius = Math.max(...ring.map((p) => Math.hypot(p[0] - centre[0], p[1] - centre[1])));

  // The obstacles of the site's area (its box), for the pure runs and the library.
  const box = site.box;
  const features = toObstacleFeatures(frame, await obstacleRows(db, siteId, box));
  const t0 = performance.now();
  const prepared: PreparedObstacles = prepareObstacles(features);
  const prepareMs = performance.now() - t0;

  // 50 cameras on a ring 10–60 m outside the venue's outline, outside every footprint, looking inwards.
  const rand = random(6);
  const cameras: { x: number; y: number; spec: CameraSpec; id?: string }[] = [];
  // Where the ring runs through buildings the search widens round the ring and outwards.
  let attempts = 0;
  while (cameras.length < CAMERAS) {
    const spread = Math.min(2 * Math.PI, 0.1 + 0.2 * attempts);
    const a = (2 * Math.PI * cameras.length) / CAMERAS + (rand() - 0.5) * spread;
    const r = radius + 10 + rand() * (50 + 5 * attempts);
    const x = centre[0] + r * Math.cos(a);
    const y = centre[1] + r * Math.sin(a);
    const inside = prepared.footprintIndex
      .search([x, y, x, y])
      .some((f) => pointInMultiPolygon([x, y], [prepared.footprints[f]!.polygon]));
    if (inside) {
      attempts++;
      continue;
    }
    attempts = 0;
    const towards = (90 - (Math.atan2(centre[1] - y, centre[0] - x) * 180) / Math.PI + 360) % 360;
    const setup = SETUPS[cameras.length % SETUPS.length]!;
    const { spec } = resolveCamera({
      ...setup,
      heightM: 3 + Math.round(rand() * 50) / 10,
      tiltDeg: 10 + Math.round(rand() * 10),
      bearingDeg: Math.round((towards + (rand() - 0.5) * 60 + 360) % 360),
    });
    cameras.push({ x, y, spec });
  }

  progress(`${label}: ${prepared.counts.segments} segments prepared`);
  // The pure analysis, warm: 50 views with bands, then the zone's scoring.
  const viewRuns: number[] = [];
  const perCamera: number[][] = cameras.map(() => []);
  let views = cameras.map((c, i) => computeCameraView(prepared, { id: String(i), ...c }, 'detect'));
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    views = cameras.map((c, i) => {
      const s = performance.now();
      const v = computeCameraView(prepared, { id: String(i), ...c }, 'detect');
      perCamera[i]!.push(performance.now() - s);
      return v;
    });
    viewRuns.push(performance.now() - t);
  }
  const metricRuns: number[] = [];
  let zone = zoneCoverage(views, { id: 'venue', name: 'venue', polygon: [ring] });
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    zone = zoneCoverage(views, { id: 'venue', name: 'venue', polygon: [ring] });
    metricRuns.push(performance.now() - t);
  }

  progress(`${label}: views and scoring timed`);
  // Side by side with visibility-polygon on the same segments and viewpoints.
  const segs: [Pair, Pair][] = [];
  for (let i = 0; i < prepared.segments.length; i += 4) {
    const s = prepared.segments;
    segs.push([
      [s[i]!, s[i + 1]!],
      [s[i + 2]!, s[i + 3]!],
    ]);
  }
  // The library closes the scene with the box of its segments: a box 1 km larger keeps every camera's
  // range disc inside it, as ours is.
  const [w, s, e, n] = segs
    .flat()
    .reduce(
      (b, p) => [Math.min(b[0], p[0]), Math.min(b[1], p[1]), Math.max(b[2], p[0]), Math.max(b[3], p[1])],
      [Infinity, Infinity, -Infinity, -Infinity],
    );
  const frameBox: Pair[] = [
    [w - 1000, s - 1000],
    [e + 1000, s - 1000],
    [e + 1000, n + 1000],
    [w - 1000, n + 1000],
  ];
  const closed = [...segs, ...frameBox.map((p, k): [Pair, Pair] => [p, frameBox[(k + 1) % 4]!])];
  let t = performance.now();
  const broken = VisibilityPolygon.breakIntersections(closed);
  const breakMs = performance.now() - t;
  progress(`${label}: visibility-polygon breakIntersections done`);
  const libMs: number[] = [];
  const oursFullMs: number[] = cameras.map((_, i) => median(perCamera[i]!));
  const oursPlainMs: number[] = [];
  const agreement: number[] = [];
  for (const [i, c] of cameras.entries()) {
    const rangeM = views[i]!.geometry.rangeM;
    const samples: number[] = [];
    let lib: Pair[] = [];
    for (let run = 0; run < RUNS; run++) {
      t = performance.now();
      lib = VisibilityPolygon.compute([c.x, c.y], broken) as Pair[];
      samples.push(performance.now() - t);
    }
    libMs.push(median(samples));
    const plainSpec: CameraSpec = {
      heightM: 0,
      bearingDeg: 0,
      tiltDeg: 90,
      hfovDeg: 360,
      resolutionPx: 1e7,
      maxRangeM: rangeM,
    };
    const plainSamples: number[] = [];
    let plain = computeCameraView(prepared, { id: 'plain', x: c.x, y: c.y, spec: plainSpec }, 'monitor');
    for (let run = 0; run < RUNS; run++) {
      t = performance.now();
      plain = computeCameraView(prepared, { id: 'plain', x: c.x, y: c.y, spec: plainSpec }, 'monitor');
      plainSamples.push(performance.now() - t);
    }
    oursPlainMs.push(median(plainSamples));
    // The library's polygon cut to the same range disc (ours, drawn with the same chords).
    const disc: Polygon = [
      Array.from({ length: 721 }, (_, k): Pair => {
        const a = (2 * Math.PI * k) / 720;
        return [c.x + rangeM * Math.cos(a), c.y + rangeM * Math.sin(a)];
      }),
    ];
    const libArea = multiPolygonArea(polygonClipping.intersection([[...lib, lib[0]!]], disc));
    agreement.push(Math.abs(plain.viewAreaM2 / libArea - 1));
  }
  const libMedian = median(libMs);
  const fullMedian = median(oursFullMs);
  return {
    site: label,
    obstacles: { ...prepared.counts, privateLand: prepared.privateLand.length, prepareMs: round(prepareMs) },
    cameras,
    pure: {
      views50WarmMedianMs: round(median(viewRuns)),
      perCameraMedianMs: round(fullMedian, 3),
      perCameraMaxMs: round(Math.max(...oursFullMs), 3),
      zoneScoringMedianMs: round(median(metricRuns)),
      venueAreaShare: round(zone.areaShare, 4),
      venuePerimeterShare: round(zone.perimeterShare, 4),
      venueRedundantShare: round(zone.redundantShare, 4),
    },
    library: {
      segments: segs.length,
      breakIntersectionsMs: round(breakMs),
      perViewpointMedianMs: round(libMedian, 3),
      oursPlain360MedianMs: round(median(oursPlainMs), 3),
      oursFullPerCameraMedianMs: round(fullMedian, 3),
      ratioFullToLibrary: round(fullMedian / libMedian, 3),
      areaDifferenceMedian: round(median(agreement), 6),
      areaDifferenceMax: round(Math.max(...agreement), 6),
    },
  };
}

export async function coverageBench(): Promise<Record<string, unknown>> {
  const missing = [MONACO_2021, MONACO_2016, path.join(SHARED_OSM_DIR, VENUES_FILE)].filter(
    (f) => !fs.existsSync(f),
  );
  if (missing.length > 0) {
    console.warn(`skipped: ${missing.join(', ')} missing (the shared OpenStreetMap extracts).`);
    return { skipped: 'shared OSM extracts missing' };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-bench-'));
  const db = await openDb({ databaseUrl: undefined, dataDir });
  try {
    await migrateUp(db);
    const venues = JSON.parse(
      fs.readFileSync(path.join(SHARED_OSM_DIR, VENUES_FILE), 'utf8'),
    ) as FeatureCollection<GeoPolygon, { key: string; name: string }>;
    const venue = venues.features.find((f) => f.properties.key === 'place-du-casino')!;
    const sites: { label: string; siteId: string }[] = [];
    for (const [file, radiusM] of [
      [MONACO_2021, 300],
      [MONACO_2016, 1000],
    ] as const) {
      const { sourceId } = await importFile(db, file);
      progress(`${path.basename(file)} imported`);
      const { rows } = await db.query<{ aoi: string }>(
        'SELECT ST_AsGeoJSON(ST_Buffer(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)::geography, $2)::geometry, 7) AS aoi',
        [JSON.stringify(venue.geometry), radiusM],
      );
      const label = `${path.basename(file).slice(0, 17)}, ${radiusM} m`;
      const siteId = await db.transaction((tx) =>
        insertSiteWithZones(tx, {
          name: `Place du Casino ${label}`,
          description: 'coverage benchmark',
          areaOfInterest: JSON.parse(rows[0]!.aoi) as GeoPolygon,
          sourceId,
          zones: [{ name: venue.properties.name, kind: 'crowd', geometry: venue.geometry }],
        }),
      );
      sites.push({ label, siteId });
    }
    const config = { ...loadConfig({}), dataDir, clientDir: path.join(repoRoot, 'client/dist') };
    const app = await buildApp({ db, config });
    await app.approachAnalysis.start();
    const results: Record<string, unknown>[] = [];
    try {
      for (const { label, siteId } of sites) {
        const pure = await siteBench(app, label, siteId, venue.geometry);
        // The same cameras through the API.
        const frame = localFrame((await siteFrame(db, siteId))!.centre);
        const ids: string[] = [];
        for (const c of pure.cameras) {
          const created = await post(app, `/api/sites/${siteId}/measures`, {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: frame.toLonLat([c.x, c.y]) },
            properties: { kind: 'camera', ...c.spec, maxRangeM: undefined },
          });
          ids.push(created.body.id);
        }
        progress(`${label}: cameras created`);
        const url = `/api/sites/${siteId}/analysis/coverage`;
        const first = await post(app, url, { vehicleClasses: [] });
        const cachedRuns: number[] = [];
        for (let r = 0; r < RUNS; r++) cachedRuns.push((await post(app, url, { vehicleClasses: [] })).ms);
        const movedRuns: { ms: number; timings: Record<string, number> }[] = [];
        for (let r = 0; r < RUNS; r++) {
          const c = pure.cameras[r]!;
          const moved = await app.inject({
            method: 'PATCH',
            url: `/api/sites/${siteId}/measures/${ids[r]}`,
            payload: {
              geometry: { type: 'Point', coordinates: frame.toLonLat([c.x + 2, c.y + 1]) },
              properties: { version: 1 },
            },
          });
          if (moved.statusCode !== 200) throw new Error(moved.body);
          const run = await post(app, url, { vehicleClasses: [] });
          movedRuns.push({ ms: run.ms, timings: run.body.timingsMs });
        }
        progress(`${label}: API runs done`);
        const withVectors = await post(app, url, { vehicleClasses: ['M1'] });
        const last = pure.cameras[RUNS]!;
        await app.inject({
          method: 'PATCH',
          url: `/api/sites/${siteId}/measures/${ids[RUNS]}`,
          payload: {
            geometry: { type: 'Point', coordinates: frame.toLonLat([last.x + 2, last.y + 1]) },
            properties: { version: 1 },
          },
        });
        const vectorsMoved = await post(app, url, { vehicleClasses: ['M1'] });
        const { cameras: _cameras, ...rest } = pure;
        const entry = {
          ...rest,
          api: {
            firstMs: round(first.ms),
            firstTimingsMs: first.body.timingsMs,
            allViewsCachedMedianMs: round(median(cachedRuns)),
            afterMovingOneCameraMedianMs: round(median(movedRuns.map((m) => m.ms))),
            afterMovingOneCameraTimingsMs: movedRuns[Math.floor(RUNS / 2)]!.timings,
            withM1VectorsFirstMs: round(withVectors.ms),
            withM1VectorsAfterMovingOneCameraMs: round(vectorsMoved.ms),
            m1Vectors: vectorsMoved.body.vectors.features.length,
            m1VectorsImpactSeen: vectorsMoved.body.vectors.features.filter((f) => f.properties.impactSeen)
              .length,
            venueAreaShare: first.body.zones[0]!.areaShare,
          },
        };
        console.log(JSON.stringify(entry));
        results.push(entry);
      }
    } finally {
      await app.close();
    }
    return { cameras: CAMERAS, runs: RUNS, sites: results };
  } finally {
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
