import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoSite } from '../src/demo/ensure-demo-site.js';
import type { CoverageResult } from '../src/schemas/coverage-analysis.js';
import { importRecords, record } from './helpers/feature-records.js';
import { MONACO, offset, point } from './helpers/geometry.js';
import { createTestApp, type TestApp } from './helpers/test-db.js';

/** A rectangle in metres east and north of MONACO, as GeoJSON. */
const rect = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      offset(MONACO, w, s),
      offset(MONACO, e, s),
      offset(MONACO, e, n),
      offset(MONACO, w, n),
      offset(MONACO, w, s),
    ],
  ],
});

/** A camera looking straight down all round, 5 m up, out to 60 m (its resolution puts monitor far beyond). */
const dome = { kind: 'camera', heightM: 5, tiltDeg: 90, hfovDeg: 360, resolutionPx: 100_000, maxRangeM: 60 };

const within = (actual: number, expected: number, relative: number) =>
  expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(relative);

describe('POST /api/sites/:id/analysis/coverage on a hand-made scene', () => {
  let t: TestApp;
  let siteId: string;
  let zoneId: string;
  let cam1: string;
  let cam2: string;
  let cordonId: string;
  beforeAll(async () => {
    t = await createTestApp();
    // Camera 1 at the origin; a 12 m building 10 × 10 m at x 20…30, y −5…5 east of it; a house (height
    // unknown) west of it; a garden north of it.
    await importRecords(t.db, 'cctv-scene', [
      record('buildings', 'office', rect(20, -5, 30, 5), { heightM: 12 }),
      record('buildings', 'house', rect(-30, -5, -20, 5)),
      record('areas', 'garden', rect(0, 20, 10, 30)),
    ]);
    const site = await t.app.inject({
      method: 'POST',
      url: '/api/sites',
      payload: { name: 'CCTV scene', areaOfInterest: rect(-100, -100, 100, 100) },
    });
    siteId = site.json().id;
    const post = async (url: string, payload: object) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/sites/${siteId}/${url}`, payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    // The zone x 35…55, y 0…20: behind the building from camera 1, open to camera 2 at (45, 40).
    zoneId = await post('zones', {
      type: 'Feature',
      geometry: rect(35, 0, 55, 20),
      properties: { name: 'Forecourt' },
    });
    cam1 = await post('measures', {
      type: 'Feature',
      geometry: point(0, 0),
      properties: { ...dome, name: 'West pole' },
    });
    cam2 = await post('measures', { type: 'Feature', geometry: point(45, 40), properties: dome });
    cordonId = await post('measures', {
      type: 'Feature',
      geometry: rect(-50, -50, 60, 50),
      properties: {
        kind: 'cordon',
        accessPoints: [
          { position: offset(MONACO, 45, 10), kind: 'vehicle' },
          { position: offset(MONACO, -10, -40), kind: 'pedestrian' },
        ],
      },
    });
  });
  afterAll(() => t.close());

  const coverage = (payload: object = {}) =>
    t.app.inject({ method: 'POST', url: `/api/sites/${siteId}/analysis/coverage`, payload });
  const analyse = async (payload: object = {}) => {
    const res = await coverage({ vehicleClasses: [], ...payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as CoverageResult;
  };

  it('scores the zone behind the building: seen share, perimeter, blind spot (exact by hand)', async () => {
    const r = await analyse({ cameraIds: [cam1] });
    expect(r.detailLevel).toBe('detect');
    const zone = r.zones[0]!;
    // The building hides the wedge |y| ≤ x/4 behind x = 20; in the zone that is ∫₃₅⁵⁵ x/4 dx = 225 m² of 400.
    expect(zone.zoneId).toBe(zoneId);
    within(zone.areaM2, 400, 2e-3);
    within(zone.seenAreaM2, 175, 5e-3);
    expect(zone.redundantShare).toBe(0);
    // Perimeter 80 m; hidden: the south edge (20 m), the east edge to y = 13.75, the west edge to y = 8.75.
    within(zone.perimeterM, 80, 2e-3);
    within(zone.seenPerimeterM, 80 - 20 - 13.75 - 8.75, 5e-3);
    const blind = r.blindSpots.features.filter((f) => f.properties.zoneId === zoneId);
    expect(blind.map((f) => f.properties.part).sort()).toEqual(['area', 'perimeter']);
    within(blind.find((f) => f.properties.part === 'perimeter')!.properties.lengthM!, 42.5, 5e-3);
    expect(r.cameras[0]).toMatchObject({
      id: cam1,
      name: 'West pole',
      heightM: 5,
      rangeM: 60,
      nearBlindM: 0,
    });
    expect(r.cameras[0]!.warnings).toEqual(['bearingDeg not set: our default 0 used.']);
  });

  it('agrees with PostGIS on the same polygons within 0.5 % (ST_Area, ST_Difference, ST_Intersection)', async () => {
    const r = await analyse({ cameraIds: [cam1] });
    const view = r.coverage.features[0]!;
    const blind = r.blindSpots.features.find((f) => f.properties.part === 'area')!;
    const { rows } = await t.db.query<{ view: number; blind: number; diff: number; seen: number }>(
      `SELECT ST_Area(v::geography) AS view, ST_Area(b::geography) AS blind,
              ST_Area(ST_Difference(z.geom, v)::geography) AS diff,
              ST_Area(ST_Intersection(z.geom, v)::geography) AS seen
       FROM zones z,
         LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS v, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326) AS b) g
       WHERE z.id = $3`,
      [JSON.stringify(view.geometry), JSON.stringify(blind.geometry), zoneId],
    );
    const pg = rows[0]!;
    within(pg.view, view.properties.areaM2, 5e-3);
    within(pg.blind, blind.properties.areaM2!, 5e-3);
    within(pg.diff, blind.properties.areaM2!, 5e-3);
    within(pg.seen, r.zones[0]!.seenAreaM2, 5e-3);
    // The whole view: the 60 m disc less the shadows of the building and of the house, each the sector
    // behind its 10 m near face 20 m away, 3600·atan(0.25) − 100 m² (see camera-view.test.ts).
    within(view.properties.areaM2, Math.PI * 3600 - 2 * (3600 * Math.atan(0.25) - 100), 5e-3);
  });

  it('counts a second camera: the zone fully seen, the overlap as redundancy, access points by camera', async () => {
    const r = await analyse();
    const zone = r.zones[0]!;
    within(zone.areaShare, 1, 1e-3);
    within(zone.redundantShare, 175 / 400, 5e-3);
    expect(zone.cameraIds.sort()).toEqual([cam1, cam2].sort());
    expect(r.accessPoints).toEqual([
      expect.objectContaining({ measureId: cordonId, index: 0, kind: 'vehicle', seen: true, seenBy: [cam2] }),
      expect.objectContaining({
        measureId: cordonId,
        index: 1,
        kind: 'pedestrian',
        seen: true,
        seenBy: [cam1],
      }),
    ]);
  });

  it('lists each camera’s view on private property with a mask: the house it looks into, the garden', async () => {
    const r = await analyse({ cameraIds: [cam1] });
    const mask = r.privacy.features.find((f) => f.properties.cameraId === cam1)!;
    within(mask.properties.buildingAreaM2, 100, 5e-3);
    within(mask.properties.landAreaM2, 100, 5e-3);
    within(mask.properties.areaM2, 200, 5e-3);
    expect(mask.geometry).toMatchObject({ type: 'MultiPolygon' });
  });

  it('returns detail bands per camera and recomputes only the camera that moved', async () => {
    const narrow = await t.app.inject({
      method: 'PATCH',
      url: `/api/sites/${siteId}/measures/${cam2}`,
      payload: {
        properties: {
          version: 1,
          hfovDeg: 90,
          tiltDeg: 0,
          bearingDeg: 180,
          resolutionPx: 1920,
          maxRangeM: null,
        },
      },
    });
    expect(narrow.statusCode, narrow.body).toBe(200);
    const r = await analyse({ detailLevel: 'observe' });
    expect(r.cache).toMatchObject({ obstacles: 'reused', viewsComputed: 2 });
    const again = await analyse({ detailLevel: 'observe' });
    expect(again.cache).toMatchObject({ viewsComputed: 0, viewsReused: 2 });
    const bands = r.bands.features
      .filter((f) => f.properties.cameraId === cam2)
      .map((f) => f.properties.level);
    // 1920 px at 90°, 3.4 m above a face: identify ends at √(3.84² − 3.4²) = 1.78 m and recognise at
    // 6.89 m, both inside the near blind zone (5 m up, the image’s bottom edge 29.36° down: 8.89 m).
    expect(bands).toEqual(['observe', 'detect', 'monitor']);
    const camera = r.cameras.find((c) => c.id === cam2)!;
    expect(camera.nearBlindM).toBe(8.89);
    expect(camera.levels.find((l) => l.level === 'identify')).toMatchObject({ slantM: 3.84, groundM: 1.78 });
    // Seen at observe from (45, 40) looking south: to 15.0 m on the ground, short of the zone (y ≤ 20).
    expect(r.zones[0]!.cameraIds).toEqual([cam1]);
  });

  it('refuses bad requests with a clear 4xx', async () => {
    const bad = async (payload: unknown, status: number, code: string, words: RegExp) => {
      const res = await coverage(payload as object);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json()).toMatchObject({ code });
      expect(res.json().message).toMatch(words);
    };
    await bad(
      { detailLevel: 'ultra' },
      400,
      'VALIDATION_FAILED',
      /detailLevel must be one of monitor, detect/,
    );
    await bad({ cameraIds: ['not-an-id'] }, 400, 'VALIDATION_FAILED', /not a measure id/);
    await bad({ cameraIds: ['00000000-0000-4000-8000-000000000000'] }, 404, 'MEASURE_NOT_FOUND', /no camera/);
    await bad({ cameraIds: [cordonId] }, 400, 'VALIDATION_FAILED', /is a cordon, not a camera/);
    await bad({ vectorTailM: 0 }, 400, 'VALIDATION_FAILED', /vectorTailM must be at least 1/);
    await bad({ vehicleClasses: ['Tank'] }, 400, 'VALIDATION_FAILED', /vehicleClasses/);
    await bad({ zoom: 3 }, 400, 'VALIDATION_FAILED', /not allowed/);
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/sites/00000000-0000-4000-8000-000000000000/analysis/coverage',
      payload: {},
    });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ code: 'SITE_NOT_FOUND' });
  });

  it('refuses camera measures with an impossible field of view or resolution', async () => {
    for (const properties of [
      { kind: 'camera', hfovDeg: 0 },
      { kind: 'camera', hfovDeg: 361 },
      { kind: 'camera', resolutionPx: 0 },
      { kind: 'camera', focalLengthMm: 4 },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/sites/${siteId}/measures`,
        payload: { type: 'Feature', geometry: point(0, 0), properties },
      });
      expect(res.statusCode, JSON.stringify(properties)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INVALID_MEASURE' });
    }
  });

  it('serves the camera presets with each lens’s field of view', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/camera-presets' });
    expect(res.statusCode).toBe(200);
    const preset = res.json().presets.find((p: { key: string }) => p.key === '1080p-4mm');
    expect(preset).toMatchObject({
      resolutionPx: 1920,
      sensorWidthMm: 5.37,
      focalLengthMm: 4,
      hfovDeg: 67.74,
    });
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.paths['/api/sites/{id}/analysis/coverage'].post.responses['200']).toBeDefined();
  });
});

describe('coverage of approach vectors (demo site)', () => {
  let t: TestApp;
  let siteId: string;
  beforeAll(async () => {
    t = await createTestApp();
    siteId = (await ensureDemoSite(t.db, pino({ level: 'silent' })))!;
  });
  afterAll(() => t.close());

  const analyse = async (payload: object) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/sites/${siteId}/analysis/coverage`,
      payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as CoverageResult;
  };

  it('scores each vector’s last metres and impact point; moving the camera away changes it, not the vectors', async () => {
    const bare = await analyse({ vehicleClasses: ['M1'] });
    expect(bare.vectors.features.length).toBeGreaterThan(0);
    expect(bare.vectors.features.every((f) => f.properties.share === 0 && !f.properties.impactSeen)).toBe(
      true,
    );
    const target = bare.vectors.features[0]!;
    const [lon, lat] = target.properties.impactPoint as [number, number];
    // A camera standing on the impact point, looking all round, 30 m out.
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/sites/${siteId}/measures`,
      payload: {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [lon, lat] },
        properties: { ...dome, maxRangeM: 30 },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const seen = await analyse({ vehicleClasses: ['M1'], vectorTailM: 20 });
    expect(seen.cache.approach).toBe('cached');
    const vector = seen.vectors.features.find(
      (f) => JSON.stringify(f.properties.impactPoint) === JSON.stringify(target.properties.impactPoint),
    )!;
    expect(vector.properties).toMatchObject({ impactSeen: true, impactSeenBy: [created.json().id] });
    within(vector.properties.tailM, 20, 1e-3);
    expect(vector.properties.share).toBeGreaterThan(0.5);
    // Moved 200 m north: the camera no longer sees it; the approach analysis is not run again.
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/sites/${siteId}/measures/${created.json().id}`,
      payload: {
        geometry: { type: 'Point', coordinates: offset([lon, lat], 0, 200) },
        properties: { version: 1 },
      },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = await analyse({ vehicleClasses: ['M1'], vectorTailM: 20 });
    expect(after.cache).toMatchObject({ approach: 'cached', viewsComputed: 1 });
    const again = after.vectors.features.find(
      (f) => JSON.stringify(f.properties.impactPoint) === JSON.stringify(target.properties.impactPoint),
    )!;
    expect(again.properties).toMatchObject({ impactSeen: false, share: 0 });
  });
});
