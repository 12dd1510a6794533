import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-db.js';

describe('GET /api/vehicles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists the six classes with every value, its unit and source, and the override bounds', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/vehicles' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.classes.map((c: { vehicleClass: string }) => c.vehicleClass)).toEqual([
      'M1',
      'N1G',
      'N1',
      'N2',
      'N3D',
      'N3F',
    ]);
    const m1 = body.classes[0];
    expect(m1.label).toBe('car');
    const byName = Object.fromEntries(m1.parameters.map((p: { parameter: string }) => [p.parameter, p]));
    expect(byName.massKg).toEqual({
      parameter: 'massKg',
      value: 1500,
      unit: 'kg',
      source: 'DOMAIN.md §2 table (our default)',
      description: 'mass',
      overridable: true,
      min: 500,
      max: 60000,
    });
    expect(byName.widthM).toMatchObject({
      value: 1.8,
      source: 'our default: typical body width without mirrors',
    });
    expect(byName.maxLateralG).toMatchObject({
      value: null,
      overridable: true,
      nullMeans: expect.any(String),
    });
    expect(byName.testClass).toEqual({
      parameter: 'testClass',
      value: 'M1',
      unit: '',
      source: 'DOMAIN.md §1: ISO 22343-1 test vehicle and mass (NPSA catalogue)',
      overridable: false,
    });
    expect(Object.keys(byName)).toEqual([
      'massKg',
      'powerKw',
      'gripAccel',
      'cdA',
      'topSpeedKmh',
      'widthM',
      'lengthM',
      'maxLateralG',
      'testClass',
      'testMassKg',
    ]);
    expect(
      body.classes[5].parameters.find((p: { parameter: string }) => p.parameter === 'maxLateralG').value,
    ).toBe(0.35);
    expect(body.constants.map((c: { parameter: string; value: number }) => [c.parameter, c.value])).toEqual([
      ['eta', 0.85],
      ['crr', 0.012],
      ['rho', 1.2],
      ['g', 9.81],
      ['friction', 0.6],
      ['frictionConservative', 1],
    ]);
  });
});
