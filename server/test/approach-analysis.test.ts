import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVehicleProfiles } from '../src/analysis/load-vehicles.js';
import { createSpeedModel, kineticEnergyKj } from '../src/analysis/physics.js';
import type { VehicleProfile } from '../src/analysis/vehicles.js';
import type { Db, Row } from '../src/db/db.js';
import { ensureDemoSite } from '../src/demo/ensure-demo-site.js';
import { ApproachResultSchema, type ApproachResult } from '../src/schemas/approach-analysis.js';
import { ApproachAnalysisService } from '../src/services/approach-analysis.js';
import { parseApproachRequest } from '../src/validation/approach-input.js';
import { createTestApp, type TestApp } from './helpers/test-db.js';
import { offset, square } from './helpers/geometry.js';
import { undeclaredKeys } from './helpers/undeclared-keys.js';

const silent = pino({ level: 'silent' });
const catalogue = loadVehicleProfiles();
const profile = (vehicleClass: string) => catalogue.profiles.find((p) => p.vehicleClass === vehicleClass)!;

/**
 * Speed (m/s) after a flat-out run of `lengthM` from rest on level ground, integrated here in time with
 * 0.1 ms Euler steps, independently of the tables behind createSpeedModel. DOMAIN.md §2:
 * a(v) = min(a_grip, η·P/(m·v)) − (½·ρ·CdA·v² + Crr·m·g)/m.
 */
function runFromRest(p: VehicleProfile, lengthM: number): number {
  const dt = 1e-4;
  let x = 0;
  let v = 0;
  for (;;) {
    const traction = v > 0 ? Math.min(p.gripAccel, (p.eta * p.powerKw * 1000) / (p.massKg * v)) : p.gripAccel;
    const a = traction - (0.5 * p.rho * p.cdA * v * v + p.crr * p.massKg * p.g) / p.massKg;
    const next = Math.min(v + a * dt, p.topSpeedKmh / 3.6);
    const dx = ((v + next) / 2) * dt;
    if (x + dx >= lengthM) return v + ((next - v) * (lengthM - x)) / dx;
    x += dx;
    v = next;
  }
}

describe('approach analysis API', () => {
  let t: TestApp;
  let demoId: string;
  beforeAll(async () => {
    t = await createTestApp();
    demoId = (await ensureDemoSite(t.db, silent)) as string;
  });
  afterAll(() => t.close());

  const analyse = (siteId: string, payload?: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/sites/${siteId}/analysis/approach`,
      ...(payload ? { payload } : {}),
    });

  it('is in the OpenAPI document, with the request options and the vectors’ properties typed', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const post = doc.paths['/api/sites/{id}/analysis/approach'].post;
    expect(Object.keys(post.requestBody.content['application/json'].schema.properties)).toEqual([
      'vehicleClasses',
      'overrides',
      'friction',
      'studyRadiusM',
      'unmappedLand',
      'entry',
      'starts',
      'speedMaps',
      'outlines',
    ]);
    const answer = post.responses['200'].content['application/json'].schema;
    const vector = answer.properties.vectors.properties.features.items.properties.properties;
    expect(vector.properties.status.enum).toEqual([
      'unmitigated',
      'stopped',
      'under_rated',
      'energy_equivalent',
      'gap',
    ]);
    expect(vector.properties.impactSpeedKmh.type).toBe('number');
    expect(Object.keys(post.responses).sort()).toEqual(['200', '400', '404', '413', '415', '422']);
  });

  describe('refusals', () => {
    it('refuses an unknown site (404) and a site without protected zones (422)', async () => {
      const missing = randomUUID();
      const unknown = await analyse(missing);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ code: 'SITE_NOT_FOUND' });
      expect(unknown.json().message).toContain(missing);
      expect((await analyse('not-a-uuid')).json()).toMatchObject({ statusCode: 404, code: 'SITE_NOT_FOUND' });

      const created = await t.app.inject({
        method: 'POST',
        url: '/api/sites',
        payload: { name: 'Empty', areaOfInterest: square(200) },
      });
      const empty = await analyse(created.json().id);
      expect(empty.statusCode).toBe(422);
      expect(empty.json().code).toBe('NO_PROTECTED_ZONES');
      expect(empty.json().message).toContain('draw a protected zone first');
    });

    it('refuses unknown classes and parameters, overrides out of range and bad options, naming them', async () => {
      const cases: [object, string, string][] = [
        [{ vehicleClasses: ['M1', 'HGV'] }, 'INVALID_VEHICLE_PARAMETERS', 'use M1, N1G, N1, N2, N3D or N3F'],
        [{ vehicleClasses: [] }, 'INVALID_VEHICLE_PARAMETERS', 'must name at least one class'],
        [
          { overrides: { N2: { massKg: 100000 } } },
          'INVALID_VEHICLE_PARAMETERS',
          'overrides (request).N2.massKg (mass) must be a number from 500 to 60000 kg, not 100000.',
        ],
        [
          { overrides: { N2: { wheels: 6 } } },
          'INVALID_VEHICLE_PARAMETERS',
          'wheels is not a vehicle parameter',
        ],
        [
          { overrides: { Bus: { massKg: 9000 } } },
          'INVALID_VEHICLE_PARAMETERS',
          '"Bus" is not a vehicle class',
        ],
        [{ friction: 0.8 }, 'VALIDATION_FAILED', 'friction must be 0.6 (a normal road surface) or 1'],
        [{ studyRadiusM: 10 }, 'VALIDATION_FAILED', 'studyRadiusM must be at least 50'],
        [{ studyRadiusM: 5000 }, 'VALIDATION_FAILED', 'studyRadiusM must be at most 2000'],
        [{ unmappedLand: 'open' }, 'VALIDATION_FAILED', 'unmappedLand must be one of'],
        [{ entry: 'anywhere' }, 'VALIDATION_FAILED', 'entry must be one of'],
        [{ speed: 50 }, 'VALIDATION_FAILED', 'has a field "speed" that is not allowed'],
        [
          { vehicleClasses: ['M1', 'N2'], speedMaps: ['N3F'] },
          'VALIDATION_FAILED',
          'speedMaps names "N3F", which is not among the classes analysed (M1, N2).',
        ],
        [{ speedMaps: 'M1' }, 'VALIDATION_FAILED', 'speedMaps'],
        [{ vehicleClasses: ['N2'], outlines: ['M1'] }, 'VALIDATION_FAILED', 'outlines names "M1"'],
      ];
      for (const [payload, code, message] of cases) {
        const res = await analyse(demoId, payload);
        expect({ payload, status: res.statusCode, code: res.json().code }).toEqual({
          payload,
          status: 400,
          code,
        });
        expect(res.json().message).toContain(message);
      }
    });
  });

  describe('on the demo site (Bulwark Demo Square: a square, an avenue from the south)', () => {
    type Vector = ApproachResult['vectors']['features'][number]['properties'];
    const CENTRE: [number, number] = [0.0061, 51.4813];
    const at = (x: number, y: number) => offset(CENTRE, x, y);
    const across = (x0: number, y0: number, x1: number, y1: number) => ({
      type: 'LineString' as const,
      coordinates: [at(x0, y0), at(x1, y1)],
    });
    const kmh = (vehicleClass: string, lengthM: number) => runFromRest(profile(vehicleClass), lengthM) * 3.6;
    const of = (result: ApproachResult, vehicleClass: string): Vector[] =>
      result.vectors.features.map((f) => f.properties).filter((p) => p.vehicleClass === vehicleClass);
    const avenue = (result: ApproachResult, vehicleClass: string, status: string) =>
      of(result, vehicleClass).find((p) => p.impactRoad === 'Meridian Avenue' && p.status === status);
    const sql = async (text: string, params: unknown[]) =>
      Number((await t.db.query<{ v: number }>(text, params)).rows[0]!.v);
    /** Length of a street outside the square, on the ellipsoid (the streets end on the square's edge). */
    const streetLength = (name: string) =>
      sql(
        `SELECT ST_Length(ST_Difference(f.geom, z.geom)::geography) AS v FROM features f, zones z
         WHERE f.name = $1 AND z.site_id = $2`,
        [name, demoId],
      );
    /** Distance from the avenue's south end (where a run from rest starts) to a measure. */
    const fromAvenueStart = (measureId: string) =>
      sql(
        `SELECT ST_Distance(ST_StartPoint(f.geom)::geography, m.geom::geography) AS v FROM features f, measures m
         WHERE f.name = 'Meridian Avenue' AND m.id = $1`,
        [measureId],
      );
    const within = (actual: number, expected: number, tolerance: number) =>
      expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);
    let barrierId: string;
    /** Runs `fn` with the demo site's zone renamed to `name`, then gives the zone its name back. */
    const withZoneRenamed = async (name: string, fn: () => Promise<void>) => {
      const zone = (await t.app.inject({ method: 'GET', url: `/api/sites/${demoId}/zones` })).json()
        .features[0];
      const rename = async (to: string, version: number) => {
        const res = await t.app.inject({
          method: 'PATCH',
          url: `/api/sites/${demoId}/zones/${zone.id}`,
          payload: { properties: { name: to, version } },
        });
        expect(res.statusCode).toBe(200);
        return res.json().properties.version as number;
      };
      const version = await rename(name, zone.properties.version);
      try {
        await fn();
      } finally {
        await rename(zone.properties.name, version);
      }
    };
    /** Every zone name an answer prints: its vectors' and its standoff's. */
    const zoneNames = (result: ApproachResult) =>
      new Set([
        ...result.vectors.features.map((f) => f.properties.zoneName),
        ...result.standoff.map((s) => s.zoneName),
      ]);

    it('without measures: every way in at full speed; the avenue checked by hand', async () => {
      const res = await analyse(demoId);
      expect(res.statusCode).toBe(200);
      const result: ApproachResult = res.json();
      // Meridian Avenue runs straight from its south end (y = −260 m) to the square (y = −40 m): 220 m
      // measured by PostGIS. A car (M1) from rest: grip-limited at 4 − 0.118 (rolling) m/s² until
      // η·P/(m·v) = 4, i.e. v = 0.85·110 000/(1500·4) = 15.58 m/s, after ≈ 31 m; then power-limited,
      // a = 62.33/v − 0.118 − 0.00028·v² (0.8 m/s² at 30 m/s): 32.5 m/s = 116.9 km/h after 220 m, by the
      // integration above and by the speed model's tables alike.
      const L = await streetLength('Meridian Avenue');
      expect(L).toBeCloseTo(220, 1);
      const byHand = kmh('M1', L);
      expect(byHand).toBeCloseTo(116.9, 1);
      within(createSpeedModel(profile('M1'), { friction: 0.6 }).speedAfter(0, L, 0) * 3.6, byHand, 0.05);
      const car = avenue(result, 'M1', 'unmitigated')!;
      expect(car).toMatchObject({ start: 'rest', startSpeedKmh: 0, measureId: null, requiredRating: null });
      within(car.impactSpeedKmh, byHand, 0.1);
      within(car.runUpM, L, 0.5);
      within(car.energyKj, kineticEnergyKj(1500, byHand / 3.6), 1);
      expect(car.requiredRatingNote).toContain('No standard rating covers 116.9 km/h');
      // An articulated lorry on the same 220 m: 59.6 km/h; it needs V/30000[N3F]/64/90.
      const lorry = avenue(result, 'N3F', 'unmitigated')!;
      within(lorry.impactSpeedKmh, kmh('N3F', L), 0.15);
      expect(lorry.requiredRating).toBe('V/30000[N3F]/64/90');

      // The fastest ways in for a car are Market Street and Church Lane, straight for 250 m from the west
      // and east: the bollards OpenStreetMap shows there are street furniture, passable until the planner
      // adds them as measures (DOMAIN.md §3). Then the avenue and Observatory Row, 220 m each.
      const cars = of(result, 'M1');
      expect(
        cars
          .slice(0, 2)
          .map((v) => v.impactRoad)
          .sort(),
      ).toEqual(['Church Lane', 'Market Street']);
      within(cars[0]!.impactSpeedKmh, kmh('M1', await streetLength('Market Street')), 0.15);
      expect(
        cars
          .slice(2, 4)
          .map((v) => v.impactRoad)
          .sort(),
      ).toEqual(['Meridian Avenue', 'Observatory Row']);
      expect(cars.every((v) => v.status === 'unmitigated')).toBe(true);

      expect(result.summary).toHaveLength(6);
      expect(result.summary[0]).toMatchObject({
        zoneName: 'Square crowd area',
        vehicleClass: 'M1',
        vectors: cars.length,
        unmitigated: cars.length,
        worstImpactSpeedKmh: cars[0]!.impactSpeedKmh,
        requiredRating: null,
      });
      const row = (parameter: string, vehicleClass: string | null = null) =>
        result.parameters.find((p) => p.parameter === parameter && p.vehicleClass === vehicleClass);
      expect(row('friction')).toMatchObject({ value: 0.6, source: expect.stringContaining('DOMAIN.md §2') });
      expect(row('studyRadiusM')).toMatchObject({
        value: 400,
        unit: 'm',
        source: expect.stringContaining('our default'),
      });
      expect(row('unmappedLand')).toMatchObject({
        value: 'blocked',
        source: expect.stringContaining('DOMAIN.md §3'),
      });
      expect(row('entry')).toMatchObject({ value: 'rest' });
      expect(row('cellSizeM')).toMatchObject({ value: 2.5 });
      expect(row('massKg', 'N3F')).toMatchObject({
        value: 30000,
        source: 'DOMAIN.md §2 table (our default)',
      });
      expect(result.attribution).toBe('© OpenStreetMap contributors');
      expect(result.cache).toEqual({ result: 'computed', graph: 'built', measures: 'unchanged' });
      expect(result.timingsMs.graphBuild).toBeGreaterThan(0);
      expect(result.timingsMs.baseline).toBeGreaterThan(0);
      expect((result.speedMap as unknown[]).length).toBe(6);
      expect(result.reachable.features.map((f) => f.properties.vehicleClass)).toEqual([
        'M1',
        'N1G',
        'N1',
        'N2',
        'N3D',
        'N3F',
      ]);

      // Asked again: the same answer from the cache.
      const again: ApproachResult = (await analyse(demoId)).json();
      expect(again.cache.result).toBe('cached');
      expect(again.vectors).toEqual(result.vectors);
    });

    it('entering at the study boundary at road speed, and with unmapped land open (conservative)', async () => {
      // A 100 m study radius cuts the avenue 100 m south of the square, where traffic enters at our default
      // 50 km/h (13.89 m/s): with 100 m to go a car reaches speedAfter(13.89, 100), faster than from rest.
      const res = await analyse(demoId, { vehicleClasses: ['M1'], entry: 'boundary', studyRadiusM: 100 });
      const result: ApproachResult = res.json();
      expect(result.cache.graph).toBe('built');
      expect(result.studyArea.radiusM).toBe(100);
      const entering = avenue(result, 'M1', 'unmitigated')!;
      expect(entering).toMatchObject({ start: 'boundary', startSpeedKmh: 50 });
      const toGo = await sql(
        `SELECT ST_Length(ST_Intersection(ST_Difference(f.geom, z.geom), ST_Buffer(z.geom::geography, 100)::geometry)::geography) AS v
         FROM features f, zones z WHERE f.name = 'Meridian Avenue' AND z.site_id = $1`,
        [demoId],
      );
      expect(toGo).toBeCloseTo(100, 0);
      const model = createSpeedModel(profile('M1'), { friction: 0.6 });
      within(entering.impactSpeedKmh, model.speedAfter(50 / 3.6, toGo, 0) * 3.6, 0.15);
      expect(entering.impactSpeedKmh).toBeGreaterThan(kmh('M1', toGo));
      expect(result.parameters.find((p) => p.parameter === 'entrySpeedKmh')).toMatchObject({ value: 50 });

      // All land but buildings, walls, water and steps open: more ways to drive, never slower.
      const open: ApproachResult = (
        await analyse(demoId, { vehicleClasses: ['M1'], unmappedLand: 'traversable' })
      ).json();
      expect(open.parameters.find((p) => p.parameter === 'unmappedLand')).toMatchObject({
        value: 'traversable',
        source: expect.stringContaining('conservative'),
      });
      const fastest = (r: ApproachResult) => Math.max(...of(r, 'M1').map((v) => v.impactSpeedKmh));
      const blocked: ApproachResult = (await analyse(demoId, { vehicleClasses: ['M1'] })).json();
      expect(fastest(open)).toBeGreaterThanOrEqual(fastest(blocked));
    });

    it('names a renamed zone anew in the standoff kept with the baselines', async () => {
      await withZoneRenamed('Renamed Square', async () => {
        const result: ApproachResult = (await analyse(demoId)).json();
        // No measure yet: the baselines' vectors and standoff, made under the old name, are reused.
        expect(result.timingsMs.baseline).toBe(0);
        expect(zoneNames(result)).toEqual(new Set(['Renamed Square']));
      });
    });

    it('marked blocking, the west and east bollards stop those ways in (warm: the graph is reused)', async () => {
      for (const [x, name] of [
        [-51, 'West bollards'],
        [51, 'East bollards'],
      ] as const) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/sites/${demoId}/measures`,
          payload: {
            type: 'Feature',
            geometry: across(x, -7, x, 7),
            properties: { kind: 'bollard_line', name, spacingM: 1.5, diameterM: 0.2, blocking: true },
          },
        });
        expect(res.statusCode).toBe(201);
      }
      const result: ApproachResult = (await analyse(demoId)).json();
      // Warm: the measures changed, so the answer is new, on the cached graph and cached baselines.
      expect(result.cache).toEqual({ result: 'computed', graph: 'reused', measures: 'tagged' });
      expect(result.timingsMs.graphBuild).toBe(0);
      expect(result.timingsMs.baseline).toBe(0);
      const cars = of(result, 'M1');
      const stopped = cars.filter((v) => v.status === 'stopped');
      expect(stopped.map((v) => v.impactRoad).sort()).toEqual(['Church Lane', 'Market Street']);
      for (const v of stopped) {
        expect(v.measureDetail).toContain('no crash rating but is marked blocking');
        expect(v.warnings).toEqual(['No crash rating: assumed to stop — check.']);
        expect(v.penetrationM).toBeNull();
        within(v.unmitigatedImpactSpeedKmh!, kmh('M1', 250), 0.15);
      }
      const open = cars.filter((v) => v.status === 'unmitigated');
      expect(
        open
          .slice(0, 2)
          .map((v) => v.impactRoad)
          .sort(),
      ).toEqual(['Meridian Avenue', 'Observatory Row']);
      expect(result.summary[0]).toMatchObject({
        vectors: cars.length,
        unmitigated: open.length,
        worstImpactSpeedKmh: open[0]!.impactSpeedKmh,
      });
    });

    it('a V/7200[N2A]/48 barrier across the avenue near the square is under-rated for every class', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/sites/${demoId}/measures`,
        payload: {
          type: 'Feature',
          geometry: across(-12, -60, 12, -60),
          properties: { kind: 'barrier', name: 'Avenue barrier', rating: 'V/7200[N2A]/48/90:0.2' },
        },
      });
      barrierId = res.json().id;
      const result: ApproachResult = (await analyse(demoId)).json();
      expect(result.cache).toMatchObject({ graph: 'reused', measures: 'tagged' });
      // The answer is serialised without its schema (JSON.stringify): it carries nothing the schema leaves
      // out, here with every speed map and outline and a measure meeting the vectors.
      expect(undeclaredKeys(ApproachResultSchema, result)).toEqual([]);
      expect(undeclaredKeys(ApproachResultSchema, { ...result, leaked: 1 })).toEqual(['$.leaked']);
      // 200 m from the avenue's start the car meets the barrier at 113.4 km/h: ½ · 1500 · 31.5² = 744 kJ,
      // more than the 640 kJ of 7200 kg at 48 km/h (DOMAIN.md §1: fails), so it goes through at full speed.
      const d = await fromAvenueStart(barrierId);
      expect(d).toBeCloseTo(200, 1);
      const atBarrier = kmh('M1', d);
      expect(atBarrier).toBeCloseTo(113.4, 1);
      expect(kineticEnergyKj(1500, atBarrier / 3.6)).toBeGreaterThan(kineticEnergyKj(7200, 48 / 3.6));
      const car = avenue(result, 'M1', 'under_rated')!;
      expect(car.measureId).toBe(barrierId);
      expect(car.measureDetail).toContain(`impact ${atBarrier.toFixed(1)} km/h`);
      within(car.impactSpeedKmh, kmh('M1', 220), 0.1);
      // The articulated lorry: 57.8 km/h and 30 t against a 7.2 t rating: under-rated too.
      const lorry = avenue(result, 'N3F', 'under_rated')!;
      expect(lorry.measureDetail).toContain('rated for 7200 kg, the vehicle weighs 30000 kg');
      for (const c of ['N1G', 'N1', 'N2', 'N3D'])
        expect(avenue(result, c, 'under_rated')?.measureId).toBe(barrierId);
    });

    it('moved to 10 m from the avenue’s start, it stops a car and is only energy-equivalent for a lorry', async () => {
      const current = (
        await t.app.inject({ method: 'GET', url: `/api/sites/${demoId}/measures/${barrierId}` })
      ).json();
      const moved = await t.app.inject({
        method: 'PATCH',
        url: `/api/sites/${demoId}/measures/${barrierId}`,
        payload: {
          type: 'Feature',
          geometry: across(-12, -250, 12, -250),
          properties: { version: current.properties.version },
        },
      });
      expect(moved.statusCode).toBe(200);
      const result: ApproachResult = (await analyse(demoId)).json();
      // A new revision: recomputed, not the cached answer of the barrier's old place.
      expect(result.cache).toMatchObject({ result: 'computed', graph: 'reused', measures: 'tagged' });
      const d = await fromAvenueStart(barrierId);
      expect(d).toBeCloseTo(10, 1);
      // After 10 m from rest a car is still grip-limited: v ≈ √(2 · (4 − 0.118) · 10) = 8.8 m/s = 31.7 km/h,
      // within 48 km/h and 7200 kg ≥ 1500 kg: stopped, travelling the rating's 0.2 m past the barrier.
      const carSpeed = kmh('M1', d);
      expect(carSpeed).toBeCloseTo(31.7, 1);
      const car = avenue(result, 'M1', 'stopped')!;
      expect(car).toMatchObject({
        measureId: barrierId,
        penetrationM: 0.2,
        impactAngleDeg: 90,
        warnings: [],
      });
      within(car.impactSpeedKmh, carSpeed, 0.1);
      within(car.runUpM, d, 0.5);
      within(car.unmitigatedImpactSpeedKmh!, kmh('M1', 220), 0.1);
      expect(car.requiredRating).toBe('V/1500[M1]/32/90');
      // An articulated lorry reaches it at 15.1 km/h: 30 000 kg is more than the 7200 kg tested, but
      // ½ · 30 000 · 4.2² = 264 kJ is within the 640 kJ rated: energy-equivalent, untested (DOMAIN.md §1).
      const lorrySpeed = kmh('N3F', d);
      expect(kineticEnergyKj(30000, lorrySpeed / 3.6)).toBeLessThan(kineticEnergyKj(7200, 48 / 3.6));
      const lorry = avenue(result, 'N3F', 'energy_equivalent')!;
      within(lorry.impactSpeedKmh, lorrySpeed, 0.1);
      expect(lorry.warnings).toEqual([
        'Energy-equivalent, untested: the rating covers the energy, not this vehicle at this speed.',
      ]);
      // The truck weighs what the rating was tested with: stopped.
      expect(avenue(result, 'N2', 'stopped')?.measureId).toBe(barrierId);
      // The avenue stays open from Harbour Road, turning in 60 m north of the barrier: slower than the
      // straight run, and nothing on that path acts on it.
      const rest = avenue(result, 'M1', 'unmitigated')!;
      expect(rest.roads).toEqual(['Harbour Road', 'Meridian Avenue']);
      expect(rest.impactSpeedKmh).toBeLessThan(kmh('M1', 220));
      expect(rest.impactSpeedKmh).toBeGreaterThan(kmh('M1', 160));
    });

    it('shows another class’s speed map with the measures in place without searching again', async () => {
      const asked = { speedMaps: ['N3F'], outlines: ['N3F'] };
      const first: ApproachResult = (await analyse(demoId, { speedMaps: ['M1'], outlines: [] })).json();
      // The barrier and bollards of the tests above are in place.
      expect(first.vectors.features.some((f) => f.properties.measureId !== null)).toBe(true);
      const other: ApproachResult = (await analyse(demoId, asked)).json();
      // A new answer (another request) from the runs kept for these measures: no search, no vectors.
      expect(other.cache).toEqual({ result: 'computed', graph: 'reused', measures: 'unchanged' });
      expect(other.timingsMs).toMatchObject({ propagate: 0, vectors: 0, standoff: 0 });
      expect((other.speedMap as { vehicleClass: string }[]).map((m) => m.vehicleClass)).toEqual(['N3F']);
      expect(other.vectors).toEqual(first.vectors);
      expect(other.standoff).toEqual(first.standoff);
      // The same as a service with nothing cached computes; in that service's own thread too, where the
      // kept vectors are the very objects of the earlier answer, not copies.
      const service = new ApproachAnalysisService(t.db, catalogue);
      const fresh = await service.analyse(demoId, parseApproachRequest(asked, catalogue));
      expect(other.vectors).toEqual(fresh.vectors);
      expect(other.speedMap).toEqual(fresh.speedMap);
      expect(other.reachable).toEqual(fresh.reachable);
      const car = await service.analyse(demoId, parseApproachRequest({ speedMaps: ['M1'] }, catalogue));
      expect(car.timingsMs).toMatchObject({ propagate: 0, vectors: 0, standoff: 0 });
      expect(car.vectors).toEqual(fresh.vectors);

      // A zone renamed (same graph): the kept runs are read again, their vectors and standoff told the new
      // name.
      await withZoneRenamed('Renamed Square', async () => {
        const renamed: ApproachResult = (await analyse(demoId, asked)).json();
        expect(renamed.timingsMs).toMatchObject({ propagate: 0, vectors: 0 });
        expect(zoneNames(renamed)).toEqual(new Set(['Renamed Square']));
      });
    });

    it('carries the speed maps and outlines asked for, the same as in the full answer', async () => {
      type Maps = { vehicleClass: string }[];
      const full: ApproachResult = (await analyse(demoId, { vehicleClasses: ['M1', 'N3F'] })).json();
      const fullMaps = full.speedMap as Maps;
      expect(fullMaps.map((m) => m.vehicleClass)).toEqual(['M1', 'N3F']);
      expect(full.reachable.features.map((f) => f.properties.vehicleClass)).toEqual(['M1', 'N3F']);
      const one: ApproachResult = (
        await analyse(demoId, { vehicleClasses: ['M1', 'N3F'], speedMaps: ['N3F', 'N3F'], outlines: ['M1'] })
      ).json();
      expect(one.speedMap).toEqual([fullMaps[1]]);
      expect(one.reachable.features).toEqual([full.reachable.features[0]]);
      // Everything else is the same analysis.
      expect(one.vectors).toEqual(full.vectors);
      expect(one.standoff).toEqual(full.standoff);
      const none: ApproachResult = (
        await analyse(demoId, { vehicleClasses: ['M1', 'N3F'], speedMaps: [], outlines: [] })
      ).json();
      expect(none.speedMap).toEqual([]);
      expect(none.reachable.features).toEqual([]);
      expect(none.summary).toEqual(full.summary);
    });

    it('shares one computation between identical requests arriving together', async () => {
      // Through the service, on a database whose study-area query waits until the second request has read
      // the site (its second measures query): the first request is then still computing when the second
      // asks for the same answer.
      let measureReads = 0;
      let release!: () => void;
      const studyAreaHeld = new Promise<void>((resolve) => (release = resolve));
      const db: Db = {
        backend: t.db.backend,
        exec: (script) => t.db.exec(script),
        transaction: (fn) => t.db.transaction(fn),
        close: () => Promise.resolve(),
        async query<R extends Row>(text: string, params?: readonly unknown[]) {
          if (text.includes('ST_ConvexHull')) await studyAreaHeld;
          const result = await t.db.query<R>(text, params);
          if (/FROM measures AS i WHERE i\.site_id/.test(text) && ++measureReads === 2) setImmediate(release);
          return result;
        },
      };
      const service = new ApproachAnalysisService(db, catalogue);
      const request = parseApproachRequest({ vehicleClasses: ['N2'], friction: 1 }, catalogue);
      const [a, b] = await Promise.all([service.analyse(demoId, request), service.analyse(demoId, request)]);
      expect([a.cache.result, b.cache.result]).toEqual(['computed', 'shared']);
      expect(b.vectors).toEqual(a.vectors);
      expect(a.summary.map((s) => s.vehicleClass)).toEqual(['N2']);
      expect((await service.analyse(demoId, request)).cache.result).toBe('cached');
    });
  });
});
