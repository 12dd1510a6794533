/**
 * Approach vectors (DOMAIN.md §3): for one protected zone and one vehicle class, each distinct way a vehicle
 * gets into the zone, from the speed field of `propagateSpeeds`: where it starts, the path, the speed along
 * it, and how fast and at what angle it meets the zone boundary.
 *
 * An approach is a directed edge that starts outside the zone and crosses its boundary (an edge ending on
 * the boundary counts); the impact point is the first crossing, and the speed there is interpolated along
 * the edge from the speed the vehicle entered it with. Vehicles that start inside the zone are out of scope
 * (already inside the protected area). Crossings close together along the boundary (a wide road or a
 * plaza side crossed by several parallel edges) are one way in, reported by its fastest crossing.
 *
 * The zone comes in local metres (the graph's projection; `polygonToLocal` converts WGS84); the output is
 * WGS84 GeoJSON.
 */
import type { LineString, Polygon, Position } from 'geojson';
import { requiredRating, type RequiredRating } from '../ratings.js';
import type { VehicleProfile } from '../vehicles.js';
import type { TraversalGraph } from './graph.js';
import { toLocal, toLonLat } from './projection.js';
import {
  MeasureOutcome,
  pathFromEntry,
  speedAlongStep,
  type PathStep,
  type SpeedField,
} from './propagate.js';
import type { SpeedModel } from './speed-model.js';

/** Our default: crossings closer than this along the boundary (or two cells, if more) are one way in (m). */
export const DEFAULT_MERGE_DISTANCE_M = 10;
/** Longest step between speed-profile samples along an edge (m). */
export const DEFAULT_PROFILE_STEP_M = 10;
/**
 * Our default: the path drawn is the shortest run-in (a suffix of the best path, from rest) whose impact
 * speed is within this of the best (km/h). Many starts reach the same capped speed; the nearest is the one
 * an adviser needs to see.
 */
export const DEFAULT_PATH_TOLERANCE_KMH = 0.5;
/** Our default: the impact angle is taken over the last this-many metres of the path (at least). */
export const IMPACT_HEADING_M = 10;
/** A measure less than this past the boundary (m) counts as on it: a vehicle it stops does not get in. */
const STOP_TOLERANCE_M = 0.5;

export interface ApproachOptions {
  /** Crossings closer than this along the zone boundary are one way in (m); default max(10, 2 cells). */
  mergeDistanceM?: number;
  /** Longest step between speed-profile samples along an edge (m), DEFAULT_PROFILE_STEP_M. */
  profileStepM?: number;
  /** See DEFAULT_PATH_TOLERANCE_KMH. */
  pathToleranceKmh?: number;
  /** The class's profile, for the required rating (ratings.ts); without it `requiredRating` is null. */
  profile?: Pick<VehicleProfile, 'vehicleClass' | 'label' | 'massKg' | 'testClass' | 'testMassKg'>;
}

/** A measure the path crosses without being stopped. */
export interface PassedMeasure {
  measureIndex: number;
  measureId: string;
  kind: string;
  /** pass: no effect at that speed (under-rated, a gap, unrated); cap: slowed (a chicane). */
  outcome: 'pass' | 'cap';
  /** Along the path from its start (m). */
  distanceM: number;
  speedKmh: number;
  /** Speed leaving it (lower than `speedKmh` when capped). */
  speedOutKmh: number;
}

export interface ApproachVector {
  vehicleClass: string;
  /** The highest speed any path reaches at the impact point; the path shown reaches within the tolerance. */
  impactSpeedKmh: number;
  /** Between the final heading and the zone boundary at the impact point: 90 = head-on. */
  impactAngleDeg: number;
  energyKj: number;
  /** Path length from the start to the impact point (m). */
  runUpM: number;
  /** Where the path starts: at rest, or entering the study area at road speed. */
  start: { lonLat: Position; kind: 'rest' | 'boundary'; speedKmh: number };
  impactPoint: Position;
  /** From the start to the impact point, WGS84. */
  path: LineString;
  /** [distance from the start (m), speed (km/h)]: at every vertex (both sides of a corner), at measures, and every `profileStepM` between. */
  speedProfile: [number, number][];
  /** Names of the roads and paths along the path, in order. */
  roadNames: string[];
  measures: PassedMeasure[];
  requiredRating: RequiredRating | null;
  /** The way in: which boundary ring, its extent along the boundary (m), and how many edges cross there. */
  entry: { ring: number; widthM: number; crossings: number };
}

/** A WGS84 polygon in the graph's local metres. */
export function polygonToLocal(graph: TraversalGraph, polygon: Polygon): Polygon {
  return {
    type: 'Polygon',
    coordinates: polygon.coordinates.map((ring) =>
      ring.map(([lon, lat]) => toLocal(graph.projection, lon!, lat!)),
    ),
  };
}

/** A zone's rings as flat arrays with cumulative lengths, for crossing and containment tests. */
export class ZoneRings {
  readonly xs: Float64Array[];
  readonly ys: Float64Array[];
  readonly cumulative: Float64Array[];
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;

  constructor(zone: Polygon) {
    this.xs = zone.coordinates.map((ring) => Float64Array.from(ring, (p) => p[0]!));
    this.ys = zone.coordinates.map((ring) => Float64Array.from(ring, (p) => p[1]!));
    this.cumulative = this.xs.map((xs, r) => {
      const ys = this.ys[r]!;
      const c = new Float64Array(xs.length);
      for (let i = 1; i < xs.length; i++)
        c[i] = c[i - 1]! + Math.hypot(xs[i]! - xs[i - 1]!, ys[i]! - ys[i - 1]!);
      return c;
    });
    const allX = this.xs.flatMap((a) => [...a]);
    const allY = this.ys.flatMap((a) => [...a]);
    this.minX = Math.min(...allX);
    this.maxX = Math.max(...allX);
    this.minY = Math.min(...allY);
    this.maxY = Math.max(...allY);
  }

  /** Strictly outside every part of the zone (not inside, not on the boundary). */
  outside(x: number, y: number): boolean {
    if (x < this.minX || x > this.maxX || y < this.minY || y > this.maxY) return true;
    let inside = false;
    for (let r = 0; r < this.xs.length; r++) {
      const xs = this.xs[r]!;
      const ys = this.ys[r]!;
      for (let i = 1; i < xs.length; i++) {
        const x0 = xs[i - 1]!;
        const y0 = ys[i - 1]!;
        const x1 = xs[i]!;
        const y1 = ys[i]!;
        // On the boundary counts as reached.
        const dx = x1 - x0;
        const dy = y1 - y0;
        const len2 = dx * dx + dy * dy;
        const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / len2)) : 0;
        if (Math.hypot(x - x0 - t * dx, y - y0 - t * dy) < 1e-6) return false;
        if (y0 > y !== y1 > y && x < x0 + ((y - y0) * dx) / dy) inside = !inside;
      }
    }
    return !inside;
  }
}

/**
 * Per graph node, 1 where it lies inside or on one of `zones` (local metres): where approach paths end
 * (PropagateOptions.endNodes). A path through a zone to another side of it is not an approach: it was in
 * at its first crossing.
 */
export function nodesInZones(graph: TraversalGraph, zones: readonly Polygon[]): Uint8Array {
  const inside = new Uint8Array(graph.nodeCount);
  for (const zone of zones) {
    const rings = new ZoneRings(zone);
    for (let n = 0; n < graph.nodeCount; n++) {
      if (!inside[n] && !rings.outside(graph.nodeX[n]!, graph.nodeY[n]!)) inside[n] = 1;
    }
  }
  return inside;
}

interface Crossing {
  edge: number;
  /** Distance along the edge to the first crossing (m). */
  at: number;
  ring: number;
  /** Position of the crossing along its ring (m from the ring's first vertex). */
  position: number;
  /** Unit direction of the boundary segment crossed. */
  tx: number;
  ty: number;
  speed: number;
  /** True when the vehicle is stopped on this edge beyond the impact point (by a measure inside the zone). */
  stopped: boolean;
}

/** The first crossing of segment (ax, ay) → (bx, by) with the zone boundary, or null. */
function firstCrossing(zone: ZoneRings, ax: number, ay: number, bx: number, by: number) {
  let best: { t: number; ring: number; position: number; tx: number; ty: number } | null = null;
  const rx = bx - ax;
  const ry = by - ay;
  for (let r = 0; r < zone.xs.length; r++) {
    const xs = zone.xs[r]!;
    const ys = zone.ys[r]!;
    const cumulative = zone.cumulative[r]!;
    for (let i = 1; i < xs.length; i++) {
      const px = xs[i - 1]!;
      const py = ys[i - 1]!;
      const sx = xs[i]! - px;
      const sy = ys[i]! - py;
      const denom = rx * sy - ry * sx;
      if (denom === 0) continue;
      const t = ((px - ax) * sy - (py - ay) * sx) / denom;
      const u = ((px - ax) * ry - (py - ay) * rx) / denom;
      if (t < 0 || t > 1 || u < 0 || u > 1 || (best && t >= best.t)) continue;
      const length = Math.hypot(sx, sy);
      best = { t, ring: r, position: cumulative[i - 1]! + u * length, tx: sx / length, ty: sy / length };
    }
  }
  return best;
}

/** Speed (m/s) `d` metres along edge e on the label `id` (its entry speed and measure). */
function speedOnLabel(
  graph: TraversalGraph,
  field: SpeedField,
  model: SpeedModel,
  id: number,
  d: number,
): number {
  const e = field.log.edge[id]!;
  const grade = graph.edgeGrade[e]!;
  const at = graph.edgeMeasureAt[e]!;
  if (graph.edgeMeasure[e]! >= 0 && d >= at) {
    const measure = field.measureAt(id);
    if (measure.outcome !== MeasureOutcome.none) return model.speedAfter(measure.speedOut, d - at, grade);
  }
  return model.speedAfter(Math.sqrt(field.log.entrySq[id]!), d, grade);
}

function crossings(graph: TraversalGraph, field: SpeedField, model: SpeedModel, zone: ZoneRings): Crossing[] {
  const found: Crossing[] = [];
  // Per node: 1 strictly outside the zone, 0 not, −1 not yet known.
  const outside = new Int8Array(graph.nodeCount).fill(-1);
  for (let e = 0; e < graph.edgeCount; e++) {
    const id = field.best[e]!;
    const stoppedEntry = field.stoppedEntrySpeed[e]!;
    if (id < 0 && stoppedEntry < 0) continue;
    const a = graph.edgeFrom[e]!;
    const b = graph.edgeTo[e]!;
    const ax = graph.nodeX[a]!;
    const ay = graph.nodeY[a]!;
    const bx = graph.nodeX[b]!;
    const by = graph.nodeY[b]!;
    if (
      Math.max(ax, bx) < zone.minX ||
      Math.min(ax, bx) > zone.maxX ||
      Math.max(ay, by) < zone.minY ||
      Math.min(ay, by) > zone.maxY
    ) {
      continue;
    }
    if (outside[a] === -1) outside[a] = zone.outside(ax, ay) ? 1 : 0;
    if (outside[a] === 0) continue;
    const hit = firstCrossing(zone, ax, ay, bx, by);
    if (!hit) continue;
    const at = hit.t * graph.edgeLength[e]!;
    let speed: number;
    let stopped = false;
    if (id >= 0) {
      speed = speedOnLabel(graph, field, model, id, at);
    } else {
      // Stopped on this edge: it still gets in if the measure lies beyond the boundary.
      if (at >= graph.edgeMeasureAt[e]! - STOP_TOLERANCE_M) continue;
      speed = model.speedAfter(stoppedEntry, at, graph.edgeGrade[e]!);
      stopped = true;
    }
    found.push({
      edge: e,
      at,
      ring: hit.ring,
      position: hit.position,
      tx: hit.tx,
      ty: hit.ty,
      speed,
      stopped,
    });
  }
  return found;
}

/** Crossings grouped into ways in: consecutive along a ring, no more than `gap` apart (the ring is closed). */
function waysIn(all: Crossing[], zone: ZoneRings, gap: number): Crossing[][] {
  const groups: Crossing[][] = [];
  for (let r = 0; r < zone.xs.length; r++) {
    const onRing = all.filter((c) => c.ring === r).sort((p, q) => p.position - q.position);
    if (onRing.length === 0) continue;
    const perimeter = zone.cumulative[r]![zone.cumulative[r]!.length - 1]!;
    // Start after the widest gap, so that a group across the ring's first vertex stays whole.
    let start = 0;
    let widest = perimeter - onRing[onRing.length - 1]!.position + onRing[0]!.position;
    for (let i = 1; i < onRing.length; i++) {
      const g = onRing[i]!.position - onRing[i - 1]!.position;
      if (g > widest) [widest, start] = [g, i];
    }
    let group: Crossing[] = [];
    for (let k = 0; k < onRing.length; k++) {
      const c = onRing[(start + k) % onRing.length]!;
      const last = group[group.length - 1];
      if (last && (c.position - last.position + perimeter) % perimeter > gap) {
        groups.push(group);
        group = [];
      }
      group.push(c);
    }
    groups.push(group);
  }
  return groups;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const kmh = (ms: number) => ms * 3.6;

/**
 * The approach vectors into `zone` (a Polygon in the graph's local metres) for the class `field` was
 * computed for, fastest first.
 */
export function approachVectors(
  graph: TraversalGraph,
  field: SpeedField,
  model: SpeedModel,
  zone: Polygon,
  options: ApproachOptions = {},
): ApproachVector[] {
  const rings = new ZoneRings(zone);
  const gap = options.mergeDistanceM ?? Math.max(DEFAULT_MERGE_DISTANCE_M, 2 * (graph.grid?.cellSizeM ?? 0));
  const vectors = waysIn(crossings(graph, field, model, rings), rings, gap).map((group) => {
    const fastest = group.reduce((p, q) => (q.speed > p.speed ? q : p));
    const cumulative = rings.cumulative[fastest.ring]!;
    const perimeter = cumulative[cumulative.length - 1]!;
    const extent = (group[group.length - 1]!.position - group[0]!.position + perimeter) % perimeter;
    return vector(graph, field, model, fastest, options, {
      ring: fastest.ring,
      widthM: round(extent, 1),
      crossings: group.length,
    });
  });
  return vectors.sort((a, b) => b.impactSpeedKmh - a.impactSpeedKmh);
}

/**
 * The heading the vehicle arrives with: along the chord from the last path vertex at least
 * IMPACT_HEADING_M before the impact point (or the path's start) to it. The crossing edge alone can be a
 * short link or grid step off the line of travel. Null for a path of no length.
 */
function arrivalHeading(graph: TraversalGraph, steps: PathStep[], [ix, iy]: [number, number]): number | null {
  let x = ix;
  let y = iy;
  for (let k = steps.length - 1; k >= 0; k--) {
    const n = graph.edgeFrom[steps[k]!.edge]!;
    x = graph.nodeX[n]!;
    y = graph.nodeY[n]!;
    if (Math.hypot(ix - x, iy - y) >= IMPACT_HEADING_M) break;
  }
  return x === ix && y === iy ? null : Math.atan2(iy - y, ix - x);
}

/** Speed at the impact point (`at` along the last step's edge) of a replayed path, −1 if it does not get there. */
function impactOf(
  graph: TraversalGraph,
  model: SpeedModel,
  replayed: { steps: PathStep[]; stopped: boolean } | null,
  at: number,
): number {
  if (!replayed) return -1;
  const last = replayed.steps[replayed.steps.length - 1]!;
  if (!replayed.stopped) return speedAlongStep(graph, model, last, at);
  // Stopped on the last edge: it still gets in if the measure (or the stall) lies beyond the boundary.
  const m = graph.edgeMeasure[last.edge]!;
  if (m >= 0 && at >= graph.edgeMeasureAt[last.edge]! - STOP_TOLERANCE_M) return -1;
  return model.speedAfter(last.entrySpeed, at, graph.edgeGrade[last.edge]!);
}

/**
 * The shortest suffix of `steps`, driven from rest, whose speed at the impact point is at least `target`
 * (m/s), with its speed there; the whole path when none is (it entered at the boundary faster than rest
 * allows). A later start never arrives faster (more speed is never worse), so the suffixes are ordered and
 * a binary search finds the shortest; then the nearest allowed start at or before it.
 */
function shortestRunIn(
  graph: TraversalGraph,
  field: SpeedField,
  model: SpeedModel,
  steps: PathStep[],
  at: number,
  target: number,
): { steps: PathStep[]; impact: number } {
  const edges = steps.map((s) => s.edge);
  const from = (k: number) => {
    const replayed = field.replay(edges.slice(k));
    return { replayed, impact: impactOf(graph, model, replayed, at) };
  };
  let lo = 0;
  let hi = edges.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (from(mid).impact >= target) [found, lo] = [mid, mid + 1];
    else hi = mid - 1;
  }
  const allowed = field.restStart;
  while (found >= 0 && allowed && !allowed[graph.edgeFrom[edges[found]!]!]) found--;
  if (found < 0) return { steps, impact: -1 };
  const { replayed, impact } = from(found);
  return { steps: replayed!.steps, impact };
}

function vector(
  graph: TraversalGraph,
  field: SpeedField,
  model: SpeedModel,
  hit: Crossing,
  options: ApproachOptions,
  entry: ApproachVector['entry'],
): ApproachVector {
  const e = hit.edge;
  const best: PathStep[] = hit.stopped
    ? [
        ...pathFromEntry(field, field.stoppedPrev[e]!),
        {
          edge: e,
          entrySpeed: field.stoppedEntrySpeed[e]!,
          endSpeed: hit.speed,
          runUp: 0,
          measureOutcome: MeasureOutcome.none,
          measureSpeedIn: 0,
          measureSpeedOut: 0,
        },
      ]
    : pathFromEntry(field, field.best[e]!);
  const tolerance = (options.pathToleranceKmh ?? DEFAULT_PATH_TOLERANCE_KMH) / 3.6;
  const shortest = shortestRunIn(graph, field, model, best, hit.at, hit.speed - tolerance);
  const steps = shortest.steps;
  const arrival = shortest.impact >= 0 ? shortest.impact : hit.speed;
  const p = graph.projection;
  const lonLat = (x: number, y: number): Position => toLonLat(p, x, y).map((c) => round(c, 7));
  const nodeLonLat = (n: number) => lonLat(graph.nodeX[n]!, graph.nodeY[n]!);
  const ax = graph.nodeX[graph.edgeFrom[e]!]!;
  const ay = graph.nodeY[graph.edgeFrom[e]!]!;
  const f = hit.at / graph.edgeLength[e]!;
  const impactLocal: [number, number] = [
    ax + f * (graph.nodeX[graph.edgeTo[e]!]! - ax),
    ay + f * (graph.nodeY[graph.edgeTo[e]!]! - ay),
  ];
  const impact = lonLat(impactLocal[0], impactLocal[1]);

  const coordinates: Position[] = [nodeLonLat(graph.edgeFrom[steps[0]!.edge]!)];
  const profile: [number, number][] = [];
  const measures: PassedMeasure[] = [];
  const roadNames: string[] = [];
  const step = options.profileStepM ?? DEFAULT_PROFILE_STEP_M;
  const addPoint = (d: number, v: number) => {
    const point: [number, number] = [round(d, 1), round(kmh(v), 1)];
    const last = profile[profile.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) profile.push(point);
  };
  let start = 0;
  steps.forEach((s, k) => {
    const isLast = k === steps.length - 1;
    const length = isLast ? hit.at : graph.edgeLength[s.edge]!;
    // At the vertex: the speed arriving (already added) and, after a corner, the lower speed leaving.
    addPoint(start, s.entrySpeed);
    const at = graph.edgeMeasureAt[s.edge]!;
    const measureHere = s.measureOutcome !== MeasureOutcome.none && at <= length;
    let measureDone = !measureHere;
    for (let d = step; ; d += step) {
      if (!measureDone && at <= Math.min(d, length)) {
        addPoint(start + at, s.measureSpeedIn);
        addPoint(start + at, s.measureSpeedOut);
        measureDone = true;
      }
      if (d >= length) break;
      addPoint(start + d, speedAlongStep(graph, model, s, d));
    }
    addPoint(start + length, isLast ? arrival : s.endSpeed);
    if (measureHere) {
      const m = graph.edgeMeasure[s.edge]!;
      const ref = graph.measures[m]!;
      measures.push({
        measureIndex: m,
        measureId: ref.id,
        kind: ref.kind,
        outcome: s.measureOutcome === MeasureOutcome.cap ? 'cap' : 'pass',
        distanceM: round(start + at, 1),
        speedKmh: round(kmh(s.measureSpeedIn), 1),
        speedOutKmh: round(kmh(s.measureSpeedOut), 1),
      });
    }
    start += length;
    if (!isLast) coordinates.push(nodeLonLat(graph.edgeTo[s.edge]!));
    const feature = graph.edgeFeature[s.edge]!;
    const name = feature >= 0 ? graph.features[feature]?.name : null;
    if (name && roadNames[roadNames.length - 1] !== name) roadNames.push(name);
  });
  coordinates.push(impact);

  const first = steps[0]!;
  const heading = arrivalHeading(graph, steps, impactLocal) ?? graph.edgeHeading[e]!;
  const sin = Math.abs(Math.cos(heading) * hit.ty - Math.sin(heading) * hit.tx);
  const impactKmh = round(kmh(hit.speed), 1);
  return {
    vehicleClass: model.vehicleClass,
    impactSpeedKmh: impactKmh,
    impactAngleDeg: round((Math.asin(Math.min(1, sin)) * 180) / Math.PI, 1),
    energyKj: round((0.5 * model.massKg * hit.speed ** 2) / 1000, 1),
    runUpM: round(start, 1),
    start: {
      lonLat: coordinates[0]!,
      kind: first.entrySpeed > 0 ? 'boundary' : 'rest',
      speedKmh: round(kmh(first.entrySpeed), 1),
    },
    impactPoint: impact,
    path: { type: 'LineString', coordinates },
    speedProfile: profile,
    roadNames,
    measures,
    requiredRating: options.profile ? requiredRating(options.profile, impactKmh) : null,
    entry,
  };
}
