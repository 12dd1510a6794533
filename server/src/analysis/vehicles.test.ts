import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { loadVehicleProfiles } from './load-vehicles.js';
import { listParameters, readVehicleCatalogue, resolveProfiles, VEHICLE_CLASSES } from './vehicles.js';

const catalogue = loadVehicleProfiles();

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('data/vehicles.json', () => {
  it('holds the DOMAIN.md §2 table: mass, power, a_grip, CdA, top speed per class', () => {
    const rows = catalogue.profiles.map((p) => [
      p.vehicleClass,
      p.massKg,
      p.powerKw,
      p.gripAccel,
      p.cdA,
      p.topSpeedKmh,
    ]);
    expect(rows).toEqual([
      ['M1', 1500, 110, 4.0, 0.7, 180],
      ['N1G', 2500, 130, 3.5, 1.0, 160],
      ['N1', 3500, 120, 2.5, 1.8, 140],
      ['N2', 7200, 150, 1.8, 4.5, 110],
      ['N3D', 12000, 220, 1.5, 6.0, 100],
      ['N3F', 30000, 330, 1.0, 8.0, 90],
    ]);
  });

  it('holds the DOMAIN.md §2 constants and the 0.35 g roll-over cap for N2/N3 only', () => {
    // DOMAIN.md §2: η = 0.85, Crr = 0.012, ρ = 1.2 kg/m³, g = 9.81 m/s², f = 0.6 (1.0 when unsure).
    expect(catalogue.constants).toEqual({
      eta: 0.85,
      crr: 0.012,
      rho: 1.2,
      g: 9.81,
      friction: 0.6,
      frictionConservative: 1.0,
    });
    expect(catalogue.profiles.map((p) => p.maxLateralG)).toEqual([null, null, null, 0.35, 0.35, 0.35]);
  });

  it('names the ISO 22343-1 test vehicle and mass of each class (DOMAIN.md §1)', () => {
    expect(catalogue.profiles.map((p) => `${p.testClass} ${p.testMassKg}`)).toEqual([
      'M1 1500',
      'N1G 2500',
      'N1 3500',
      'N2A 7200',
      'N3D 12000',
      'N3F 30000',
    ]);
  });

  it('says where every value comes from, marking our own defaults', () => {
    for (const p of catalogue.profiles) {
      expect(Object.keys(p.sources).sort()).toEqual(
        [
          'cdA',
          'crr',
          'eta',
          'g',
          'gripAccel',
          'lengthM',
          'massKg',
          'maxLateralG',
          'powerKw',
          'rho',
          'testClass',
          'testMassKg',
          'topSpeedKmh',
          'widthM',
        ].sort(),
      );
      expect(p.sources.massKg).toMatch(/^DOMAIN\.md §2 table/);
      expect(p.sources.widthM).toMatch(/^our default/);
      expect(p.sources.testMassKg).toMatch(/^DOMAIN\.md §1/);
    }
    expect(catalogue.profiles.map((p) => p.widthM)).toEqual([1.8, 1.9, 2.0, 2.3, 2.5, 2.55]);
  });

  it('refuses a broken catalogue file', () => {
    const raw = JSON.parse(JSON.stringify({ constants: {}, classes: [] }));
    expect(() => readVehicleCatalogue(raw)).toThrow(/constants\.eta must be \{ "value"/);
    expect(() => readVehicleCatalogue([])).toThrow(/must hold "constants" and "classes"/);
  });
});

describe('resolveProfiles', () => {
  it('gives all six classes by default, and the requested ones in the order asked, once each', () => {
    expect(resolveProfiles(catalogue).map((p) => p.vehicleClass)).toEqual([...VEHICLE_CLASSES]);
    expect(resolveProfiles(catalogue, ['N3F', 'M1', 'N3F']).map((p) => p.vehicleClass)).toEqual([
      'N3F',
      'M1',
    ]);
  });

  it('applies the site overrides, then the request ones, and says so per value', () => {
    const [n2, m1] = resolveProfiles(catalogue, ['N2', 'M1'], {
      site: { N2: { massKg: 7500, widthM: 2.4 }, N3F: { powerKw: 400 } },
      request: { N2: { massKg: 8000, maxLateralG: null } },
    });
    expect(n2).toMatchObject({ massKg: 8000, widthM: 2.4, maxLateralG: null, powerKw: 150 });
    expect(n2?.sources).toMatchObject({
      massKg: 'request override',
      widthM: 'site override',
      maxLateralG: 'request override',
    });
    expect(n2?.sources.powerKw).toMatch(/^DOMAIN\.md/);
    expect(m1?.massKg).toBe(1500);
    // The catalogue itself is untouched.
    expect(catalogue.profiles[3]).toMatchObject({ massKg: 7200, widthM: 2.3, maxLateralG: 0.35 });
    expect(catalogue.profiles[3]?.sources.massKg).toMatch(/^DOMAIN\.md/);
  });

  it('refuses unknown classes and parameters and implausible values, naming the field', () => {
    const cases: Array<[() => unknown, RegExp]> = [
      [
        () => resolveProfiles(catalogue, ['N4']),
        /vehicleClasses: "N4" is not a vehicle class; use M1, N1G, N1, N2, N3D or N3F/,
      ],
      [() => resolveProfiles(catalogue, []), /vehicleClasses must name at least one class/],
      [
        () => resolveProfiles(catalogue, undefined, { request: { N2: { colour: 3 } } }),
        /overrides \(request\)\.N2\.colour is not a vehicle parameter; you can set massKg, powerKw, .* or maxLateralG/,
      ],
      [
        () => resolveProfiles(catalogue, undefined, { site: { N2: { massKg: -5 } } }),
        /overrides \(site\)\.N2\.massKg \(mass\) must be a number from 500 to 60000 kg, not -5/,
      ],
      [
        () => resolveProfiles(catalogue, undefined, { request: { M1: { topSpeedKmh: Number.NaN } } }),
        /overrides \(request\)\.M1\.topSpeedKmh \(top speed\) must be a number from 10 to 350 km\/h, not NaN/,
      ],
      [
        () => resolveProfiles(catalogue, undefined, { request: { M1: { widthM: '1.8' } } }),
        /M1\.widthM \(body width\) must be a number from 1 to 4 m, not "1\.8"/,
      ],
      [
        () => resolveProfiles(catalogue, undefined, { request: { M1: { massKg: null } } }),
        /M1\.massKg \(mass\) must be a number from 500 to 60000 kg, not null/,
      ],
      [
        () => resolveProfiles(catalogue, undefined, { request: { N2: { maxLateralG: 3 } } }),
        /N2\.maxLateralG .* from 0\.1 to 1\.5 g, or null \(the vehicle skids before it rolls\), not 3/,
      ],
      [
        () => resolveProfiles(catalogue, undefined, { request: { Bus: {} } }),
        /overrides \(request\): "Bus" is not a vehicle class/,
      ],
      [
        () => resolveProfiles(catalogue, undefined, { request: [1] }),
        /overrides \(request\) must be an object keyed by vehicle class/,
      ],
      [
        () => resolveProfiles(catalogue, undefined, { request: { N2: 7 } }),
        /overrides \(request\)\.N2 must be an object of parameters/,
      ],
    ];
    for (const [run, message] of cases) {
      const error = refusal(run);
      expect(error.code).toBe('INVALID_VEHICLE_PARAMETERS');
      expect(error.statusCode).toBe(400);
      expect(error.message).toMatch(message);
    }
  });

  it('refuses grip that cannot overcome rolling resistance: the vehicle would never move', () => {
    // 0.3 m/s² rolls against Crr·g = 0.012 × 9.81 = 0.118 m/s²; on a rough surface (Crr 0.05: 0.49 m/s²) not.
    expect(resolveProfiles(catalogue, ['N3F'], { request: { N3F: { gripAccel: 0.3 } } })[0]?.gripAccel).toBe(
      0.3,
    );
    const rough = { ...catalogue, profiles: catalogue.profiles.map((p) => ({ ...p, crr: 0.05 })) };
    expect(
      refusal(() => resolveProfiles(rough, ['N3F'], { request: { N3F: { gripAccel: 0.3 } } })).message,
    ).toBe(
      'N3F.gripAccel (0.3 m/s²) must exceed rolling resistance (0.491 m/s²): the vehicle could not move.',
    );
  });

  it('checks an override of a class that is not requested, then leaves the class out', () => {
    expect(
      refusal(() => resolveProfiles(catalogue, ['M1'], { request: { N2: { massKg: 0 } } })).message,
    ).toMatch(/N2\.massKg/);
    expect(resolveProfiles(catalogue, ['M1'], { request: { N2: { massKg: 8000 } } })).toHaveLength(1);
  });
});

describe('listParameters', () => {
  it('lists every value used with its unit and source: the constants once, then ten per class', () => {
    const profiles = resolveProfiles(catalogue, ['M1', 'N2'], { request: { N2: { massKg: 7500 } } });
    const rows = listParameters(catalogue, profiles);
    expect(rows).toHaveLength(6 + 2 * 10);
    expect(rows[0]).toEqual({
      vehicleClass: null,
      parameter: 'eta',
      value: 0.85,
      unit: '',
      source: 'DOMAIN.md §2: drivetrain efficiency (our default)',
    });
    expect(rows).toContainEqual({
      vehicleClass: 'N2',
      parameter: 'massKg',
      value: 7500,
      unit: 'kg',
      source: 'request override',
    });
    expect(rows).toContainEqual(
      expect.objectContaining({ vehicleClass: 'M1', parameter: 'maxLateralG', value: null }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({ vehicleClass: 'N2', parameter: 'testClass', value: 'N2A' }),
    );
  });
});
