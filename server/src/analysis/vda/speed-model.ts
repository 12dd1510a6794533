/**
 * What the speed search needs from the vehicle physics, per vehicle class (implemented in
 * ../physics.ts from the DOMAIN.md §2 model). Speeds in m/s, lengths in metres.
 */
export interface SpeedModel {
  vehicleClass: string;
  massKg: number;
  /** Vehicle width: gaps and paths narrower than this block it. */
  widthM: number;
  /** Top speed (m/s). */
  topSpeed: number;
  /**
   * Speed after accelerating flat out from `v0` over `lengthM` on a gradient `grade` (rise/run, + uphill),
   * capped at the top speed. Monotone non-decreasing in v0 and in lengthM (on grade ≤ the vehicle's
   * limit): more entry speed is never worse.
   */
  speedAfter(v0: number, lengthM: number, grade: number): number;
  /**
   * speedAfter in squares: v² after `lengthM` from v² = u0 (the search works in v², sparing square roots).
   * u0 is taken within [0, topSpeed²]; the result is non-decreasing in u0, and 0 where the vehicle stalls.
   */
  squareAfter(u0: number, lengthM: number, grade: number): number;
  /**
   * Distance (metres) to accelerate from rest to `v` on flat ground (the run-up a speed needs);
   * Infinity above the top speed.
   */
  runUpFor(v: number): number;
  /**
   * Highest speed through a change of heading of `deflectionRad` (0…π) in a space `widthM` wide: the
   * corner-cutting radius r = w / (1 − cos(Δ/2)), then min(skid √(f·g·r), rollover √(a_lat·r)).
   * Infinity when Δ = 0.
   */
  cornerSpeed(deflectionRad: number, widthM: number): number;
}
