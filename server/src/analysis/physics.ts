/**
 * Vehicle physics of DOMAIN.md §2: flat-out acceleration (power- and grip-limited, drag, rolling resistance,
 * gradient), cornering limits (skid, roll-over, the corner-cutting radius) and kinetic energy; and the
 * `SpeedModel` the speed search calls millions of times, answered from precomputed tables. SI units inside
 * (m, s, m/s, kg); km/h and mph only at the edges.
 */
import type { SpeedModel } from './vda/speed-model.js';
import type { VehicleProfile } from './vehicles.js';

/** Gravity used by the helpers below (DOMAIN.md §2; profiles carry their own `g`, the same value). */
const G = 9.81;
const MPH_IN_KMH = 1.609344; // exact: 1 mile = 1609.344 m

export const kmhToMs = (kmh: number): number => kmh / 3.6;
export const msToKmh = (ms: number): number => ms * 3.6;
export const mphToKmh = (mph: number): number => mph * MPH_IN_KMH;
export const kmhToMph = (kmh: number): number => kmh / MPH_IN_KMH;
export const mphToMs = (mph: number): number => kmhToMs(mphToKmh(mph));

/** Kinetic energy ½mv², kJ. */
export const kineticEnergyKj = (massKg: number, speedMs: number): number =>
  (0.5 * massKg * speedMs ** 2) / 1000;

/** Highest speed (m/s) through a bend of radius r before the tyres slide: √(f·g·r). */
export const skidSpeed = (radiusM: number, friction: number, g = G): number =>
  Math.sqrt(friction * g * radiusM);

/** Highest speed (m/s) through a bend of radius r before a vehicle rolls over at `maxLateralG`. */
export const rolloverSpeed = (radiusM: number, maxLateralG: number, g = G): number =>
  Math.sqrt(maxLateralG * g * radiusM);

/**
 * The largest radius a driver cutting the corner fits into a turn of deflection Δ (radians) in a space of
 * usable width w: r = w / (1 − cos(Δ/2)) (DOMAIN.md §2, our default model). Infinity for Δ = 0.
 */
export function cornerRadius(widthM: number, deflectionRad: number): number {
  const d = 1 - Math.cos(deflectionRad / 2);
  return d > 0 ? widthM / d : Infinity;
}

/**
 * Radius of the path through a chicane: two equal reverse arcs covering `lengthM` along the road while
 * moving sideways by `shiftM`: each arc spans (L/2, y/2), so r = (L² + y²) / (4y). Infinity when y ≤ 0.
 */
export function reverseCurveRadius(lengthM: number, shiftM: number): number {
  return shiftM > 0 ? (lengthM ** 2 + shiftM ** 2) / (4 * shiftM) : Infinity;
}

/** The profile numbers the acceleration model needs. */
export type PhysicsProfile = Pick<
  VehicleProfile,
  'massKg' | 'powerKw' | 'gripAccel' | 'cdA' | 'eta' | 'crr' | 'rho' | 'g'
>;

/**
 * Flat-out acceleration (m/s²) at speed v on a gradient (rise/run, + uphill), DOMAIN.md §2:
 * a(v) = min(a_grip, η·P/(m·v)) − (½·ρ·CdA·v² + Crr·m·g)/m − g·sinθ.
 * At v → 0 the power term grows without bound, so a vehicle starting from rest is grip-limited.
 */
export function acceleration(v: number, profile: PhysicsProfile, grade = 0): number {
  const { massKg: m, powerKw, gripAccel, cdA, eta, crr, rho, g } = profile;
  const traction = v > 0 ? Math.min(gripAccel, (eta * powerKw * 1000) / (m * v)) : gripAccel;
  const resistance = (0.5 * rho * cdA * v * v) / m + crr * g;
  const slope = grade === 0 ? 0 : (g * grade) / Math.sqrt(1 + grade * grade);
  return traction - resistance - slope;
}

/** What the speed search gets from `createSpeedModel`: the `SpeedModel` plus the profile behind it. */
export interface VehicleSpeedModel extends SpeedModel {
  profile: VehicleProfile;
  friction: number;
  /** Highest speed (m/s) on level ground, reached after `runUpFor(flatTopSpeed)` metres (≤ topSpeed). */
  flatTopSpeed: number;
  /** Highest speed (m/s) through a bend of radius r: the skid limit, and the roll-over limit if any. */
  speedAtRadius(radiusM: number): number;
}

/**
 * Table step along the road (m): S(d) is tabulated and interpolated in v², which is near-linear in d
 * (exactly linear while grip limits the acceleration). 1 m keeps speeds within 0.4 mm/s of a 0.25 m table on
 * the Monaco road graph, and both tables small (19 KB for a car, whose table ends at its top speed after
 * about 1 km) so that they stay in the fastest cache: the search reads them at random, and 4× finer ones
 * (75 KB for a car) made it 8 % slower.
 */
const STEP_M = 1;
/** Step of the inverse table D, in v² ((m/s)²): distance is linear in v² too while grip limits. */
const SQUARE_STEP = 2;
/** The flat table ends here if the top speed is not reached first (drag makes it asymptotic). */
const MAX_TABLE_M = 6000;
/** Integration step on a gradient (m). */
const GRADE_STEP_M = 2;

/**
 * One RK4 step of d(v²)/dx = 2·a(v) over `h` metres. Integrating v² rather than v keeps the equation
 * regular at rest (v² grows linearly with distance there), where dv/dx = a/v is singular.
 */
function rk4(u: number, h: number, f: (u: number) => number): number {
  const k1 = f(u);
  const k2 = f(u + 0.5 * h * k1);
  const k3 = f(u + 0.5 * h * k2);
  const k4 = f(u + h * k3);
  return u + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
}

/**
 * The `SpeedModel` of a profile (DOMAIN.md §2). On level ground a(v) depends on v only, so the speed after
 * L metres from v0 is S(D(v0) + L), with S the speed reached d metres from rest and D its inverse: both are
 * tabulated once here, which makes `speedAfter` O(1). On a gradient it integrates (RK4, 2 m steps). Speeds
 * never exceed the profile's top speed; downhill a vehicle may pass its flat top speed up to that cap.
 */
export function createSpeedModel(profile: VehicleProfile, options: { friction: number }): VehicleSpeedModel {
  const { friction } = options;
  const topSpeed = kmhToMs(profile.topSpeedKmh);
  const uTop = topSpeed * topSpeed;
  const derivative = (grade: number) => (u: number) =>
    2 * acceleration(Math.sqrt(Math.max(u, 0)), profile, grade);
  const flat = derivative(0);

  // S: v² at 0, STEP_M, 2·STEP_M, … from rest, until the top speed or MAX_TABLE_M.
  const squares: number[] = [0];
  for (let u = 0; squares.length <= MAX_TABLE_M / STEP_M && u < uTop;) {
    u = Math.min(uTop, Math.max(u, rk4(u, STEP_M, flat))); // never back down near the terminal speed
    squares.push(u);
  }
  const table = Float64Array.from(squares);
  const lastIndex = table.length - 1;
  const tableEnd = lastIndex * STEP_M;
  const uEnd = table[lastIndex]!;
  const flatTopSpeed = Math.sqrt(uEnd);

  // D: distance from rest at v² = 0, SQUARE_STEP, …, found by walking the monotone S table. Past the top
  // (v² = U, at tableEnd), the first entry continues the last cell's line so that it reaches tableEnd at
  // U exactly (runUpAt caps there); one more entry keeps the read at k + 1 in range even where √U² > U.
  const runUps = new Float64Array(Math.floor(uEnd / SQUARE_STEP) + 3);
  for (let k = 0, i = 0; k < runUps.length; k++) {
    const u = k * SQUARE_STEP;
    while (i < lastIndex && (table[i + 1] as number) < u) i++;
    if (i >= lastIndex) {
      const before = (k - 1) * SQUARE_STEP;
      runUps[k] =
        k > 0 && u > uEnd && uEnd > before
          ? runUps[k - 1]! + ((tableEnd - runUps[k - 1]!) * SQUARE_STEP) / (uEnd - before)
          : tableEnd;
      continue;
    }
    const lo = table[i] as number;
    const hi = table[i + 1] as number;
    runUps[k] = (i + (hi > lo ? Math.min(1, (u - lo) / (hi - lo)) : 0)) * STEP_M;
  }

  /** v² at `d` metres from rest on level ground. */
  const squareAt = (d: number): number => {
    if (d >= tableEnd) return uEnd;
    const x = d / STEP_M;
    const i = Math.floor(x);
    const lo = table[i] as number;
    return lo + (x - i) * ((table[i + 1] as number) - lo);
  };
  /** Metres from rest to v² = u on level ground (u ≤ uEnd). */
  const runUpAt = (u: number): number => {
    const x = u / SQUARE_STEP;
    const k = Math.floor(x);
    const lo = runUps[k] as number;
    return Math.min(tableEnd, lo + (x - k) * ((runUps[k + 1] as number) - lo));
  };

  /** v² after `lengthM` on `grade` from v² = u0, integrated. */
  const integrate = (u0: number, lengthM: number, grade: number): number => {
    const f = derivative(grade);
    let u = u0;
    for (let done = 0; done < lengthM; done += GRADE_STEP_M) {
      u = Math.min(uTop, rk4(u, Math.min(GRADE_STEP_M, lengthM - done), f));
      if (u <= 0) {
        if (f(0) <= 0) return 0; // too steep: the vehicle stalls
        u = 0;
      }
    }
    return u;
  };

  const squareAfter = (u0: number, lengthM: number, grade: number): number => {
    const u = Math.min(Math.max(u0, 0), uTop);
    if (!(lengthM > 0)) return u;
    if (grade === 0 && u <= uEnd) return Math.max(u, squareAt(runUpAt(u) + lengthM));
    return integrate(u, lengthM, grade);
  };

  const speedAtRadius = (radiusM: number): number => {
    const skid = skidSpeed(radiusM, friction, profile.g);
    return profile.maxLateralG === null
      ? skid
      : Math.min(skid, rolloverSpeed(radiusM, profile.maxLateralG, profile.g));
  };

  return {
    vehicleClass: profile.vehicleClass,
    massKg: profile.massKg,
    widthM: profile.widthM,
    topSpeed,
    flatTopSpeed,
    profile,
    friction,
    squareAfter,
    speedAfter(v0, lengthM, grade) {
      const v = Math.max(v0, 0); // NaN stays NaN, for the caller to see
      return Math.sqrt(squareAfter(v * v, lengthM, grade));
    },
    runUpFor(v) {
      if (v <= 0) return 0;
      return v > flatTopSpeed ? Infinity : runUpAt(v * v);
    },
    cornerSpeed(deflectionRad, widthM) {
      return deflectionRad > 0 ? speedAtRadius(cornerRadius(widthM, deflectionRad)) : Infinity;
    },
    speedAtRadius,
  };
}
