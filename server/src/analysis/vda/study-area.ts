import Flatbush from 'flatbush';

/**
 * The study area in local metres (outer ring and holes as flat [x, y, …] rings), with its ring edges in
 * a spatial index so point-in-polygon and segment clipping cost a few edges rather than all of them.
 */
export class StudyArea {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  private readonly ax: Float64Array;
  private readonly ay: Float64Array;
  private readonly bx: Float64Array;
  private readonly by: Float64Array;
  private readonly index: Flatbush;

  constructor(readonly rings: Float64Array[]) {
    const edges: number[] = [];
    for (const ring of rings) {
      const n = ring.length >> 1;
      for (let i = 0; i < n; i++) {
        const j = (i + 1) % n;
        if (ring[2 * i] === ring[2 * j] && ring[2 * i + 1] === ring[2 * j + 1]) continue;
        edges.push(ring[2 * i]!, ring[2 * i + 1]!, ring[2 * j]!, ring[2 * j + 1]!);
      }
    }
    const count = edges.length / 4;
    this.ax = new Float64Array(count);
    this.ay = new Float64Array(count);
    this.bx = new Float64Array(count);
    this.by = new Float64Array(count);
    this.index = new Flatbush(Math.max(1, count));
    for (let e = 0; e < count; e++) {
      const ax = edges[4 * e]!;
      const ay = edges[4 * e + 1]!;
      const bx = edges[4 * e + 2]!;
      const by = edges[4 * e + 3]!;
      this.ax[e] = ax;
      this.ay[e] = ay;
      this.bx[e] = bx;
      this.by[e] = by;
      this.index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    }
    if (count === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
    this.minX = this.index.minX;
    this.minY = this.index.minY;
    this.maxX = this.index.maxX;
    this.maxY = this.index.maxY;
  }

  /** Even-odd point-in-polygon over the edges a ray to +x can cross. */
  contains(x: number, y: number): boolean {
    if (x < this.minX || x > this.maxX || y < this.minY || y > this.maxY) return false;
    let inside = false;
    for (const e of this.index.search(x, y, this.maxX, y)) {
      const ay = this.ay[e]!;
      const by = this.by[e]!;
      if (ay > y !== by > y) {
        const ax = this.ax[e]!;
        const xCross = ax + ((y - ay) * (this.bx[e]! - ax)) / (by - ay);
        if (xCross > x) inside = !inside;
      }
    }
    return inside;
  }

  /**
   * The parts of segment A→B inside the area, as [t0, t1, t0, t1, …] fractions along it in order.
   * Crossings split the segment; each piece is kept when its midpoint is inside.
   */
  clipSegment(ax: number, ay: number, bx: number, by: number): number[] {
    const ts = [0, 1];
    const rx = bx - ax;
    const ry = by - ay;
    const hits = this.index.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    for (const e of hits) {
      const sx = this.bx[e]! - this.ax[e]!;
      const sy = this.by[e]! - this.ay[e]!;
      const denom = rx * sy - ry * sx;
      if (denom === 0) continue;
      const qx = this.ax[e]! - ax;
      const qy = this.ay[e]! - ay;
      const t = (qx * sy - qy * sx) / denom;
      const u = (qx * ry - qy * rx) / denom;
      if (t > 0 && t < 1 && u >= 0 && u <= 1) ts.push(t);
    }
    if (ts.length > 2) ts.sort((a, b) => a - b);
    const pieces: number[] = [];
    for (let i = 0; i + 1 < ts.length; i++) {
      const t0 = ts[i]!;
      const t1 = ts[i + 1]!;
      if (t1 <= t0) continue;
      const tm = (t0 + t1) / 2;
      if (!this.contains(ax + rx * tm, ay + ry * tm)) continue;
      if (pieces.length > 0 && pieces[pieces.length - 1] === t0) pieces[pieces.length - 1] = t1;
      else pieces.push(t0, t1);
    }
    return pieces;
  }
}
