import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { loadVehicleProfiles } from '../load-vehicles.js';
import { approachVectors, polygonToLocal } from './approach-vectors.js';
import { toLocal, toLonLat } from './projection.js';
import { propagateSpeeds, type MeasureEffectFn } from './propagate.js';
import {
  buildTestGraph,
  constantAccelModel,
  type TestLine,
  type TestMeasure,
  type XY,
} from './test-graph.js';

// Constant-acceleration car: a = 2.9 m/s², f = 0.6, 1500 kg, 1.8 m wide. From rest v = √(2·a·d).
const car = constantAccelModel();
const G = 9.81;
const fromRest = (d: number) => Math.sqrt(2 * 2.9 * d);
const after = (v0: number, d: number) => Math.sqrt(v0 * v0 + 2 * 2.9 * d);
const kmh = (ms: number) => Math.round(ms * 36) / 10;
/** The protected square x, y ∈ [0, 40] (local metres). */
const SQUARE: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [40, 0],
      [40, 40],
      [0, 40],
      [0, 0],
    ],
  ],
};

function vectorsFor(
  lines: TestLine[],
  options: { measures?: TestMeasure[]; measureEffect?: MeasureEffectFn; model?: typeof car } = {},
) {
  const graph = buildTestGraph(lines, { measures: options.measures ?? [] });
  const model = options.model ?? car;
  const field = propagateSpeeds(graph, model, { measureEffect: options.measureEffect });
  return { graph, field, vectors: approachVectors(graph, field, model, SQUARE) };
}

const local = (graph: ReturnType<typeof buildTestGraph>, lonLat: number[]): XY =>
  toLocal(graph.projection, lonLat[0]!, lonLat[1]!);

describe('approachVectors on hand-made scenes', () => {
  it('a straight road 100 m into a square: the speed from rest over 100 m, head-on', () => {
    // One segment from (−100, 20) to (20, 20), crossing the zone's west side x = 0 after 100 m:
    // √(2·2.9·100) = 24.083 m/s = 86.7 km/h (DOMAIN.md §2); ½·1500·24.083² = 435.0 kJ; the heading is
    // perpendicular to the side: 90°.
    const { graph, vectors } = vectorsFor([
      {
        coords: [
          [-100, 20],
          [20, 20],
        ],
        widthM: 7,
        name: 'Rue Droite',
      },
    ]);
    expect(vectors).toHaveLength(1);
    const v = vectors[0]!;
    expect(v.impactSpeedKmh).toBe(86.7);
    expect(v.runUpM).toBe(100);
    expect(v.impactAngleDeg).toBe(90);
    expect(v.energyKj).toBeCloseTo((0.5 * 1500 * fromRest(100) ** 2) / 1000, 0);
    expect(v.energyKj).toBeCloseTo(435.0, 0);
    expect(v.start.kind).toBe('rest');
    expect(v.start.speedKmh).toBe(0);
    const [sx, sy] = local(graph, v.start.lonLat);
    expect(sx).toBeCloseTo(-100, 2);
    expect(sy).toBeCloseTo(20, 2);
    const [ix, iy] = local(graph, v.impactPoint);
    expect(ix).toBeCloseTo(0, 2);
    expect(iy).toBeCloseTo(20, 2);
    expect(v.path.coordinates).toEqual([v.start.lonLat, v.impactPoint]);
    expect(v.roadNames).toEqual(['Rue Droite']);
    // The profile every 10 m: 20 m → 38.8 km/h, 50 m → 61.3 km/h (DOMAIN.md §2).
    expect(v.speedProfile).toHaveLength(11);
    expect(v.speedProfile[0]).toEqual([0, 0]);
    expect(v.speedProfile[2]).toEqual([20, 38.8]);
    expect(v.speedProfile[5]).toEqual([50, 61.3]);
    expect(v.speedProfile[10]).toEqual([100, 86.7]);
    expect(v.entry).toEqual({ ring: 0, widthM: 0, crossings: 1 });
    expect(v.requiredRating).toBeNull();
  });

  it('with a 90° bend in a 7 m carriageway 60 m before the zone: the corner speed, then 60 m', () => {
    // From (−60, −80) north 100 m to the corner (−60, 20), then east 60 m to the zone's side x = 0.
    // Corner: r = 7/(1 − cos 45°) = 23.90 m → √(0.6·9.81·23.90) = 11.861 m/s (42.7 km/h); it arrives at
    // 24.08 m/s so it is slowed to that, then √(11.861² + 2·2.9·60) = 22.106 m/s = 79.6 km/h. Starting at
    // rest at the corner instead: √(2·2.9·60) = 18.655 m/s: slower, so the path starts at (−60, −80).
    const cap = Math.sqrt((0.6 * G * 7) / (1 - Math.cos(Math.PI / 4)));
    const { graph, vectors } = vectorsFor([
      {
        coords: [
          [-60, -80],
          [-60, 20],
          [10, 20],
        ],
        widthM: 7,
      },
    ]);
    expect(vectors).toHaveLength(1);
    const v = vectors[0]!;
    expect(Math.max(after(cap, 60), fromRest(60))).toBeCloseTo(22.106, 3);
    expect(v.impactSpeedKmh).toBe(kmh(after(cap, 60)));
    expect(v.impactSpeedKmh).toBe(79.6);
    expect(v.runUpM).toBe(160);
    const [sx, sy] = local(graph, v.start.lonLat);
    expect([Math.round(sx), Math.round(sy)]).toEqual([-60, -80]);
    // The corner in the profile: arriving at 86.7 km/h, leaving at 42.7 km/h.
    expect(v.speedProfile).toContainEqual([100, 86.7]);
    expect(v.speedProfile).toContainEqual([100, 42.7]);
    const corner = v.speedProfile.findIndex(([d, s]) => d === 100 && s === 86.7);
    expect(v.speedProfile[corner + 1]).toEqual([100, 42.7]);
    expect(v.path.coordinates).toHaveLength(3);

    // A 10 m approach arrives at √(2·2.9·10) = 7.6 m/s, under the cap: 70 m from rest, √(2·2.9·70) =
    // 20.149 m/s, beats a start at the corner (18.655).
    const short = vectorsFor([
      {
        coords: [
          [-60, 10],
          [-60, 20],
          [10, 20],
        ],
        widthM: 7,
      },
    ]).vectors[0]!;
    expect(short.impactSpeedKmh).toBe(kmh(Math.max(fromRest(70), fromRest(60))));
    expect(short.runUpM).toBe(70);
  });

  it('a road entering the zone against a one-way direction gives the same vector as with it', () => {
    const west = vectorsFor([
      {
        coords: [
          [-100, 20],
          [20, 20],
        ],
        widthM: 7,
      },
    ]).vectors[0]!;
    const east = vectorsFor([
      {
        coords: [
          [20, 20],
          [-100, 20],
        ],
        widthM: 7,
      },
    ]).vectors[0]!;
    expect(east.impactSpeedKmh).toBe(west.impactSpeedKmh);
  });

  it('a barrier that stops the car: no vector, a stop event at its speed', () => {
    // Across the road at x = −1: the car reaches it at √(2·2.9·99) = 23.962 m/s and is stopped; nothing
    // lies between the barrier and the zone to start from.
    const barrier: TestMeasure = {
      id: 'b1',
      kind: 'barrier',
      coords: [
        [-1, 10],
        [-1, 30],
      ],
    };
    const stop = vectorsFor(
      [
        {
          coords: [
            [-100, 20],
            [20, 20],
          ],
          widthM: 7,
        },
      ],
      {
        measures: [barrier],
        measureEffect: () => ({ effect: 'stop', penetrationM: 0.8 }),
      },
    );
    expect(stop.vectors).toHaveLength(0);
    expect(stop.field.stops).toHaveLength(1);
    expect(stop.field.stops[0]!.speed).toBeCloseTo(fromRest(99), 3);
    expect(stop.field.stops[0]!.penetrationM).toBe(0.8);

    // Under-rated (the callback lets it pass): the vector lists it, at 99 m and 86.3 km/h.
    const pass = vectorsFor(
      [
        {
          coords: [
            [-100, 20],
            [20, 20],
          ],
          widthM: 7,
        },
      ],
      {
        measures: [barrier],
        measureEffect: () => ({ effect: 'pass' }),
      },
    );
    expect(pass.vectors).toHaveLength(1);
    expect(pass.vectors[0]!.impactSpeedKmh).toBe(86.7);
    expect(pass.vectors[0]!.measures).toEqual([
      {
        measureIndex: 0,
        measureId: 'b1',
        kind: 'barrier',
        outcome: 'pass',
        distanceM: 99,
        speedKmh: kmh(fromRest(99)),
        speedOutKmh: kmh(fromRest(99)),
      },
    ]);
  });

  it('a barrier inside the zone does not stop the approach at the boundary', () => {
    // At x = 5, past the boundary: the car is stopped only after it got in, at 86.7 km/h.
    const { vectors } = vectorsFor(
      [
        {
          coords: [
            [-100, 20],
            [20, 20],
          ],
          widthM: 7,
        },
      ],
      {
        measures: [
          {
            id: 'b',
            kind: 'barrier',
            coords: [
              [5, 10],
              [5, 30],
            ],
          },
        ],
        measureEffect: () => ({ effect: 'stop' }),
      },
    );
    expect(vectors).toHaveLength(1);
    expect(vectors[0]!.impactSpeedKmh).toBe(86.7);
  });

  it('a chicane caps the speed; the car accelerates again after it', () => {
    // Capped to 8 m/s at x = −40: √(8² + 2·2.9·40) = 17.205 m/s = 61.9 km/h at the zone.
    const { vectors } = vectorsFor(
      [
        {
          coords: [
            [-100, 20],
            [20, 20],
          ],
          widthM: 7,
        },
      ],
      {
        measures: [
          {
            id: 'c',
            kind: 'chicane',
            coords: [
              [-40, 10],
              [-40, 30],
            ],
          },
        ],
        measureEffect: () => ({ effect: 'cap', capSpeed: 8 }),
      },
    );
    const v = vectors[0]!;
    expect(v.impactSpeedKmh).toBe(kmh(after(8, 40)));
    expect(v.impactSpeedKmh).toBe(61.9);
    expect(v.measures[0]).toMatchObject({
      outcome: 'cap',
      distanceM: 60,
      speedKmh: kmh(fromRest(60)),
      speedOutKmh: 28.8,
    });
    expect(v.speedProfile).toContainEqual([60, kmh(fromRest(60))]);
    expect(v.speedProfile).toContainEqual([60, 28.8]);
  });

  it('a path narrower than the vehicle is no way in', () => {
    const path: TestLine[] = [
      {
        coords: [
          [-100, 20],
          [20, 20],
        ],
        widthM: 1.5,
        kind: 'path',
      },
    ];
    expect(vectorsFor(path).vectors).toHaveLength(0);
    expect(vectorsFor(path, { model: constantAccelModel({ widthM: 0.7 }) }).vectors).toHaveLength(1);
  });

  it('distinct ways in: opposite sides are two; three parallel edges 2 m apart are one', () => {
    const two = vectorsFor([
      {
        coords: [
          [-100, 20],
          [20, 20],
        ],
        widthM: 7,
      },
      {
        coords: [
          [100, 20],
          [30, 20],
        ],
        widthM: 7,
      },
    ]).vectors;
    // West: 100 m of run-up (86.7 km/h); east: 60 m (√(2·2.9·60) = 18.655 m/s = 67.2 km/h).
    expect(two.map((v) => v.impactSpeedKmh)).toEqual([86.7, 67.2]);
    const wide = vectorsFor([
      {
        coords: [
          [-100, 18],
          [20, 18],
        ],
        widthM: 7,
      },
      {
        coords: [
          [-100, 20],
          [20, 20],
        ],
        widthM: 7,
      },
      {
        coords: [
          [-90, 22],
          [20, 22],
        ],
        widthM: 7,
      },
    ]).vectors;
    expect(wide).toHaveLength(1);
    expect(wide[0]!.entry).toEqual({ ring: 0, widthM: 4, crossings: 3 });
    expect(wide[0]!.impactSpeedKmh).toBe(86.7);
  });

  it('impact angle: perpendicular 90°, diagonal 45°', () => {
    // Heading 45° through (0, 20) on the west side (a vertical line): 45° between them; run-up 100 m.
    const d = 100 / Math.SQRT2;
    const v = vectorsFor([
      {
        coords: [
          [-d, 20 - d],
          [5, 25],
        ],
        widthM: 7,
      },
    ]).vectors[0]!;
    expect(v.impactAngleDeg).toBe(45);
    expect(v.runUpM).toBe(100);
    expect(v.impactSpeedKmh).toBe(86.7);
  });

  it('impact angle: from the heading over the last 10 m, not from a short last edge off the line', () => {
    // Along y = 20 from the west to (−4, 20), then a 5 m jog to (0, 23) across the west side (x = 0):
    // the jog alone meets the side at 90° − atan(3/4) = 53.1°; the chord from (−14, 20), the last vertex
    // at least 10 m back, to the impact (0, 23) meets it at 90° − atan(3/14) = 77.9°.
    const v = vectorsFor([
      {
        coords: [
          [-100, 20],
          [-14, 20],
          [-4, 20],
          [0, 23],
          [4, 26],
        ],
        widthM: 7,
      },
    ]).vectors[0]!;
    expect(v.impactAngleDeg).toBeCloseTo(90 - (Math.atan(3 / 14) * 180) / Math.PI, 1);
    expect(v.impactAngleDeg).toBeCloseTo(77.9, 1);
  });

  it('states the required rating when given the class profile', () => {
    const graph = buildTestGraph([
      {
        coords: [
          [-100, 20],
          [20, 20],
        ],
        widthM: 7,
      },
    ]);
    const field = propagateSpeeds(graph, car);
    const profile = loadVehicleProfiles().profiles.find((p) => p.vehicleClass === 'M1')!;
    const [v] = approachVectors(graph, field, car, SQUARE, { profile });
    // 86.7 km/h is above the highest standard test speed (80 km/h): no rating covers it.
    expect(v!.requiredRating?.text).toBeNull();
    const slowCar = constantAccelModel({ accel: 1 });
    const slow = approachVectors(graph, propagateSpeeds(graph, slowCar), slowCar, SQUARE, { profile });
    // a = 1: √(2·1·100) = 14.14 m/s = 50.9 km/h → the 64 km/h test speed.
    expect(slow[0]!.impactSpeedKmh).toBe(50.9);
    expect(slow[0]!.requiredRating?.text).toBe('V/1500[M1]/64/90');
  });

  it('converts a WGS84 zone to local metres', () => {
    const graph = buildTestGraph([
      {
        coords: [
          [-100, 20],
          [20, 20],
        ],
        widthM: 7,
      },
    ]);
    const wgs: Polygon = {
      type: 'Polygon',
      coordinates: SQUARE.coordinates.map((ring) => ring.map(([x, y]) => toLonLat(graph.projection, x!, y!))),
    };
    const back = polygonToLocal(graph, wgs).coordinates[0]!;
    back.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(SQUARE.coordinates[0]![i]![0]!, 6);
      expect(y).toBeCloseTo(SQUARE.coordinates[0]![i]![1]!, 6);
    });
  });
});
