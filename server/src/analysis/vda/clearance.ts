import { Px, type Raster } from './raster.js';

// Finite stand-in for "no blocked pixel in reach": keeps the envelope arithmetic free of ∞ − ∞.
const FAR = 1e20;
// Column distances are counted in 16 bits; a column with no blocked pixel within 65 535 pixels (33 km at
// 0.5 m) has none at all.
const NONE = 0xffff;

/** A pixel a vehicle cannot be on: an obstacle, water, or not drivable ground. */
export function isBlocked(flags: number): boolean {
  return (flags & (Px.OBSTACLE | Px.WATER)) !== 0 || (flags & Px.SURFACE) === 0;
}

/**
 * Per pixel, metres from the pixel's centre to the edge of the nearest blocked pixel (its centre
 * distance less half a pixel); −1 on blocked pixels. An exact Euclidean distance transform
 * (Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled Functions", 2012) in three passes over
 * the raster, all in memory order: 1-D distances down and up the columns (a sweep over whole rows at a
 * time), then along each row the lower envelope of parabolas, only over runs of unblocked pixels.
 */
export function clearanceMap(raster: Raster): Float32Array {
  const { cols, rows, flags, px } = raster;
  // Column distance in pixels (NONE: no blocked pixel in the column); exactly 0 marks a blocked pixel.
  const column = new Uint16Array(cols * rows);
  const run = new Uint16Array(cols).fill(NONE);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const d = isBlocked(flags[base + c]!) ? 0 : Math.min(NONE, run[c]! + 1);
      run[c] = d;
      column[base + c] = d;
    }
  }
  run.fill(NONE);
  for (let r = rows - 1; r >= 0; r--) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const own = column[base + c]!;
      const d = own === 0 ? 0 : Math.min(own, run[c]! + 1);
      run[c] = d;
      column[base + c] = d;
    }
  }
  // Rows. A run of unblocked pixels needs only itself and the blocked pixel at each end: any column
  // beyond that pixel is farther than it.
  const out = new Float32Array(cols * rows).fill(-1);
  const f = new Float64Array(cols);
  const d = new Float64Array(cols);
  const v = new Int32Array(cols);
  const z = new Float64Array(cols + 1);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    let c = 0;
    while (c < cols) {
      if (column[base + c] === 0) {
        c++;
        continue;
      }
      let end = c;
      while (end + 1 < cols && column[base + end + 1] !== 0) end++;
      const from = Math.max(0, c - 1);
      const to = Math.min(cols - 1, end + 1);
      const n = to - from + 1;
      for (let k = 0; k < n; k++) {
        const g = column[base + from + k]!;
        f[k] = g === NONE ? FAR : g * g;
      }
      envelope(f, n, d, v, z);
      for (let k = c; k <= end; k++) out[base + k] = Math.sqrt(d[k - from]!) * px - px / 2;
      c = end + 1;
    }
  }
  return out;
}

/** d[q] = min over p of (q − p)² + f[p], for q in 0…n−1 (v, z: work arrays). */
function envelope(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    const fq = f[q]! + q * q;
    // Pop parabolas the new one hides; z[0] = −∞ stops the loop at the first.
    let p = v[k]!;
    let s = (fq - (f[p]! + p * p)) / (2 * (q - p));
    while (s <= z[k]!) {
      k--;
      p = v[k]!;
      s = (fq - (f[p]! + p * p)) / (2 * (q - p));
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const p = v[k]!;
    d[q] = (q - p) * (q - p) + f[p]!;
  }
}
