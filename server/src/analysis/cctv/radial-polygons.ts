/**
 * Polygons cut from a camera's visibility cells (visibility-sweep.ts) between two distances: the region
 * { rLo ≤ r ≤ min(ρ(θ), rHi) } where ρ is the cells' outer boundary. In polar terms a line at distance p
 * from the camera is ρ(θ) = p / cos(θ − α), so where it crosses a circle is solved exactly and every cell
 * is split there; only the circles themselves are drawn as chords (sagitta ≤ 5 cm, at most 2° apart).
 * Polygons are counter-clockwise, holes clockwise, in camera-relative metres.
 */
import type { MultiPolygon, Pair, Ring } from 'polygon-clipping';
import { normAngle, rayDistance, TWO_PI, type Boundary, type Cell, type Sector } from './visibility-sweep.js';

/** Where the circles are drawn as chords: the largest sagitta and angle step. */
const ARC_SAGITTA_M = 0.05;
const ARC_MAX_STEP = (2 * Math.PI) / 180;
const EPS = 1e-12;

/** A piece of a region between two boundaries over an angular interval; inner null = the camera. */
export interface Piece {
  from: number;
  to: number;
  inner: Boundary | null;
  outer: Boundary;
}

const arcStep = (r: number) => Math.min(ARC_MAX_STEP, 2 * Math.acos(Math.max(-1, 1 - ARC_SAGITTA_M / r)));

/** Angles in (from, to) where a line boundary is at distance r. */
function crossings(b: Boundary, r: number, sector: Sector, from: number, to: number): number[] {
  if (b.kind === 'arc' || r <= 0) return [];
  // The foot of the perpendicular from the camera: the line's nearest point, at angle alpha.
  const f = (b.px * b.dx + b.py * b.dy) / (b.dx * b.dx + b.dy * b.dy);
  const fx = b.px - f * b.dx;
  const fy = b.py - f * b.dy;
  const dist = Math.hypot(fx, fy);
  if (dist >= r) return [];
  const alpha = Math.atan2(fy, fx);
  const half = Math.acos(dist / r);
  const out: number[] = [];
  for (const theta of [alpha - half, alpha + half]) {
    const phi = normAngle(theta - sector.start);
    for (const candidate of [phi, phi - TWO_PI, phi + TWO_PI]) {
      if (candidate > from + EPS && candidate < to - EPS) out.push(candidate);
    }
  }
  return out;
}

/** The pieces of the region between rLo and rHi (rLo 0: from the camera). */
export function bandPieces(cells: Cell[], sector: Sector, rLo: number, rHi: number): Piece[] {
  const pieces: Piece[] = [];
  const inner: Boundary | null = rLo > 0 ? { kind: 'arc', r: rLo } : null;
  for (const cell of cells) {
    const cuts = [
      cell.from,
      ...crossings(cell.outer, rLo, sector, cell.from, cell.to),
      ...crossings(cell.outer, rHi, sector, cell.from, cell.to),
      cell.to,
    ].sort((p, q) => p - q);
    for (let k = 1; k < cuts.length; k++) {
      const from = cuts[k - 1]!;
      const to = cuts[k]!;
      if (to - from <= EPS) continue;
      const mid = sector.start + (from + to) / 2;
      const rho = rayDistance(cell.outer, Math.cos(mid), Math.sin(mid));
      if (rho <= rLo) continue;
      pieces.push({ from, to, inner, outer: rho >= rHi ? { kind: 'arc', r: rHi } : cell.outer });
    }
  }
  return pieces;
}

/** The pieces where the camera looks into a private footprint: from its facade to its far wall. */
export function privatePieces(cells: Cell[]): Piece[] {
  return cells.flatMap((c) =>
    c.privateOwner === undefined ? [] : [{ from: c.from, to: c.to, inner: c.outer, outer: c.exit! }],
  );
}

function boundaryPoints(b: Boundary | null, sector: Sector, from: number, to: number, out: Pair[]): void {
  if (b === null) {
    out.push([0, 0]);
    return;
  }
  const at = (phi: number): Pair => {
    const theta = sector.start + phi;
    const ux = Math.cos(theta);
    const uy = Math.sin(theta);
    const r = rayDistance(b, ux, uy);
    return [r * ux, r * uy];
  };
  if (b.kind === 'line') {
    out.push(at(from), at(to));
    return;
  }
  const n = Math.max(1, Math.ceil(Math.abs(to - from) / arcStep(b.r)));
  for (let i = 0; i <= n; i++) out.push(at(from + ((to - from) * i) / n));
}

function closeRing(points: Pair[]): Ring | null {
  const ring: Pair[] = [];
  for (const p of points) {
    const q = ring[ring.length - 1];
    if (!q || Math.abs(q[0] - p[0]) > 1e-9 || Math.abs(q[1] - p[1]) > 1e-9) ring.push(p);
  }
  while (ring.length > 1) {
    const [a, b] = [ring[0]!, ring[ring.length - 1]!];
    if (Math.abs(a[0] - b[0]) > 1e-9 || Math.abs(a[1] - b[1]) > 1e-9) break;
    ring.pop();
  }
  if (ring.length < 3) return null;
  ring.push([ring[0]![0], ring[0]![1]]);
  return ring;
}

/**
 * Polygons from pieces in angular order: contiguous pieces make one polygon, its outer boundaries forward
 * and its inner ones back. Over a whole circle the run closes on itself, and an inner circle is a hole.
 */
export function piecesToPolygons(pieces: Piece[], sector: Sector): MultiPolygon {
  const runs: Piece[][] = [];
  for (const piece of pieces) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    if (run && prev && Math.abs(prev.to - piece.from) <= EPS) run.push(piece);
    else runs.push([piece]);
  }
  const full = sector.width >= TWO_PI - EPS;
  if (full && runs.length > 1) {
    const first = runs[0]![0]!;
    const lastRun = runs[runs.length - 1]!;
    if (first.from <= EPS && lastRun[lastRun.length - 1]!.to >= TWO_PI - EPS) {
      runs[0] = [...lastRun, ...runs[0]!];
      runs.pop();
    }
  }
  const polygons: MultiPolygon = [];
  for (const run of runs) {
    const closed = full && run.length > 0 && run[0]!.from <= EPS && run[run.length - 1]!.to >= TWO_PI - EPS;
    const outer: Pair[] = [];
    for (const p of run) boundaryPoints(p.outer, sector, p.from, p.to, outer);
    if (closed && run.every((p) => p.inner === null || p.inner.kind === 'arc')) {
      const ring = closeRing(outer);
      if (!ring) continue;
      const r = (run[0]!.inner as { r: number } | null)?.r;
      const hole: Pair[] = [];
      if (r !== undefined) boundaryPoints({ kind: 'arc', r }, sector, TWO_PI, 0, hole);
      const holeRing = r === undefined ? null : closeRing(hole);
      polygons.push(holeRing ? [ring, holeRing] : [ring]);
      continue;
    }
    const inner: Pair[] = [];
    let atCamera = false;
    for (let i = run.length - 1; i >= 0; i--) {
      const p = run[i]!;
      if (p.inner === null) {
        if (!atCamera) inner.push([0, 0]);
        atCamera = true;
      } else boundaryPoints(p.inner, sector, p.to, p.from, inner);
    }
    const ring = closeRing([...outer, ...inner]);
    if (ring) polygons.push([ring]);
  }
  return polygons;
}
