import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoSite } from '../src/demo/ensure-demo-site.js';
import type { StandoffResult } from '../src/schemas/standoff-analysis.js';
import { offset } from './helpers/geometry.js';
import { createTestApp, type TestApp } from './helpers/test-db.js';

/** The demo square (the protected zone) is 100 m × 80 m around this point. */
const CENTRE: [number, number] = [0.0061, 51.4813];

describe('POST /api/sites/:id/analysis/standoff (demo site, a rated ring 8 m round the square)', () => {
  let t: TestApp;
  let siteId: string;
  let ringId: string;
  beforeAll(async () => {
    t = await createTestApp();
    siteId = (await ensureDemoSite(t.db, pino({ level: 'silent' })))!;
  });
  afterAll(() => t.close());

  const standoff = (payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/sites/${siteId}/analysis/standoff`, payload });
  const lorry = async (payload: object) =>
    ((await standoff({ vehicleClasses: ['N3F'], ...payload })).json() as StandoffResult).standoff[0]!;

  it('is 0 m while a way in is open; a closed ring of rated barrier 8 m out holds vehicles outside it', async () => {
    expect(await lorry({})).toMatchObject({ how: 'enters', distanceM: 0, measureId: null });
    // A ring of barrier 8 m outside the square on every side, rated for a 30 t lorry at 80 km/h with 1.5 m
    // penetration (no vehicle gets near 80 km/h within the demo district's short streets to it).
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
    ringId = created.json().id;

    // Held at the ring: its line plus the 1.5 m penetration, head-on, 8 − 1.5 = 6.5 m. PostGIS agrees on
    // the ellipsoid: the vehicle point's distance to the zone, and the zone point on its boundary.
    const held = await lorry({});
    expect(held).toMatchObject({ how: 'stopped', measureId: ringId, penetrationM: 1.5 });
    expect(Math.abs(held.distanceM! - 6.5)).toBeLessThanOrEqual(0.05);
    const { rows } = await t.db.query<{ d: number; on: number }>(
      `SELECT ST_Distance(ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, z.geom::geography) AS d,
              ST_Distance(ST_SetSRID(ST_MakePoint($3, $4), 4326)::geography, ST_Boundary(z.geom)::geography) AS on
       FROM zones z WHERE z.site_id = $5`,
      [...held.vehiclePoint!, ...held.zonePoint!, siteId],
    );
    expect(Math.abs(rows[0]!.d - held.distanceM!)).toBeLessThanOrEqual(0.02 + held.distanceM! * 2e-3);
    expect(rows[0]!.on).toBeLessThan(0.02);
    // Starting anywhere, a lorry already inside the ring drives into the square.
    expect(await lorry({ starts: 'anywhere' })).toMatchObject({ how: 'enters', distanceM: 0 });
  });

  it('reads each class’s achieved standoff against its chart row', async () => {
    const res = await standoff({ vehicleClasses: ['M1', 'N3F'] });
    expect(res.statusCode).toBe(200);
    const result: StandoffResult = res.json();
    expect(result.starts).toBe('outside-perimeter');
    const [car, lorry] = ['M1', 'N3F'].map((c) => result.standoff.find((s) => s.vehicleClass === c)!);
    // The lorry (≤ 62 km/h here) is held by the ring: 8 m − 1.5 m penetration = 6.5 m. Its default
    // charge is the semi-trailer row, 27,216 kg: 479 m building distance, not met; 6.5 m is under the
    // smallest row's 21 m (no charge in the chart fits) and under the 10 m floor.
    expect(lorry).toMatchObject({
      how: 'stopped',
      measureId: ringId,
      penetrationM: 1.5,
      chargeKg: 27216,
      buildingEvacuationM: 479,
      outdoorEvacuationM: 2835,
      meetsBuildingDistance: false,
      largestChargeKg: null,
      underMinimum: true,
    });
    expect(Math.abs(lorry!.distanceM! - 6.5)).toBeLessThanOrEqual(0.05);
    expect(lorry!.largestChargeNote).toContain('less than the building distance of the smallest charge');
    expect(lorry!.chargeSource).toContain('Semi-trailer row');
    // The car meets the ring under its 80 km/h rating too (the streets into it are short): held at 6.5 m;
    // its row is the 227 kg sedan (98 m), not met.
    expect(car).toMatchObject({
      how: 'stopped',
      chargeKg: 227,
      buildingEvacuationM: 98,
      meetsBuildingDistance: false,
      underMinimum: true,
    });
    expect(Math.abs(car!.distanceM! - 6.5)).toBeLessThanOrEqual(0.05);
    expect(result.chart).toMatchObject({ minimumVehicleStandoffM: 10 });
    expect(result.rings.features.map((f) => f.properties)).toEqual([
      { vehicleClass: 'M1', chargeKg: 227, buildingEvacuationM: 98 },
      { vehicleClass: 'N3F', chargeKg: 27216, buildingEvacuationM: 479 },
    ]);
  });

  it('draws the ring around where the vehicle gets, not around the zone: checked in PostGIS', async () => {
    // A 2.3 kg charge (21 m) in the lorry: its ring reaches 21 m inside the barrier line's reach, so the
    // zone's edge next to the stop (6.5 m off) is in it and the square's centre (≥ 46 m off) is not.
    const result: StandoffResult = (
      await standoff({ vehicleClasses: ['N3F'], charges: { N3F: 2.3 } })
    ).json();
    const lorry = result.standoff[0]!;
    expect(lorry).toMatchObject({ chargeKg: 2.3, chargeSource: 'request', buildingEvacuationM: 21 });
    const ring = result.rings.features[0]!.geometry;
    const { rows } = await t.db.query<{ edge: boolean; centre: boolean }>(
      `SELECT ST_Covers(r, ST_SetSRID(ST_MakePoint($2, $3), 4326)) AS edge,
              ST_Covers(r, ST_SetSRID(ST_MakePoint($4, $5), 4326)) AS centre
       FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS r) x`,
      [JSON.stringify(ring), ...lorry.zonePoint!, ...CENTRE],
    );
    expect(rows[0]).toEqual({ edge: true, centre: false });
  });

  it('refuses charges outside the chart, non-positive or not numbers, and unknown classes, in words', async () => {
    const cases: [object, string][] = [
      [{ charges: { N3F: 0 } }, 'charges.N3F must be a positive number of kg TNT, not 0'],
      [{ charges: { N3F: -5 } }, 'must be a positive number'],
      [{ charges: { N3F: 'big' } }, 'not "big"'],
      [{ charges: { N3F: 50000 } }, '50000 kg is outside the stand-off chart (2.3 kg Pipe bomb to 27216 kg'],
      [{ charges: { M1: 1 } }, 'is outside the stand-off chart'],
      [{ charges: { Bus: 500 } }, 'charges."Bus" is not a vehicle class'],
      [{ charges: [227] }, 'charges must be an object'],
      [{ vehicleClasses: ['Tank'] }, 'use M1, N1G, N1, N2, N3D or N3F'],
    ];
    for (const [payload, message] of cases) {
      const res = await standoff(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain(message);
    }
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/sites/00000000-0000-4000-8000-000000000000/analysis/standoff',
      payload: {},
    });
    expect(unknown.statusCode).toBe(404);
  });
});
