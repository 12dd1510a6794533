import { isBlocked } from './clearance.js';
import type { Raster } from './raster.js';

export interface NearestBlocked {
  /** Metres from the point to the nearest blocked pixel's edge (0 when the point is on one). */
  distance: number;
  /** The point on that pixel's edge, towards the query point (local metres). */
  x: number;
  y: number;
}

/**
 * The nearest pixel a vehicle cannot be on (obstacle, water, undrivable ground) within `maxDistance` of
 * (x, y), searched in square rings of pixels outward from the point's pixel; null when there is none
 * (or the point is off the raster).
 */
export function nearestBlocked(
  raster: Raster,
  x: number,
  y: number,
  maxDistance: number,
): NearestBlocked | null {
  const { px, x0, y0, cols, rows, flags } = raster;
  const c0 = Math.round((x - x0) / px);
  const r0 = Math.round((y - y0) / px);
  if (c0 < 0 || r0 < 0 || c0 >= cols || r0 >= rows) return null;
  if (isBlocked(flags[r0 * cols + c0]!)) return { distance: 0, x, y };
  const reach = Math.ceil(maxDistance / px) + 1;
  let best = Infinity;
  let bestC = -1;
  let bestR = -1;
  for (let k = 1; k <= reach; k++) {
    // Every pixel of ring k is at least (k − 1)·px from the point: stop once that beats the best.
    if ((k - 1) * px > best) break;
    for (let r = r0 - k; r <= r0 + k; r++) {
      if (r < 0 || r >= rows) continue;
      const step = r === r0 - k || r === r0 + k ? 1 : 2 * k;
      for (let c = c0 - k; c <= c0 + k; c += step) {
        if (c < 0 || c >= cols || !isBlocked(flags[r * cols + c]!)) continue;
        const d = Math.hypot(x0 + c * px - x, y0 + r * px - y);
        if (d < best) {
          best = d;
          bestC = c;
          bestR = r;
        }
      }
    }
  }
  const distance = Math.max(0, best - px / 2);
  if (bestC < 0 || distance > maxDistance) return null;
  const cx = x0 + bestC * px;
  const cy = y0 + bestR * px;
  const t = distance / best;
  return { distance, x: x + (cx - x) * t, y: y + (cy - y) * t };
}
