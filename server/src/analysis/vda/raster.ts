/**
 * A fine raster of the ground in local metres: one byte of flags per pixel, filled by scanline from
 * polygons and buffered lines. Pixel (c, r) is the square of side `px` centred on (x0 + c·px, y0 + r·px);
 * a shape covers a pixel when it contains the pixel's centre.
 */
export interface Raster {
  px: number;
  x0: number;
  y0: number;
  cols: number;
  rows: number;
  flags: Uint8Array;
}

/** Pixel flags. A pixel a vehicle can be on is SURFACE and neither OBSTACLE nor WATER. */
export const Px = {
  /** Open space that gets grid cells (mapped open areas; all land under the conservative policy). */
  AREA: 1,
  /** Drivable ground: AREA plus ground-level road and path corridors (for clear widths and links). */
  SURFACE: 2,
  OBSTACLE: 4,
  WATER: 8,
} as const;

export function createRaster(px: number, x0: number, y0: number, cols: number, rows: number): Raster {
  return { px, x0, y0, cols, rows, flags: new Uint8Array(cols * rows) };
}

/** What a fill does to each covered pixel: set some flags, then clear others. */
export interface FillOp {
  set: number;
  clear: number;
}

function fillSpan(raster: Raster, row: number, xFrom: number, xTo: number, op: FillOp): void {
  const { px, x0, cols, flags } = raster;
  // Columns whose centre x0 + c·px lies in [xFrom, xTo].
  const c0 = Math.max(0, Math.ceil((xFrom - x0) / px));
  const c1 = Math.min(cols - 1, Math.floor((xTo - x0) / px));
  const keep = ~op.clear & 0xff;
  for (let i = row * cols + c0, end = row * cols + c1; i <= end; i++) flags[i] = (flags[i]! & keep) | op.set;
}

/**
 * Fills a polygon given as rings of flat [x0, y0, x1, y1, …] local coordinates (closed or not), even-odd
 * rule across all rings, so holes stay unfilled. Crossings are bucketed per row: linear in the polygon's
 * size plus the pixels filled.
 */
export function fillPolygon(raster: Raster, rings: readonly Float64Array[], op: FillOp): void {
  const { px, y0, rows } = raster;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i += 2) {
      const y = ring[i]!;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  // Rows whose centre y lies in [minY, maxY).
  const r0 = Math.max(0, Math.ceil((minY - y0) / px));
  const r1 = Math.min(rows - 1, Math.ceil((maxY - y0) / px) - 1);
  if (r1 < r0) return;
  const span = r1 - r0 + 1;
  const counts = new Uint32Array(span + 1);
  // Edge (a → b) crosses the centre line of row r when ya ≤ y < yb or yb ≤ y < ya (half-open: a vertex on
  // the line counts once).
  const rowRange = (ya: number, yb: number): [number, number] => {
    const lo = Math.min(ya, yb);
    const hi = Math.max(ya, yb);
    return [Math.max(r0, Math.ceil((lo - y0) / px)), Math.min(r1, Math.ceil((hi - y0) / px) - 1)];
  };
  const forEachEdge = (visit: (xa: number, ya: number, xb: number, yb: number) => void) => {
    for (const ring of rings) {
      const n = ring.length >> 1;
      for (let i = 0; i < n; i++) {
        const j = i + 1 === n ? 0 : i + 1;
        const ya = ring[2 * i + 1]!;
        const yb = ring[2 * j + 1]!;
        if (ya !== yb) visit(ring[2 * i]!, ya, ring[2 * j]!, yb);
      }
    }
  };
  forEachEdge((_xa, ya, _xb, yb) => {
    const [a, b] = rowRange(ya, yb);
    for (let r = a; r <= b; r++) counts[r - r0 + 1]!++;
  });
  for (let k = 1; k <= span; k++) counts[k]! += counts[k - 1]!;
  const xs = new Float64Array(counts[span]!);
  const next = counts.slice(0, span);
  forEachEdge((xa, ya, xb, yb) => {
    const [a, b] = rowRange(ya, yb);
    const slope = (xb - xa) / (yb - ya);
    for (let r = a; r <= b; r++) xs[next[r - r0]!++] = xa + (y0 + r * px - ya) * slope;
  });
  for (let k = 0; k < span; k++) {
    const row = xs.subarray(counts[k]!, counts[k + 1]!).sort();
    for (let i = 0; i + 1 < row.length; i += 2) fillSpan(raster, r0 + k, row[i]!, row[i + 1]!, op);
  }
}

/**
 * Fills the pixels whose centre is within `radius` of the polyline (flat [x, y, …]): a chain of capsules.
 * Per row, each capsule meets the row's centre line in one interval (it is convex), the union of the
 * intervals cut by its two end discs and its middle band.
 */
export function fillBufferedLine(raster: Raster, line: Float64Array, radius: number, op: FillOp): void {
  const n = line.length >> 1;
  if (n === 1) {
    fillCapsule(raster, line[0]!, line[1]!, line[0]!, line[1]!, radius, op);
    return;
  }
  for (let i = 0; i + 1 < n; i++) {
    fillCapsule(raster, line[2 * i]!, line[2 * i + 1]!, line[2 * i + 2]!, line[2 * i + 3]!, radius, op);
  }
}

function fillCapsule(
  raster: Raster,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  radius: number,
  op: FillOp,
): void {
  const { px, y0, rows } = raster;
  const r0 = Math.max(0, Math.ceil((Math.min(ay, by) - radius - y0) / px));
  const r1 = Math.min(rows - 1, Math.floor((Math.max(ay, by) + radius - y0) / px));
  const length = Math.hypot(bx - ax, by - ay);
  const ux = length > 0 ? (bx - ax) / length : 1;
  const uy = length > 0 ? (by - ay) / length : 0;
  for (let r = r0; r <= r1; r++) {
    const y = y0 + r * px;
    let lo = Infinity;
    let hi = -Infinity;
    const da = y - ay;
    if (Math.abs(da) <= radius) {
      const h = Math.sqrt(radius * radius - da * da);
      lo = ax - h;
      hi = ax + h;
    }
    const db = y - by;
    if (Math.abs(db) <= radius) {
      const h = Math.sqrt(radius * radius - db * db);
      lo = Math.min(lo, bx - h);
      hi = Math.max(hi, bx + h);
    }
    // Band: 0 ≤ (P − A)·u ≤ length and |(P − A)·n| ≤ radius with n = (−uy, ux); both are linear in
    // x − ax (coefficients ux and −uy), so each is an interval of x or all or nothing.
    let band = true;
    let bandLo = -Infinity;
    let bandHi = Infinity;
    const along = da * uy;
    if (Math.abs(ux) < 1e-12) band = along >= 0 && along <= length;
    else {
      const p = -along / ux;
      const q = (length - along) / ux;
      bandLo = Math.min(p, q);
      bandHi = Math.max(p, q);
    }
    const across = da * ux;
    if (Math.abs(uy) < 1e-12) band &&= Math.abs(across) <= radius;
    else {
      const p = (across + radius) / uy;
      const q = (across - radius) / uy;
      bandLo = Math.max(bandLo, Math.min(p, q));
      bandHi = Math.min(bandHi, Math.max(p, q));
    }
    if (band && bandLo <= bandHi) {
      lo = Math.min(lo, ax + bandLo);
      hi = Math.max(hi, ax + bandHi);
    }
    if (lo <= hi) fillSpan(raster, r, lo, hi, op);
  }
}
