import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVehicleProfiles } from '../src/analysis/load-vehicles.js';
import { ensureDemoSite } from '../src/demo/ensure-demo-site.js';
import { measureRepository } from '../src/repositories/measures.js';
import type { ApproachResult } from '../src/schemas/approach-analysis.js';
import { ApproachAnalysisService } from '../src/services/approach-analysis.js';
import { parseApproachRequest } from '../src/validation/approach-input.js';
import { offset } from './helpers/geometry.js';
import { createTestDb, type TestDb } from './helpers/test-db.js';

const catalogue = loadVehicleProfiles();
const request = (body: object = {}) => parseApproachRequest(body, catalogue);
/** The answer without what depends on where and when it ran. */
const content = ({ timingsMs: _t, cache: _c, ...rest }: ApproachResult) => rest;

describe('approach analysis in worker threads', () => {
  let t: TestDb;
  let siteId: string;
  const inThread = new ApproachAnalysisService(null as never, catalogue, 0);
  const inWorkers = new ApproachAnalysisService(null as never, catalogue, 2);
  beforeAll(async () => {
    t = await createTestDb();
    siteId = (await ensureDemoSite(t.db, pino({ level: 'silent' })))!;
    // Both services read the same database.
    Object.assign(inThread, { db: t.db });
    Object.assign(inWorkers, { db: t.db });
  });
  afterAll(async () => {
    await inWorkers.close();
    await t?.drop();
  });

  it('gives the same answer as the server thread, cold and after a measure change', async () => {
    await inWorkers.start();
    const cold = await inWorkers.analyse(siteId, request());
    expect(cold.cache).toEqual({ result: 'computed', graph: 'built', measures: 'unchanged' });
    expect(content(cold)).toEqual(content(await inThread.analyse(siteId, request())));
    // Classes are dealt out to both workers (M1, N1, N3D to one; N1G, N2, N3F to the other), each
    // keeping its own baselines: a barrier across the avenue re-runs them from those.
    const [lon, lat] = offset([0.0061, 51.4813], 0, -60);
    await measureRepository.create(t.db, siteId, {
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [lon! - 0.0002, lat!],
          [lon! + 0.0002, lat!],
        ],
      },
      properties: { kind: 'barrier', name: 'Avenue barrier', rating: 'V/7200[N2A]/48/90:0.2' },
    } as never);
    const warm = await inWorkers.analyse(siteId, request());
    expect(warm.cache).toEqual({ result: 'computed', graph: 'reused', measures: 'tagged' });
    expect(warm.timingsMs.baseline).toBe(0);
    expect(content(warm)).toEqual(content(await inThread.analyse(siteId, request())));
    expect(warm.vectors.features.some((f) => f.properties.measureId !== null)).toBe(true);
    // A subset of classes goes only to the workers that hold them.
    const trucks = await inWorkers.analyse(siteId, request({ vehicleClasses: ['N3F'] }));
    expect(trucks.summary.map((s) => s.vehicleClass)).toEqual(['N3F']);
    expect(content(trucks)).toEqual(
      content(await inThread.analyse(siteId, request({ vehicleClasses: ['N3F'] }))),
    );
  });

  it('answers two different requests arriving together on a cold graph (one build, shared)', async () => {
    const fresh = new ApproachAnalysisService(t.db, catalogue, 2);
    try {
      await fresh.start();
      // All four first asks find no graph; the second request's builder finds the first one's graph.
      const [all, none] = await Promise.all([
        fresh.analyse(siteId, request({ speedMaps: ['M1'] })),
        fresh.analyse(siteId, request({ speedMaps: [] })),
      ]);
      expect(content(all)).toEqual(content(await inThread.analyse(siteId, request({ speedMaps: ['M1'] }))));
      expect(content(none)).toEqual(content(await inThread.analyse(siteId, request({ speedMaps: [] }))));
    } finally {
      await fresh.close();
    }
  });

  it('reports an error raised in a worker as the same API error', async () => {
    // A 2 km radius makes a study area over 4 km across: too many 2.5 m cells to model.
    const tooLarge = request({ studyRadiusM: 2000 });
    const fromWorker = await inWorkers.analyse(siteId, tooLarge).catch((e: unknown) => e);
    const fromThread = await inThread.analyse(siteId, tooLarge).catch((e: unknown) => e);
    expect(fromWorker).toMatchObject({ code: 'AREA_TOO_LARGE', statusCode: 422 });
    expect((fromWorker as Error).message).toBe((fromThread as Error).message);
    expect((fromWorker as Error).message).toContain('too large to model with 2.5 m cells');
  });
});
