import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoSite } from '../src/demo/ensure-demo-site.js';
import type { ApproachResult } from '../src/schemas/approach-analysis.js';
import { square } from './helpers/geometry.js';
import { createTestApp, type TestApp } from './helpers/test-db.js';

describe('vehicle overrides per site', () => {
  let t: TestApp;
  let siteId: string;
  beforeAll(async () => {
    t = await createTestApp();
    siteId = (await ensureDemoSite(t.db, pino({ level: 'silent' })))!;
  });
  afterAll(() => t.close());

  const site = async () => (await t.app.inject({ method: 'GET', url: `/api/sites/${siteId}` })).json();
  const patch = (payload: object) => t.app.inject({ method: 'PATCH', url: `/api/sites/${siteId}`, payload });
  const analyse = async (payload: object): Promise<ApproachResult> =>
    (await t.app.inject({ method: 'POST', url: `/api/sites/${siteId}/analysis/approach`, payload })).json();
  const mass = (result: ApproachResult) =>
    result.parameters.find((p) => p.vehicleClass === 'N2' && p.parameter === 'massKg')!;

  it('are stored with the site, bump its revision when they change, and are used by the analysis', async () => {
    const before = await site();
    expect(before.vehicleOverrides).toEqual({});
    const changed = await patch({ version: before.version, vehicleOverrides: { N2: { massKg: 9000 } } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      vehicleOverrides: { N2: { massKg: 9000 } },
      revision: before.revision + 1,
    });
    // Sent back as read: nothing moves.
    const same = await patch({ ...changed.json(), version: changed.json().version });
    expect(same.json().revision).toBe(before.revision + 1);

    const result = await analyse({ vehicleClasses: ['N2'] });
    expect(mass(result)).toMatchObject({ value: 9000, source: 'site override' });
    // Energy = ½·m·v² with the site's mass, 9000 kg (the speed is shown to 0.1 km/h: 0.2 % slack).
    const v = result.vectors.features[0]!.properties;
    const expected = (0.5 * 9000 * (v.impactSpeedKmh / 3.6) ** 2) / 1000;
    expect(Math.abs(v.energyKj - expected)).toBeLessThanOrEqual(expected * 2e-3);
    // The request's override wins over the site's.
    expect(
      mass(await analyse({ vehicleClasses: ['N2'], overrides: { N2: { massKg: 8000 } } })),
    ).toMatchObject({
      value: 8000,
      source: 'request override',
    });
  });

  it('are checked against the catalogue when stored, naming the field', async () => {
    const { version } = await site();
    const res = await patch({ version, vehicleOverrides: { N2: { massKg: 100000 } } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID_VEHICLE_PARAMETERS' });
    expect(res.json().message).toContain('overrides (site).N2.massKg');
    const bus = await t.app.inject({
      method: 'POST',
      url: '/api/sites',
      payload: {
        name: 'Bus depot',
        areaOfInterest: square(100),
        vehicleOverrides: { Bus: { massKg: 9000 } },
      },
    });
    expect(bus.statusCode).toBe(400);
    expect(bus.json().message).toContain('"Bus" is not a vehicle class');
    // Nothing half-saved: the site keeps its overrides.
    expect((await site()).vehicleOverrides).toEqual({ N2: { massKg: 9000 } });
  });
});
