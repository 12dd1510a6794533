import { describe, expect, it } from 'vitest';
import { loadVehicleProfiles } from './load-vehicles.js';
import {
  acceleration,
  cornerRadius,
  createSpeedModel,
  kineticEnergyKj,
  kmhToMph,
  kmhToMs,
  mphToKmh,
  mphToMs,
  msToKmh,
  reverseCurveRadius,
  rolloverSpeed,
  skidSpeed,
} from './physics.js';
import { resolveProfiles, type VehicleClass, type VehicleProfile } from './vehicles.js';

const catalogue = loadVehicleProfiles();
const profiles = resolveProfiles(catalogue);
const profile = (c: VehicleClass) => profiles.find((p) => p.vehicleClass === c) as VehicleProfile;
const model = (c: VehicleClass, friction = 0.6) => createSpeedModel(profile(c), { friction });

/** No drag, no rolling resistance, unlimited power: a = a_grip at every speed. */
const constantAcceleration = (a: number): VehicleProfile => ({
  ...profile('M1'),
  gripAccel: a,
  cdA: 0,
  crr: 0,
  powerKw: 1e9,
});

/**
 * Direct integration of DOMAIN.md §2 in time, independent of the model's tables: velocity Verlet-style
 * steps of 0.1 ms. Returns time and distance to each speed and the speed after each distance.
 */
function integrateFromRest(p: VehicleProfile, speedsKmh: number[], distancesM: number[]) {
  const top = kmhToMs(p.topSpeedKmh);
  const reach = new Map<number, { t: number; x: number }>();
  const after = new Map<number, number>();
  const dt = 1e-4;
  let v = 0;
  let x = 0;
  let t = 0;
  while ((reach.size < speedsKmh.length || after.size < distancesM.length) && t < 120) {
    const v1 = Math.min(top, v + acceleration(v, p) * dt);
    const x1 = x + 0.5 * (v + v1) * dt;
    for (const d of distancesM) {
      // Speed at d, interpolated inside the step.
      if (!after.has(d) && x1 >= d) after.set(d, v + ((d - x) / (x1 - x)) * (v1 - v));
    }
    for (const s of speedsKmh) {
      if (!reach.has(s) && msToKmh(v1) >= s) {
        const f = (kmhToMs(s) - v) / (v1 - v);
        reach.set(s, { t: t + f * dt, x: x + f * (x1 - x) });
      }
    }
    v = v1;
    x = x1;
    t += dt;
  }
  return { reach, after };
}

describe('units and energy', () => {
  it('converts mph exactly (× 1.609344) and km/h ↔ m/s', () => {
    expect(mphToKmh(50)).toBeCloseTo(80.4672, 10);
    expect(kmhToMph(80.4672)).toBeCloseTo(50, 10);
    expect(mphToMs(50)).toBeCloseTo(22.352, 10);
    expect(kmhToMs(36)).toBe(10);
    expect(msToKmh(10)).toBe(36);
  });

  it('gives the DOMAIN.md §1 kinetic energies', () => {
    // DOMAIN.md §1: 1500 kg at 48 km/h = 133.3 kJ; 7200 kg at 64 km/h = 1137.8 kJ; 30000 kg at 80 km/h = 7407.4 kJ.
    expect(kineticEnergyKj(1500, kmhToMs(48))).toBeCloseTo(133.3, 1);
    expect(kineticEnergyKj(7200, kmhToMs(64))).toBeCloseTo(1137.8, 1);
    expect(kineticEnergyKj(30000, kmhToMs(80))).toBeCloseTo(7407.4, 1);
  });
});

describe('cornering', () => {
  it('gives the DOMAIN.md §2 skid speeds', () => {
    // DOMAIN.md §2: f = 0.6, r = 10 m → 27.6 km/h; r = 20 m → 39.1 km/h.
    expect(msToKmh(skidSpeed(10, 0.6))).toBeCloseTo(27.6, 1);
    expect(msToKmh(skidSpeed(20, 0.6))).toBeCloseTo(39.1, 1);
    // DOMAIN.md §2: the radius that caps a car at 48 km/h with f = 0.6 is 30.2 m (r = v² / (f·g)).
    const radius = kmhToMs(48) ** 2 / (0.6 * 9.81);
    expect(radius).toBeCloseTo(30.2, 1);
    expect(msToKmh(skidSpeed(radius, 0.6))).toBeCloseTo(48, 10);
  });

  it('caps heavy vehicles at 0.35 g before they skid (DOMAIN.md §2 roll-over default)', () => {
    // √(0.35 × 9.81 × 20) = 8.286 m/s = 29.8 km/h, below the 39.1 km/h skid limit at r = 20 m.
    expect(msToKmh(rolloverSpeed(20, 0.35))).toBeCloseTo(29.83, 2);
    expect(msToKmh(model('N2').speedAtRadius(20))).toBeCloseTo(29.83, 2);
    expect(msToKmh(model('N3F').speedAtRadius(20))).toBeCloseTo(29.83, 2);
    expect(msToKmh(model('M1').speedAtRadius(20))).toBeCloseTo(39.06, 2);
  });

  it('fits the corner-cutting radius r = w / (1 − cos(Δ/2)) (DOMAIN.md §2)', () => {
    // A 90° bend in a 7 m carriageway: 7 / (1 − cos 45°) = 23.90 m.
    expect(cornerRadius(7, Math.PI / 2)).toBeCloseTo(23.899, 3);
    expect(cornerRadius(7, Math.PI)).toBeCloseTo(7, 10);
    expect(cornerRadius(7, 0)).toBe(Infinity);
    // Car, f = 0.6: √(0.6 × 9.81 × 23.90) = 11.86 m/s = 42.7 km/h; f = 1.0 (conservative): 55.1 km/h.
    expect(msToKmh(model('M1').cornerSpeed(Math.PI / 2, 7))).toBeCloseTo(42.7, 2);
    expect(msToKmh(model('M1', 1.0).cornerSpeed(Math.PI / 2, 7))).toBeCloseTo(55.12, 2);
    // Truck (N2): rolls first, √(0.35 × 9.81 × 23.90) = 9.06 m/s = 32.6 km/h.
    expect(msToKmh(model('N2').cornerSpeed(Math.PI / 2, 7))).toBeCloseTo(32.61, 2);
    expect(model('M1').cornerSpeed(0, 7)).toBe(Infinity);
  });

  it('gives the radius of a reverse-curve path through a chicane', () => {
    // Two arcs over 12 m shifting 1.8 m: (12² + 1.8²) / (4 × 1.8) = 20.45 m.
    expect(reverseCurveRadius(12, 1.8)).toBeCloseTo(20.45, 2);
    expect(reverseCurveRadius(12, 0)).toBe(Infinity);
  });
});

describe('acceleration (DOMAIN.md §2)', () => {
  it('is grip-limited from rest and power-limited at speed, less drag and rolling resistance', () => {
    const m1 = profile('M1');
    // At rest: a_grip − Crr·g = 4.0 − 0.012 × 9.81 = 3.88228 m/s².
    expect(acceleration(0, m1)).toBeCloseTo(3.88228, 5);
    // 30 m/s: η·P/(m·v) = 0.85 × 110000 / (1500 × 30) = 2.07778 (< 4.0); drag ½ × 1.2 × 0.7 × 900 / 1500 =
    // 0.252; rolling 0.11772 → 1.70806 m/s².
    expect(acceleration(30, m1)).toBeCloseTo(1.70806, 5);
    // A 10 % climb takes g·sinθ = 9.81 × 0.1 / √1.01 = 0.97613 m/s² more.
    expect(acceleration(30, m1, 0.1)).toBeCloseTo(1.70806 - 0.97613, 5);
  });
});

describe('createSpeedModel', () => {
  it('integrates a constant acceleration exactly (DOMAIN.md §2 checks)', () => {
    // DOMAIN.md §2: from rest at a = 2.9 m/s², 20 / 50 / 100 m give 38.8 / 61.3 / 86.7 km/h (v = √(2·a·d)).
    const m = createSpeedModel(constantAcceleration(2.9), { friction: 0.6 });
    expect(msToKmh(m.speedAfter(0, 20, 0))).toBeCloseTo(38.8, 1);
    expect(msToKmh(m.speedAfter(0, 50, 0))).toBeCloseTo(61.3, 1);
    expect(msToKmh(m.speedAfter(0, 100, 0))).toBeCloseTo(86.7, 1);
    expect(msToKmh(m.speedAfter(0, 100, 0))).toBeCloseTo(msToKmh(Math.sqrt(580)), 6);
    // From 38.8 km/h after 20 m, another 30 m: the 50 m speed.
    expect(msToKmh(m.speedAfter(m.speedAfter(0, 20, 0), 30, 0))).toBeCloseTo(61.3, 1);
    expect(m.runUpFor(Math.sqrt(2 * 2.9 * 100))).toBeCloseTo(100, 4);
    // On a 5 % climb (integrated, not tabulated): a = 2.9 − 9.81 × 0.05 / √1.0025 = 2.41011 m/s²,
    // so 50 m give √(2 × 2.41011 × 50) = 15.525 m/s.
    expect(m.speedAfter(0, 50, 0.05)).toBeCloseTo(15.5245, 3);
  });

  it('answers in squares as the search asks: v² = v₀² + 2·a·d, on the flat and on a climb', () => {
    const m = createSpeedModel(constantAcceleration(2.9), { friction: 0.6 });
    // 2 × 2.9 × 100 = 580 (m/s)² from rest; from 38.8 km/h (v² = 116 after 20 m) another 30 m: 116 + 174.
    expect(m.squareAfter(0, 100, 0)).toBeCloseTo(580, 6);
    expect(m.squareAfter(116, 30, 0)).toBeCloseTo(290, 6);
    // On the 5 % climb above: 2 × 2.41011 × 50 = 241.011.
    expect(m.squareAfter(0, 50, 0.05)).toBeCloseTo(241.011, 2);
    // Capped at the top speed (180 km/h = 50 m/s), and nothing gained over no distance.
    expect(m.squareAfter(0, 5000, 0)).toBeCloseTo(2500, 6);
    expect(m.squareAfter(400, 0, 0)).toBe(400);
    for (const [v, d] of [
      [0, 20],
      [12.5, 37.5],
      [30, 3],
    ] as const) {
      expect(Math.sqrt(m.squareAfter(v * v, d, 0))).toBeCloseTo(m.speedAfter(v, d, 0), 12);
    }
  });

  /*
   * Our default profiles, flat out from rest on level ground (direct integration of DOMAIN.md §2; distances
   * and speeds from the model's tables agree within 0.5 %):
   *
   * | class | 0–48 km/h      | 0–64 km/h       | 0–100 km/h      | after 20 m | 50 m      | 100 m     |
   * |-------|----------------|-----------------|-----------------|------------|-----------|-----------|
   * | M1    |  3.45 s  23.0 m|  4.66 s   41.9 m|  8.73 s  136.5 m| 44.7 km/h  | 69.0 km/h | 89.8 km/h |
   * | N1G   |  3.97 s  26.5 m|  5.63 s   52.7 m| 11.58 s  190.9 m| 41.8 km/h  | 62.7 km/h | 80.7 km/h |
   * | N1    |  5.70 s  38.5 m|  8.35 s   80.0 m| 18.57 s  318.9 m| 35.0 km/h  | 53.5 km/h | 69.2 km/h |
   * | N2    |  8.47 s  59.2 m| 13.28 s  134.7 m| 36.80 s  693.4 m| 29.4 km/h  | 44.9 km/h | 58.0 km/h |
   * | N3D   | 10.13 s  70.0 m| 15.64 s  156.5 m| 42.04 s  782.4 m| 26.7 km/h  | 41.7 km/h | 54.9 km/h |
   * | N3F   | 16.49 s 116.9 m| 26.55 s  275.2 m| (top 90 km/h)   | 21.4 km/h  | 33.7 km/h | 45.3 km/h |
   *
   * M1 0–100 km/h in 8.7 s sits in the 8–11 s DOMAIN.md §2 gives for a typical car (a hostile driver uses
   * it all); every class reaches its top speed on the flat (M1 after 1.1 km).
   */
  const TABLE: Array<[VehicleClass, [number, number][], number[]]> = [
    [
      'M1',
      [
        [3.45, 23.0],
        [4.66, 41.9],
        [8.73, 136.5],
      ],
      [44.7, 69.0, 89.8],
    ],
    [
      'N1G',
      [
        [3.97, 26.5],
        [5.63, 52.7],
        [11.58, 190.9],
      ],
      [41.8, 62.7, 80.7],
    ],
    [
      'N1',
      [
        [5.7, 38.5],
        [8.35, 80.0],
        [18.57, 318.9],
      ],
      [35.0, 53.5, 69.2],
    ],
    [
      'N2',
      [
        [8.47, 59.2],
        [13.28, 134.7],
        [36.8, 693.4],
      ],
      [29.4, 44.9, 58.0],
    ],
    [
      'N3D',
      [
        [10.13, 70.0],
        [15.64, 156.5],
        [42.04, 782.4],
      ],
      [26.7, 41.7, 54.9],
    ],
    [
      'N3F',
      [
        [16.49, 116.9],
        [26.55, 275.2],
      ],
      [21.4, 33.7, 45.3],
    ],
  ];

  it.each(TABLE)(
    '%s: times, run-ups and speeds from rest match direct integration within 0.5 %',
    (c, reach, speeds) => {
      const p = profile(c);
      const m = model(c);
      const targets = [48, 64, 100].slice(0, reach.length);
      const direct = integrateFromRest(p, targets, [20, 50, 100]);
      targets.forEach((kmh, i) => {
        const [t, x] = reach[i] as [number, number];
        const hit = direct.reach.get(kmh);
        expect(hit?.t, `${c} 0–${kmh} km/h time`).toBeCloseTo(t, 1);
        expect(hit?.x, `${c} 0–${kmh} km/h distance`).toBeCloseTo(x, 0);
        expect(Math.abs(m.runUpFor(kmhToMs(kmh)) / (hit?.x ?? 0) - 1), `${c} run-up to ${kmh}`).toBeLessThan(
          0.005,
        );
      });
      [20, 50, 100].forEach((d, i) => {
        const v = direct.after.get(d) ?? 0;
        expect(msToKmh(v), `${c} after ${d} m`).toBeCloseTo(speeds[i] as number, 1);
        expect(Math.abs(m.speedAfter(0, d, 0) / v - 1), `${c} table after ${d} m`).toBeLessThan(0.005);
      });
    },
  );

  it('gives a car a realistic 0–100 km/h time (DOMAIN.md §2: a typical car takes 8–11 s)', () => {
    const t = integrateFromRest(profile('M1'), [100], []).reach.get(100)?.t ?? 0;
    expect(t).toBeGreaterThan(5);
    expect(t).toBeLessThan(11);
  });

  it('agrees between the flat table and integration on a gradient, at every entry speed', () => {
    for (const p of profiles) {
      const m = createSpeedModel(p, { friction: 0.6 });
      for (const v0 of [0, 5, 12.3, 20]) {
        for (const length of [3, 40, 250]) {
          const table = m.speedAfter(v0, length, 0);
          const integrated = m.speedAfter(v0, length, 1e-12);
          expect(Math.abs(table / integrated - 1), `${p.vehicleClass} ${v0} m/s + ${length} m`).toBeLessThan(
            0.005,
          );
        }
      }
    }
  });

  it('is monotone in entry speed and length, never above the top speed, and consistent when chained', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (const p of profiles) {
      const m = createSpeedModel(p, { friction: 0.6 });
      for (let i = 0; i < 2000; i++) {
        const v0 = random() * m.topSpeed * 1.1;
        const length = random() * 300;
        const grade = [0, 0, 0.04, -0.06][i % 4] as number;
        const v = m.speedAfter(v0, length, grade);
        expect(v).toBeLessThanOrEqual(m.topSpeed);
        expect(m.speedAfter(v0 + random() * 3, length, grade)).toBeGreaterThanOrEqual(v - 1e-9);
        // Longer is faster while the vehicle can still gain speed; a climb slows one that enters too fast.
        if (acceleration(Math.min(v0, m.topSpeed), p, grade) >= 0)
          expect(m.speedAfter(v0, length + random() * 30, grade)).toBeGreaterThanOrEqual(v - 1e-9);
        if (grade === 0) {
          expect(v).toBeGreaterThanOrEqual(Math.min(v0, m.topSpeed));
          const split = random() * length;
          expect(m.speedAfter(m.speedAfter(v0, split, 0), length - split, 0)).toBeCloseTo(v, 2);
        }
      }
      expect(m.speedAfter(7, 0, 0)).toBe(7);
      expect(m.speedAfter(0, 20_000, 0)).toBe(m.topSpeed);
      // A long steep descent is held at the top speed.
      expect(m.speedAfter(m.topSpeed, 2000, -0.2)).toBe(m.topSpeed);
    }
  });

  it('gives run-ups that lead back to their speed, up to the top speed', () => {
    // runUpFor and speedAfter come from two tables (distance → v² and v² → distance): driving a speed's
    // run-up from rest must give that speed back, to the tables' 1 mm/s. In the last few cm/s below the
    // top speed, where the speed stops at the profile's cap, up to 5 mm/s, but never less than the speed:
    // a run-up read short there would let a vehicle reach its top speed too late.
    for (const p of profiles) {
      const m = createSpeedModel(p, { friction: 0.6 });
      for (const v of [1, 5, 10, 15, 20].filter((x) => x < m.flatTopSpeed)) {
        expect(Math.abs(m.speedAfter(0, m.runUpFor(v), 0) - v)).toBeLessThan(1e-3);
      }
      for (const below of [0.3, 0.1, 0.03, 0.01, 0.003, 0]) {
        const v = m.flatTopSpeed - below;
        const error = m.speedAfter(0, m.runUpFor(v), 0) - v;
        expect(error).toBeGreaterThan(-1e-4);
        expect(error).toBeLessThan(below > 0.01 ? 1e-3 : 5e-3);
      }
      expect(m.runUpFor(m.flatTopSpeed + 1e-6)).toBe(Infinity);
    }
  });

  it('slows a vehicle on a climb and stalls it on one too steep to climb', () => {
    const m = model('N3F');
    expect(m.speedAfter(0, 100, 0.05)).toBeLessThan(m.speedAfter(0, 100, 0));
    expect(m.speedAfter(0, 100, -0.05)).toBeGreaterThan(m.speedAfter(0, 100, 0));
    // 50 % grade: g·sinθ = 9.81 × 0.5 / √1.25 = 4.39 m/s² against 1.0 m/s² of grip.
    expect(m.speedAfter(0, 10, 0.5)).toBe(0);
    expect(m.speedAfter(10, 100, 0.5)).toBe(0);
  });

  it('knows the run-up a speed needs, and that top speed is as far as it goes', () => {
    const m = model('M1');
    expect(m.runUpFor(0)).toBe(0);
    expect(m.runUpFor(m.speedAfter(0, 75, 0))).toBeCloseTo(75, 1);
    expect(m.flatTopSpeed).toBe(m.topSpeed);
    expect(m.runUpFor(m.topSpeed)).toBeGreaterThan(1000);
    expect(m.runUpFor(m.topSpeed + 0.1)).toBe(Infinity);
  });

  it('answers a million level-ground queries fast (tables, not integration)', () => {
    const m = model('N2');
    const start = performance.now();
    let sum = 0;
    for (let i = 0; i < 1_000_000; i++) sum += m.speedAfter((i % 300) / 10, (i % 97) + 0.5, 0);
    const elapsed = performance.now() - start;
    expect(sum).toBeGreaterThan(0);
    // About 25 ms on the 2-core dev machine; the bound only catches an accidental integration per call.
    expect(elapsed).toBeLessThan(1000);
  });
});
