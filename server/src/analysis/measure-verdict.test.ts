import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { MeasureProperties } from '../schemas/measures.js';
import { loadVehicleProfiles } from './load-vehicles.js';
import {
  bollardClearGap,
  DEFAULT_CHICANE_SPEED_KMH,
  measureVerdict,
  PEDESTRIAN_MAX_GAP_M,
  prepareMeasure,
} from './measure-verdict.js';
import { createSpeedModel, kmhToMs, msToKmh } from './physics.js';
import { resolveProfiles, type VehicleClass } from './vehicles.js';

const profiles = resolveProfiles(loadVehicleProfiles());
const vehicle = (c: VehicleClass) =>
  createSpeedModel(profiles.find((p) => p.vehicleClass === c) ?? profiles[0]!, { friction: 0.6 });
const car = vehicle('M1'); // 1.8 m wide, 1500 kg
const van = vehicle('N1'); // 2.0 m, 3500 kg
const truck = vehicle('N2'); // 2.3 m, 7200 kg
const artic = vehicle('N3F'); // 2.55 m, 30000 kg

const verdict = (properties: MeasureProperties, v: typeof car, kmh: number) =>
  measureVerdict(prepareMeasure(properties), v, kmhToMs(kmh));

describe('bollard lines (DOMAIN.md §3, §6)', () => {
  // The scene: a line of 200 mm bollards rated V/7200[N2A]/48/90:0.2, leaving 1.0 m and 2.0 m clear.
  const rating = 'V/7200[N2A]/48/90:0.2';
  const narrow: MeasureProperties = {
    kind: 'bollard_line',
    name: 'North',
    rating,
    diameterM: 0.2,
    spacingM: 1.2,
  };
  const wide: MeasureProperties = {
    kind: 'bollard_line',
    name: 'South',
    rating,
    diameterM: 0.2,
    spacingM: 2.2,
  };

  it('stops a 1.8 m car at 1.0 m gaps, with the rating penetration', () => {
    const result = verdict(narrow, car, 40);
    expect(result).toMatchObject({
      effect: 'stop',
      status: 'stopped',
      penetrationM: 0.2,
      pedestrianGapBreach: false,
    });
    expect(result.clearGapM).toBeCloseTo(1.0, 10);
    expect(result.detail).toBe(
      '"North" (bollard line), rated V/7200[N2A]/48/90:0.2, stops a car (M1, 1.8 m wide, 1500 kg) at 40 km/h: ' +
        'penetration up to 0.2 m. Its 1 m clear gaps are too narrow for the vehicle.',
    );
  });

  it('lets a 1.8 m car through 2.0 m gaps, but not a 2.3 m truck; 2.0 m also breaks the 1.2 m rule', () => {
    const carVerdict = verdict(wide, car, 40);
    expect(carVerdict).toMatchObject({ effect: 'pass', status: 'gap', pedestrianGapBreach: true });
    expect(carVerdict.clearGapM).toBeCloseTo(2.0, 10);
    expect(carVerdict.detail).toBe(
      '"South" (bollard line) leaves 2 m clear gaps: wide enough for a car (M1, 1.8 m wide, 1500 kg).',
    );
    expect(verdict(wide, truck, 40)).toMatchObject({ effect: 'stop', status: 'stopped', penetrationM: 0.2 });
  });

  it('flags 168 mm bollards at 1.5 m centres: 1.332 m clear, over the 1.2 m pedestrian-line limit (DOMAIN.md §6)', () => {
    const line: MeasureProperties = { kind: 'bollard_line', rating, diameterM: 0.168, spacingM: 1.5 };
    expect(bollardClearGap(line)).toBeCloseTo(1.332, 10);
    expect(PEDESTRIAN_MAX_GAP_M).toBe(1.2);
    // The breach is for pedestrians; a 1.8 m car still does not fit through 1.332 m.
    expect(verdict(line, car, 30)).toMatchObject({ status: 'stopped', pedestrianGapBreach: true });
    expect(verdict({ ...line, spacingM: 1.368 }, car, 30).pedestrianGapBreach).toBe(false); // exactly 1.2 m
    expect(verdict({ ...line, spacingM: 1.369 }, car, 30).pedestrianGapBreach).toBe(true);
    // A gap exactly as wide as the vehicle does not let it through.
    expect(verdict({ ...line, spacingM: 1.968 }, car, 30).status).toBe('stopped');
  });

  it('takes the spacing as the gap when the diameter is not given, and assumes narrow gaps without spacing', () => {
    expect(verdict({ kind: 'bollard_line', rating, spacingM: 1.9 }, car, 30)).toMatchObject({
      status: 'gap',
      clearGapM: 1.9,
    });
    const unknown = verdict({ kind: 'bollard_line', rating }, car, 30);
    expect(unknown).toMatchObject({ status: 'stopped' });
    expect(unknown.clearGapM).toBeUndefined();
    expect(unknown.detail).toMatch(/Spacing not given: gaps assumed narrower than any vehicle\.$/);
  });

  it('lets vehicles through unrated bollards unless marked blocking', () => {
    const plain: MeasureProperties = { kind: 'bollard_line', diameterM: 0.2, spacingM: 1.2 };
    expect(verdict(plain, car, 30)).toMatchObject({ effect: 'pass', status: 'unrated' });
    expect(verdict(plain, car, 30).detail).toMatch(
      /Its 1 m clear gaps are narrower than the vehicle, but the bollards are not assumed to hold it\.$/,
    );
    expect(verdict({ ...plain, blocking: true }, car, 30)).toMatchObject({
      effect: 'stop',
      status: 'unrated',
      penetrationM: null,
      warning: 'No crash rating: assumed to stop — check.',
    });
  });
});

describe('rated barriers (DOMAIN.md §1)', () => {
  // The scene: a rated N2A 48 km/h barrier facing a car at 45 km/h and a truck at 60 km/h.
  const barrier: MeasureProperties = { kind: 'barrier', name: 'Gate line', rating: 'V/7200[N2A]/48/90:0.2' };

  it('stops a car at 45 km/h', () => {
    const result = verdict(barrier, car, 45);
    expect(result).toMatchObject({ effect: 'stop', status: 'stopped', penetrationM: 0.2 });
    expect(result.assessment?.outcome).toBe('stops');
  });

  it('does not stop a 7200 kg truck at 60 km/h: under-rated', () => {
    const result = verdict(barrier, truck, 60);
    expect(result).toMatchObject({ effect: 'pass', status: 'under_rated' });
    expect(result.detail).toBe(
      '"Gate line" (barrier) is rated 48 km/h, impact 60 km/h: it does not stop a truck (N2, 2.3 m wide, 7200 kg), ' +
        '1000 kJ against 640 kJ rated.',
    );
  });

  it('stops a 3500 kg van at 60 km/h only by energy (486 kJ of 640 kJ): a stop with a warning', () => {
    const result = verdict(barrier, van, 60);
    expect(result).toMatchObject({ effect: 'stop', status: 'energy_equivalent', penetrationM: 0.2 });
    expect(result.warning).toMatch(/^Energy-equivalent, untested/);
    expect(result.detail).toBe(
      '"Gate line" (barrier), rated V/7200[N2A]/48/90:0.2, was tested with 7200 kg at 48 km/h, not with a van ' +
        '(N1, 2 m wide, 3500 kg) at 60 km/h: energy-equivalent only, 486 kJ within the 640 kJ rated; ' +
        'penetration up to 0.2 m as tested.',
    );
    expect(result.assessment?.threatEnergyKj).toBeCloseTo(486.1, 1);
  });

  it('names both shortfalls when a light rating meets a heavy, fast vehicle', () => {
    const result = verdict({ kind: 'barrier', rating: 'V/1500[M1]/48/90:0' }, artic, 64);
    expect(result.detail).toMatch(
      /^The barrier is rated 48 km\/h, impact 64 km\/h; rated for 1500 kg, the vehicle weighs 30000 kg: it does not stop an articulated lorry/,
    );
  });

  it('treats an unrated barrier as passable unless it is marked blocking', () => {
    expect(verdict({ kind: 'barrier' }, truck, 50)).toMatchObject({ effect: 'pass', status: 'unrated' });
    expect(verdict({ kind: 'barrier', blocking: true }, truck, 50)).toMatchObject({
      effect: 'stop',
      status: 'unrated',
    });
  });

  it('refuses a rating it cannot read when the measure is prepared', () => {
    expect(() => prepareMeasure({ kind: 'barrier', rating: 'very strong' })).toThrow(AppError);
  });
});

describe('gates (DOMAIN.md §3)', () => {
  it('lets vehicles through an open gate: a gap', () => {
    expect(verdict({ kind: 'gate', widthM: 4, open: true, rating: 'K12' }, truck, 50)).toMatchObject({
      effect: 'pass',
      status: 'gap',
    });
  });

  it('stops a vehicle wider than the opening, open or not, whatever the rating', () => {
    const gate: MeasureProperties = { kind: 'gate', widthM: 2.2, open: true };
    expect(verdict(gate, car, 50)).toMatchObject({ status: 'gap' });
    expect(verdict(gate, truck, 50)).toMatchObject({ effect: 'stop', status: 'stopped', penetrationM: 0 });
    expect(verdict(gate, truck, 50).detail).toBe(
      "The gate's 2.2 m opening is narrower than a truck (N2, 2.3 m wide, 7200 kg).",
    );
  });

  it('decides a closed rated gate by its rating, mph converted exactly', () => {
    // K12: 6800 kg at 80.47 km/h = 1698.7 kJ. A 30 t artic at 30 km/h (1041.7 kJ): energy-equivalent;
    // at 40 km/h (1851.9 kJ): fails.
    const gate: MeasureProperties = { kind: 'gate', widthM: 4, open: false, rating: 'K12' };
    expect(verdict(gate, artic, 30)).toMatchObject({ status: 'energy_equivalent', penetrationM: 15 });
    expect(verdict(gate, artic, 40)).toMatchObject({ effect: 'pass', status: 'under_rated' });
    // A 7200 kg truck is heavier than the 6800 kg test truck, but at 40 km/h carries only 444 kJ.
    expect(verdict(gate, truck, 40)).toMatchObject({ effect: 'stop', status: 'energy_equivalent' });
    expect(verdict(gate, van, 80)).toMatchObject({ effect: 'stop', status: 'stopped' });
  });
});

describe('chicanes (DOMAIN.md §3)', () => {
  it('caps the speed at the design speed', () => {
    const result = verdict({ kind: 'chicane', designSpeedKmh: 20 }, truck, 50);
    expect(result).toMatchObject({ effect: 'cap', status: 'capped' });
    expect(msToKmh(result.capSpeed ?? 0)).toBeCloseTo(20, 10);
  });

  it('derives the cap from the geometry: two reverse arcs through the shifted lane', () => {
    const chicane = prepareMeasure({ kind: 'chicane' });
    const geometry = { lateralShiftM: 3.5, lengthM: 12, laneWidthM: 3.5 };
    // Car: y = 3.5 − (3.5 − 1.8) = 1.8 m, r = (12² + 1.8²) / (4 × 1.8) = 20.45 m, √(0.6 × 9.81 × 20.45) =
    // 10.97 m/s = 39.5 km/h.
    const forCar = measureVerdict(chicane, car, kmhToMs(60), { chicane: geometry });
    expect(msToKmh(forCar.capSpeed ?? 0)).toBeCloseTo(39.5, 2);
    expect(forCar.detail).toBe(
      'The chicane makes a car (M1, 1.8 m wide, 1500 kg) swerve 1.8 m over 12 m (radius 20.4 m): at most 39.5 km/h.',
    );
    // Truck: y = 3.5 − (3.5 − 2.3) = 2.3 m, r = (144 + 5.29) / 9.2 = 16.23 m; it rolls at 0.35 g first:
    // √(0.35 × 9.81 × 16.23) = 7.46 m/s = 26.9 km/h.
    const forTruck = measureVerdict(chicane, truck, kmhToMs(60), { chicane: geometry });
    expect(msToKmh(forTruck.capSpeed ?? 0)).toBeCloseTo(26.87, 2);
    // A shift smaller than the slack in the lane: straight through.
    const slight = measureVerdict(chicane, car, kmhToMs(60), {
      chicane: { lateralShiftM: 1, lengthM: 12, laneWidthM: 3.5 },
    });
    expect(slight).toMatchObject({ effect: 'pass', status: 'gap' });
  });

  it('falls back to our default of 25 km/h with a warning', () => {
    const result = verdict({ kind: 'chicane', name: 'Kerb build-outs' }, car, 50);
    expect(DEFAULT_CHICANE_SPEED_KMH).toBe(25);
    expect(msToKmh(result.capSpeed ?? 0)).toBeCloseTo(25, 10);
    expect(result.warning).toMatch(/our default/);
  });
});

describe('cameras and cordons', () => {
  it('have no effect on vehicles', () => {
    expect(verdict({ kind: 'camera', hfovDeg: 90 }, truck, 50)).toMatchObject({
      effect: 'pass',
      status: 'no_effect',
    });
    expect(verdict({ kind: 'cordon' }, truck, 50)).toEqual({
      effect: 'pass',
      status: 'no_effect',
      detail: 'The cordon does not stop vehicles.',
    });
  });
});
