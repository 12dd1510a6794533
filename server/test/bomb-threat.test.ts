import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoSite } from '../src/demo/ensure-demo-site.js';
import { offset } from './helpers/geometry.js';
import { createTestApp, type TestApp } from './helpers/test-db.js';

/** The middle of the demo square (a fictional district: data/demo-site.geojson). */
const CENTRE: [number, number] = [0.0061, 51.4813];

interface Answer {
  threat: {
    chargeKg: number;
    row: { key: string } | null;
    buildingEvacuationM: number;
    outdoorEvacuationM: number;
  };
  rings: { features: { properties: { ring: string; radiusM: number } }[] };
  evacuate: Record<
    'building' | 'outdoor',
    { count: number; byKind: Record<string, number>; buildings: { id: number; distanceM: number }[] }
  >;
  cordonPoints: {
    features: {
      geometry: { coordinates: [number, number] };
      properties: { cordon: string; featureId: number; name: string | null };
    }[];
  };
  assemblyAreas: { id: number; areaM2: number; distanceM: number }[];
  attribution: string;
}

describe('POST /api/threats/bomb (demo district)', () => {
  let t: TestApp;
  let siteId: string;
  beforeAll(async () => {
    t = await createTestApp();
    siteId = (await ensureDemoSite(t.db, pino({ level: 'silent' })))!;
  });
  afterAll(() => t.close());

  const bomb = (payload: object) => t.app.inject({ method: 'POST', url: '/api/threats/bomb', payload });
  const sql = async <T extends Record<string, unknown>>(text: string, params: unknown[]) =>
    (await t.db.query<T>(text, params)).rows;

  it('a pipe bomb by a building in the west of the district: rings, buildings, cordon points, assembly areas, in PostGIS', async () => {
    // At the building nearest 150 m west of the square (the 366 m outer ring then crosses the district's
    // eastern streets, which end 280 m east of the square).
    const [at] = await sql<{ lon: number; lat: number }>(
      `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (
         SELECT ST_PointOnSurface(geom) AS c FROM features WHERE layer = 'buildings'
         ORDER BY geom <-> ST_SetSRID(ST_MakePoint($1, $2), 4326) LIMIT 1) x`,
      offset(CENTRE, -150, 0),
    );
    const location: [number, number] = [at!.lon, at!.lat];
    const res = await bomb({ location, threat: 'pipe-bomb', siteId });
    expect(res.statusCode).toBe(200);
    const a: Answer = res.json();
    // The chart row: 2.3 kg → 21 m / 366 m.
    expect(a.threat).toMatchObject({
      chargeKg: 2.3,
      row: { key: 'pipe-bomb' },
      buildingEvacuationM: 21,
      outdoorEvacuationM: 366,
    });
    expect(a.rings.features.map((f) => f.properties)).toEqual([
      { ring: 'building', radiusM: 21 },
      { ring: 'outdoor', radiusM: 366 },
    ]);
    // Ring membership against a plain ST_Distance over every building (no index, no prefilter).
    const within = async (r: number) =>
      (
        await sql<{ id: number }>(
          `SELECT id FROM features WHERE layer = 'buildings'
             AND ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) <= $3 ORDER BY id`,
          [...location, r],
        )
      ).map((r) => Number(r.id));
    expect(a.evacuate.building.buildings.map((b) => b.id).sort((x, y) => x - y)).toEqual(await within(21));
    expect(a.evacuate.outdoor.buildings.map((b) => b.id).sort((x, y) => x - y)).toEqual(await within(366));
    expect(a.evacuate.building.count).toBeGreaterThan(0);
    expect(a.evacuate.outdoor.count).toBeGreaterThan(a.evacuate.building.count);
    expect(Object.values(a.evacuate.outdoor.byKind).reduce((s, n) => s + n, 0)).toBe(
      a.evacuate.outdoor.count,
    );

    // Every cordon point lies on the outer ring and on its road or path; as many as PostGIS counts.
    expect(a.cordonPoints.features.length).toBeGreaterThan(0);
    for (const p of a.cordonPoints.features) {
      const [row] = await sql<{ d: number; on: boolean; layer: string }>(
        `SELECT ST_Distance(ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography,
                            ST_SetSRID(ST_MakePoint($3, $4), 4326)::geography) AS d,
                ST_DWithin(f.geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, 0.05) AS on,
                f.layer
         FROM features f WHERE f.id = $5`,
        [...p.geometry.coordinates, ...location, p.properties.featureId],
      );
      expect(Math.abs(row!.d - 366)).toBeLessThan(0.5);
      expect(row!.on).toBe(true);
      expect(p.properties.cordon).toBe(row!.layer === 'roads' ? 'traffic' : 'pedestrian');
    }
    const [count] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM features f,
         LATERAL ST_Dump(ST_Intersection(f.geom, ST_Boundary(ST_Buffer(ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, 366, 'quad_segs=32')::geometry))) d
       WHERE f.layer IN ('roads', 'paths') AND GeometryType(d.geom) = 'POINT'`,
      location,
    );
    expect(a.cordonPoints.features).toHaveLength(count!.n);
    // Assembly areas lie wholly beyond the outer ring and within the 500 m walk, largest first.
    for (const area of a.assemblyAreas) {
      expect(area.distanceM).toBeGreaterThan(366);
      expect(area.distanceM).toBeLessThanOrEqual(866);
    }
    expect(a.assemblyAreas.map((x) => x.areaM2)).toEqual(
      [...a.assemblyAreas.map((x) => x.areaM2)].sort((x, y) => y - x),
    );
    expect(a.attribution).toContain('OpenStreetMap contributors');
  });

  it('interpolates a charge between rows (in the cube root of the charge)', async () => {
    const a: Answer = (await bomb({ location: CENTRE, chargeKg: 1000 })).json();
    expect(a.threat.row).toBeNull();
    expect(a.threat.buildingEvacuationM).toBeCloseTo(159.5, 1);
    expect(a.threat.outdoorEvacuationM).toBeCloseTo(951.1, 1);
  });

  it('refuses, in words: swapped or out-of-range coordinates, unknown rows, absurd charges, unknown sites', async () => {
    const cases: [object, number, string][] = [
      [{ location: [CENTRE[1], CENTRE[0]], threat: 'sedan' }, 422, 'outside every imported map extract'],
      [{ location: [0.0061, 95], threat: 'sedan' }, 400, 'latitude −90…90'],
      [{ location: [0.0061], threat: 'sedan' }, 400, 'location must be [longitude, latitude]'],
      [{ location: CENTRE, threat: 'tank' }, 400, 'is not a row of the stand-off chart: use pipe-bomb'],
      [{ location: CENTRE, chargeKg: 0 }, 400, 'chargeKg must be a positive number'],
      [{ location: CENTRE, chargeKg: 1e9 }, 400, 'not extrapolated'],
      [{ location: CENTRE }, 400, 'Say what the threat is'],
      [{ location: CENTRE, threat: 'sedan', chargeKg: 227 }, 400, 'either threat or chargeKg'],
      [{ location: CENTRE, threat: 'sedan', siteId: '00000000-0000-4000-8000-000000000000' }, 404, 'no site'],
      [{ location: [7.42, 43.73], threat: 'sedan' }, 422, 'outside every imported map extract'],
    ];
    for (const [payload, status, message] of cases) {
      const res = await bomb(payload);
      expect({ payload, status: res.statusCode }).toEqual({ payload, status });
      expect(res.json().message).toContain(message);
    }
  });
});
