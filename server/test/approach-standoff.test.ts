import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoSite } from '../src/demo/ensure-demo-site.js';
import type { ApproachResult } from '../src/schemas/approach-analysis.js';
import { offset } from './helpers/geometry.js';
import { createTestApp, type TestApp } from './helpers/test-db.js';

/** The demo square (the protected zone) is 100 m × 80 m around this point. */
const CENTRE: [number, number] = [0.0061, 51.4813];

describe('achieved standoff in the approach analysis (demo site)', () => {
  let t: TestApp;
  let siteId: string;
  beforeAll(async () => {
    t = await createTestApp();
    siteId = (await ensureDemoSite(t.db, pino({ level: 'silent' })))!;
  });
  afterAll(() => t.close());

  const analyse = async (payload: object): Promise<ApproachResult> => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/sites/${siteId}/analysis/approach`,
      payload,
    });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const lorry = (result: ApproachResult) => result.standoff.find((s) => s.vehicleClass === 'N3F')!;

  it('is 0 m while a way in is open, and the measured gap once a closed ring of rated barrier holds', async () => {
    const open = await analyse({ vehicleClasses: ['N3F'], starts: 'outside-perimeter' });
    expect(lorry(open)).toMatchObject({ how: 'enters', distanceM: 0, measureId: null });

    // A ring of barrier 8 m outside the square on every side, rated for a 30 t lorry at 80 km/h with 1.5 m
    // penetration (a lorry gets nowhere near 80 km/h within the demo district's streets).
    const ring = [
      [-58, -48],
      [58, -48],
      [58, 48],
      [-58, 48],
      [-58, -48],
    ].map(([x, y]) => offset(CENTRE, x!, y!));
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/sites/${siteId}/measures`,
      payload: {
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: ring },
        properties: { kind: 'barrier', name: 'Ring', rating: 'V/30000[N3F]/80/90:1.5' },
      },
    });
    expect(created.statusCode).toBe(201);

    // Outside the perimeter only: stopped at the ring; the nearest reach is the ring's line plus the 1.5 m
    // penetration, head-on: 8 − 1.5 = 6.5 m (a grid step off at most: cells are 2.5 m).
    const heldResult = await analyse({ vehicleClasses: ['N3F'], starts: 'outside-perimeter' });
    for (const f of heldResult.vectors.features)
      console.log(
        'DBG',
        f.properties.status,
        f.properties.impactSpeedKmh,
        f.properties.start,
        JSON.stringify(f.properties.entryPoint),
        f.properties.runUpM,
        f.properties.roads,
        f.properties.measureId,
        f.properties.measureDetail,
      );
    const held = lorry(heldResult);
    expect(held).toMatchObject({ how: 'stopped', measureId: created.json().id, penetrationM: 1.5 });
    expect(held.distanceM).toBeGreaterThanOrEqual(6.5 - 0.05);
    expect(held.distanceM).toBeLessThanOrEqual(6.5 + 0.05);
    // PostGIS agrees on the ellipsoid: the vehicle point's distance to the zone, and the zone point on it.
    const { rows } = await t.db.query<{ d: number; on: number }>(
      `SELECT ST_Distance(ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, z.geom::geography) AS d,
              ST_Distance(ST_SetSRID(ST_MakePoint($3, $4), 4326)::geography, ST_Boundary(z.geom)::geography) AS on
       FROM zones z WHERE z.site_id = $5`,
      [...held.vehiclePoint!, ...held.zonePoint!, siteId],
    );
    expect(Math.abs(rows[0]!.d - held.distanceM!)).toBeLessThanOrEqual(0.02 + held.distanceM! * 2e-3);
    expect(rows[0]!.on).toBeLessThan(0.02);

    // Starting anywhere (the default), a lorry already inside the ring drives into the square.
    expect(lorry(await analyse({ vehicleClasses: ['N3F'] }))).toMatchObject({ how: 'enters', distanceM: 0 });
  });
});
