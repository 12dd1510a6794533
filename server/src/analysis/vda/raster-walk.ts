import type { Raster } from './raster.js';

/**
 * The smallest clearance (metres) over every pixel the straight segment A→B passes through, or −1 when
 * it touches a blocked pixel (clearance < 0) or leaves the raster. Pixels are visited with the
 * Amanatides–Woo traversal, so a segment cannot slip between the pixels of a 4-connected wall.
 */
export function walkClearance(
  raster: Raster,
  clearance: Float32Array,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const { px, x0, y0, cols, rows } = raster;
  // Continuous pixel coordinates: pixel c spans [c, c + 1).
  const ua = (ax - x0) / px + 0.5;
  const va = (ay - y0) / px + 0.5;
  const ub = (bx - x0) / px + 0.5;
  const vb = (by - y0) / px + 0.5;
  let c = Math.floor(ua);
  let r = Math.floor(va);
  const steps = Math.abs(Math.floor(ub) - c) + Math.abs(Math.floor(vb) - r);
  if (c < 0 || r < 0 || c >= cols || r >= rows) return -1;
  let min = clearance[r * cols + c]!;
  if (min < 0) return -1;
  const du = ub - ua;
  const dv = vb - va;
  const sc = du > 0 ? 1 : -1;
  const sr = dv > 0 ? 1 : -1;
  const tDeltaC = du !== 0 ? Math.abs(1 / du) : Infinity;
  const tDeltaR = dv !== 0 ? Math.abs(1 / dv) : Infinity;
  let tMaxC = du > 0 ? (c + 1 - ua) / du : du < 0 ? (ua - c) / -du : Infinity;
  let tMaxR = dv > 0 ? (r + 1 - va) / dv : dv < 0 ? (va - r) / -dv : Infinity;
  for (let i = 0; i < steps; i++) {
    if (tMaxC <= tMaxR) {
      c += sc;
      tMaxC += tDeltaC;
    } else {
      r += sr;
      tMaxR += tDeltaR;
    }
    if (c < 0 || r < 0 || c >= cols || r >= rows) return -1;
    const value = clearance[r * cols + c]!;
    if (value < 0) return -1;
    if (value < min) min = value;
  }
  return min;
}
