/**
 * The 2D visibility of a camera: an angular sweep over the segments that block it (Asano's method). Every
 * segment end, every place a segment crosses the range circle and the edges of the field of view cut the
 * sector into angular cells; within a cell the nearest segment along every ray is the same one (the
 * segments are cut where they cross in preparation, obstacles.ts), so one ray per cell finds it. The
 * answer is the cells, each with its outer boundary (a segment's line or the range circle): a polar
 * description from which detail bands and polygons are cut exactly (radial-polygons.ts).
 *
 * Coordinates are relative to the camera, in metres; angles are mathematical (counter-clockwise from
 * east), and cell angles are measured from the start of the field of view.
 */

export interface Sector {
  /** Mathematical angle of the field of view's right-hand edge, radians. */
  start: number;
  /** Field of view, radians, up to 2π. */
  width: number;
}

export type Boundary =
  | { kind: 'arc'; r: number }
  /** The line through (px, py) along (dx, dy); `seg` is the segment it comes from. */
  | { kind: 'line'; px: number; py: number; dx: number; dy: number; seg: number };

export interface Cell {
  from: number;
  to: number;
  outer: Boundary;
  /**
   * When the nearest segment outlines a footprint whose owner `privateOf` names: that owner and where
   * the ray leaves the footprint again (its far wall, or the range circle): the camera looks into it.
   */
  privateOwner?: number;
  exit?: Boundary;
}

export const TWO_PI = 2 * Math.PI;
const ANGLE_EPSILON = 1e-12;

export const normAngle = (a: number) => {
  const r = a % TWO_PI;
  return r < 0 ? r + TWO_PI : r;
};

/** Distance along the ray (ux, uy) from the origin to the line of a boundary (Infinity if parallel). */
export function rayDistance(b: Boundary, ux: number, uy: number): number {
  if (b.kind === 'arc') return b.r;
  const denom = ux * b.dy - uy * b.dx;
  return denom === 0 ? Infinity : (b.px * b.dy - b.py * b.dx) / denom;
}

export interface SweepOptions {
  /** The private owner of segment `seg` (see Cell.privateOwner), or −1. */
  privateOf?: (seg: number) => number;
  /** Owner of a segment, to find where a ray leaves a private footprint. */
  ownerOf?: (seg: number) => number;
}

interface Active {
  from: number;
  to: number;
  seg: number;
}

/**
 * Cells of the visible region within `rangeM` in `sector`, from `segments` (x1, y1, x2, y2 per segment,
 * relative to the camera) that block the view; `ids[i]` names segment i in the answer.
 */
export function sweepVisibility(
  segments: ArrayLike<number>,
  ids: ArrayLike<number>,
  rangeM: number,
  sector: Sector,
  options: SweepOptions = {},
): Cell[] {
  const width = Math.min(sector.width, TWO_PI);
  const spans: Active[] = [];
  const breaks: number[] = [0, width];
  const count = ids.length;
  const addSpan = (from: number, to: number, seg: number) => {
    const a = Math.max(0, from);
    const b = Math.min(width, to);
    if (b - a <= ANGLE_EPSILON) return;
    spans.push({ from: a, to: b, seg });
    breaks.push(a, b);
  };
  const r2 = rangeM * rangeM;
  for (let i = 0; i < count; i++) {
    let x1 = segments[4 * i]!;
    let y1 = segments[4 * i + 1]!;
    let x2 = segments[4 * i + 2]!;
    let y2 = segments[4 * i + 3]!;
    let cross = x1 * y2 - x2 * y1;
    // A segment along a ray hides nothing that its neighbours do not.
    if (Math.abs(cross) <= 1e-12 * (x1 * x1 + y1 * y1 + x2 * x2 + y2 * y2)) continue;
    if (cross < 0) {
      [x1, y1, x2, y2] = [x2, y2, x1, y1];
      cross = -cross;
    }
    const from = normAngle(Math.atan2(y1, x1) - sector.start);
    const to = from + Math.atan2(cross, x1 * x2 + y1 * y2);
    addSpan(from, to, i);
    if (to > TWO_PI) addSpan(0, to - TWO_PI, i);
    // Where the segment crosses the range circle the boundary switches between it and the arc.
    const dx = x2 - x1;
    const dy = y2 - y1;
    const a = dx * dx + dy * dy;
    const b = 2 * (x1 * dx + y1 * dy);
    const c = x1 * x1 + y1 * y1 - r2;
    const disc = b * b - 4 * a * c;
    if (disc > 0) {
      for (const s of [(-b - Math.sqrt(disc)) / (2 * a), (-b + Math.sqrt(disc)) / (2 * a)]) {
        if (s <= 0 || s >= 1) continue;
        const phi = normAngle(Math.atan2(y1 + s * dy, x1 + s * dx) - sector.start);
        if (phi > 0 && phi < width) breaks.push(phi);
      }
    }
  }
  breaks.sort((p, q) => p - q);
  spans.sort((p, q) => p.from - q.from);

  const cells: Cell[] = [];
  const active: Active[] = [];
  let next = 0;
  let last = -Infinity;
  for (let k = 0; k < breaks.length; k++) {
    const a = breaks[k]!;
    if (a - last <= ANGLE_EPSILON) continue;
    if (last > -Infinity) emitCell(last, a);
    last = a;
  }

  function emitCell(a: number, b: number) {
    while (next < spans.length && spans[next]!.from <= a + ANGLE_EPSILON) active.push(spans[next++]!);
    const mid = sector.start + (a + b) / 2;
    const ux = Math.cos(mid);
    const uy = Math.sin(mid);
    let best = rangeM;
    let bestSeg = -1;
    for (let j = active.length - 1; j >= 0; j--) {
      const span = active[j]!;
      if (span.to <= a + ANGLE_EPSILON) {
        active[j] = active[active.length - 1]!;
        active.pop();
        continue;
      }
      const t = hit(span.seg, ux, uy);
      if (t < best) {
        best = t;
        bestSeg = span.seg;
      }
    }
    const outer: Boundary = bestSeg < 0 ? { kind: 'arc', r: rangeM } : lineOf(bestSeg);
    const cell: Cell = { from: a, to: b, outer };
    const owner = bestSeg < 0 || !options.privateOf ? -1 : options.privateOf(ids[bestSeg]!);
    if (owner >= 0) {
      // The far wall: the nearest segment of the same footprint beyond the facade.
      let exit = rangeM;
      let exitSeg = -1;
      for (const span of active) {
        if (options.ownerOf!(ids[span.seg]!) !== owner || span.seg === bestSeg) continue;
        const t = hit(span.seg, ux, uy);
        if (t > best && t < exit) {
          exit = t;
          exitSeg = span.seg;
        }
      }
      cell.privateOwner = owner;
      cell.exit = exitSeg < 0 ? { kind: 'arc', r: rangeM } : lineOf(exitSeg);
    }
    const prev = cells[cells.length - 1];
    if (prev && prev.to === a && sameCell(prev, cell)) prev.to = b;
    else cells.push(cell);
  }

  function hit(seg: number, ux: number, uy: number): number {
    const x1 = segments[4 * seg]!;
    const y1 = segments[4 * seg + 1]!;
    const dx = segments[4 * seg + 2]! - x1;
    const dy = segments[4 * seg + 3]! - y1;
    const denom = ux * dy - uy * dx;
    if (denom === 0) return Infinity;
    const t = (x1 * dy - y1 * dx) / denom;
    return t > 0 ? t : Infinity;
  }

  function lineOf(seg: number): Boundary {
    const px = segments[4 * seg]!;
    const py = segments[4 * seg + 1]!;
    return {
      kind: 'line',
      px,
      py,
      dx: segments[4 * seg + 2]! - px,
      dy: segments[4 * seg + 3]! - py,
      seg: ids[seg]!,
    };
  }

  return cells;
}

const sameBoundary = (a: Boundary | undefined, b: Boundary | undefined) =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    (a.kind === 'arc' ? b.kind === 'arc' && a.r === b.r : b.kind === 'line' && a.seg === b.seg));

const sameCell = (a: Cell, b: Cell) =>
  sameBoundary(a.outer, b.outer) && a.privateOwner === b.privateOwner && sameBoundary(a.exit, b.exit);
