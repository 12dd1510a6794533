/**
 * The pure part of the approach analysis: for each vehicle class, the speed search without measures (the
 * threats, cached with the graph) and with them, the approach vectors per zone with their status, the speed
 * map and the reachable outline; then the summary per zone and class and the parameters used.
 *
 * Status rule (DOMAIN.md §1, §3; API.md statuses):
 * - The threats are the approach vectors of a search without measures: every way in at its full speed.
 * - A threat whose path meets a measure that stops it at the speed it has there (`measureVerdict`) is
 *   reported as `stopped` — `energy_equivalent` when only the energy of the rating covers it — with that
 *   measure, the speed it hits the measure at (`impactSpeedKmh`), its penetration and its path up to the
 *   measure. The first stopping measure along the path counts. Its speeds are those of the search without
 *   measures: a chicane earlier on the path would only slow it, and a measure that stops a vehicle stops
 *   it at any lower speed too.
 * - The approach vectors of the search with the measures are the ways in that remain, each with a status
 *   from the measures on its path at the speeds it has there: `under_rated` when a measure lets it through
 *   for want of a rating high enough (or any rating, when unrated and not marked blocking); else `gap`
 *   when it passes through an opening of one (bollards further apart than the vehicle is wide, an open
 *   gate); else `unmitigated` (a chicane that slowed it is named as its measure).
 * - A way in that a measure closes to the fastest threat may stay open to a slower one (a vehicle
 *   starting past the measure, another road): it is then reported twice, stopped and remaining. A threat
 *   whose way in remains open at its full speed (within 0.1 km/h, its impact within the merge distance of
 *   approach-vectors.ts) is not reported stopped: its path only happened to pass the measure.
 * Without measures on the ground the two searches are one and every threat is unmitigated.
 */
import type { MultiPolygon, Polygon as GeoJsonPolygon, Position } from 'geojson';
import { createSpeedModel, kineticEnergyKj, type VehicleSpeedModel } from '../analysis/physics.js';
import {
  measureVerdict,
  prepareMeasure,
  type MeasureVerdict,
  type PreparedMeasure,
} from '../analysis/measure-verdict.js';
import { requiredRating } from '../analysis/ratings.js';
import {
  approachVectors,
  nodesInZones,
  DEFAULT_MERGE_DISTANCE_M,
  polygonToLocal,
  type ApproachVector,
} from '../analysis/vda/approach-vectors.js';
import type { TraversalGraph } from '../analysis/vda/graph.js';
import { toLocal, toLonLat } from '../analysis/vda/projection.js';
import {
  pathTo,
  prepareContinuation,
  propagateSpeeds,
  type MeasureEffectFn,
  type SpeedField,
} from '../analysis/vda/propagate.js';
import { outsidePerimeter, studyEdgeNodes } from '../analysis/vda/rest-starts.js';
import { speedMap, type SpeedMap } from '../analysis/vda/speed-map.js';
import { achievedStandoff } from '../analysis/vda/standoff.js';
import { changedEdges, prepareTagging, tagMeasures } from '../analysis/vda/tag-measures.js';
import type { VehicleCatalogue, VehicleClass, VehicleProfile } from '../analysis/vehicles.js';
import { OSM_ATTRIBUTION } from '../attribution.js';
import type { Polygon } from '../schemas/geojson.js';
import type { MeasureFeature } from '../schemas/measures.js';
import type { ApproachResult, CacheUse, VectorStatus } from '../schemas/approach-analysis.js';
import type { Static } from 'typebox';
import type { ApproachRequest } from '../validation/approach-input.js';
import { parametersUsed } from './approach-parameters.js';
import { outlineOf, paintReached, type OutlinePaint } from './reachable-outline.js';

export interface SiteZone {
  id: string;
  name: string;
  geometry: Polygon;
}

export type SiteMeasure = Static<typeof MeasureFeature>;

/** A threat found without measures, with the edges of its path to check against the measures later. */
interface Threat {
  /** The zone it gets into (by id: a zone renamed since keeps its graph and threats). */
  zoneId: string;
  vector: ApproachVector;
  /** The directed edges of the path, in driving order; the last one crosses into the zone. */
  edges: Int32Array;
  /** Speed entering each edge (m/s) and the path length before it (m). */
  entrySpeeds: Float64Array;
  startsM: Float64Array;
  /** Distance along the last edge to the zone boundary (m). */
  impactAtM: number;
}

/** What one class's analysis without measures leaves for the next requests on the same graph. */
interface ClassBaseline {
  /** The speed field without measures: the start of every run with measures (PropagateOptions.from). */
  field: SpeedField;
  standoff: StandoffEntry[];
  threats: Threat[];
  /** Made when first asked for (a request may want no map of this class). */
  speedMap: SpeedMap | null;
  /**
   * The painted reachable region (repainted where a measure changes it) and its outline, made when first
   * asked for (the planner draws no outline).
   */
  paint: OutlinePaint | null;
  reachable: MultiPolygon | null;
}

/**
 * One class's analysis with the measures tagged on the graph now, kept until the graph is tagged again: a
 * request that differs only in the speed maps or outlines it wants (the planner showing another class's
 * map) reads it instead of searching again. Its field continues its baseline's label log in place, which
 * is safe while it is the only continuation of that baseline kept: one entry per baseline.
 */
interface ClassMeasured {
  /** The baseline its field continues (a new baseline under the same key makes it again). */
  baseline: ClassBaseline;
  field: SpeedField;
  standoff: StandoffEntry[];
  features: VectorFeature[];
  speedMap: SpeedMap | null;
  reachable: MultiPolygon | null;
}

/** A site's traversal graph with what it keeps between requests. */
export interface GraphState {
  graph: TraversalGraph;
  studyArea: GeoJsonPolygon;
  hulled: boolean;
  featureCount: number;
  /** Key of the measures tagged on the graph now; NO_MEASURES when none. */
  measuresKey: string;
  /** Per vehicle profile, friction and entry mode: the analysis without measures. */
  baselines: Map<string, ClassBaseline>;
  /** By the same key: the analysis with the measures of `measuresKey` (emptied when it changes). */
  measured: Map<string, ClassMeasured>;
  /** Graph nodes by their WGS84 position as approach vectors print it (7 decimals). */
  nodesAt: Map<string, number[]> | null;
  /** Nodes inside or on a protected zone, where approach paths end (the graph is per set of zones). */
  zoneNodes: Uint8Array | null;
  /** Nodes at the edge of the study area, where the outside of a perimeter begins. */
  edgeNodes: Uint8Array | null;
  timingsMs: { studyArea: number; graphBuild: number };
}

export const NO_MEASURES = 'none';

/**
 * Baselines kept per graph: two sets of the six classes. Each holds its class's speed field (its label
 * log: about 15 MB on a Monaco venue) and speed map.
 */
const MAX_BASELINES = 12;

/** Outline grid (m): twice the open-space cell, enough for a map and 4× fewer vertices. */
const OUTLINE_CELL_M = 5;

/** Speed (m/s) at which a measure is asked whether it closes the way (1 m/s: a vehicle nudging it). */
const WALKING_PACE = 1;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const positionKey = (p: Position) => `${p[0]},${p[1]}`;

function nodesAt(graph: TraversalGraph): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (let n = 0; n < graph.nodeCount; n++) {
    const key = positionKey(
      toLonLat(graph.projection, graph.nodeX[n]!, graph.nodeY[n]!).map((c) => round(c, 7)),
    );
    const list = map.get(key);
    if (list) list.push(n);
    else map.set(key, [n]);
  }
  return map;
}

/**
 * The edges behind an approach vector of `field` (not a stopped crossing): the crossing edge starts at the
 * path's last vertex and runs through the impact point; the rest is its best path.
 */
function threatOf(state: GraphState, field: SpeedField, zoneId: string, vector: ApproachVector): Threat {
  const { graph } = state;
  state.nodesAt ??= nodesAt(graph);
  const coordinates = vector.path.coordinates;
  const from = state.nodesAt.get(positionKey(coordinates[coordinates.length - 2]!)) ?? [];
  const [ix, iy] = toLocal(graph.projection, vector.impactPoint[0]!, vector.impactPoint[1]!);
  // The edge through the impact point; of several (a road and a link to the open space beside it), the
  // one whose best path has the vector's vertices.
  const candidates: { edge: number; off: number }[] = [];
  for (const n of from) {
    for (let e = graph.edgeStart[n]!; e < graph.edgeStart[n + 1]!; e++) {
      if (field.best[e]! < 0) continue;
      const ax = graph.nodeX[n]!;
      const ay = graph.nodeY[n]!;
      const dx = graph.nodeX[graph.edgeTo[e]!]! - ax;
      const dy = graph.nodeY[graph.edgeTo[e]!]! - ay;
      const t = Math.max(0, Math.min(1, ((ix - ax) * dx + (iy - ay) * dy) / (dx * dx + dy * dy)));
      candidates.push({ edge: e, off: Math.hypot(ax + t * dx - ix, ay + t * dy - iy) });
    }
  }
  candidates.sort((a, b) => a.off - b.off);
  if (candidates.length === 0) throw new Error('an approach vector whose crossing edge is not in the graph');
  const paths = candidates.filter((c) => c.off < 0.05).map((c) => pathTo(field, c.edge));
  const steps = paths.find((p) => p.length === coordinates.length - 1) ?? pathTo(field, candidates[0]!.edge);
  const startsM = new Float64Array(steps.length);
  steps.forEach((s, i) => {
    startsM[i] = s.runUp - graph.edgeLength[s.edge]!;
  });
  const last = steps[steps.length - 1]!;
  return {
    zoneId,
    vector,
    edges: Int32Array.from(steps, (s) => s.edge),
    entrySpeeds: Float64Array.from(steps, (s) => s.entrySpeed),
    startsM,
    impactAtM: vector.runUpM - (last.runUp - graph.edgeLength[last.edge]!),
  };
}

/** The first measure along a threat's path that stops it, with where and how fast it meets it. */
function firstStop(
  graph: TraversalGraph,
  model: VehicleSpeedModel,
  prepared: PreparedMeasure[],
  threat: Threat,
): {
  measure: number;
  edge: number;
  index: number;
  atM: number;
  speed: number;
  verdict: MeasureVerdict;
} | null {
  for (let i = 0; i < threat.edges.length; i++) {
    const e = threat.edges[i]!;
    const m = graph.edgeMeasure[e]!;
    if (m < 0) continue;
    const atM = graph.edgeMeasureAt[e]!;
    // Past the impact point on the crossing edge: inside the zone, it does not keep the vehicle out.
    if (i === threat.edges.length - 1 && atM > threat.impactAtM) continue;
    const speed = model.speedAfter(threat.entrySpeeds[i]!, atM, graph.edgeGrade[e]!);
    const verdict = measureVerdict(prepared[m]!, model, speed);
    if (verdict.effect === 'stop') return { measure: m, edge: e, index: i, atM, speed, verdict };
  }
  return null;
}

/** Degrees between heading (dx, dy) and the segment of `lines` (local metres) nearest point p; 90 = head-on. */
function angleToLines(
  lines: [number, number][][],
  p: [number, number],
  dx: number,
  dy: number,
): number | null {
  let best: { d: number; sx: number; sy: number } | null = null;
  for (const line of lines) {
    for (let i = 0; i + 1 < line.length; i++) {
      const [ax, ay] = line[i]!;
      const sx = line[i + 1]![0] - ax;
      const sy = line[i + 1]![1] - ay;
      const len2 = sx * sx + sy * sy;
      if (len2 === 0) continue;
      const t = Math.max(0, Math.min(1, ((p[0] - ax) * sx + (p[1] - ay) * sy) / len2));
      const d = Math.hypot(ax + t * sx - p[0], ay + t * sy - p[1]);
      if (!best || d < best.d) best = { d, sx, sy };
    }
  }
  if (!best) return null;
  const sin = Math.abs(dx * best.sy - dy * best.sx) / (Math.hypot(dx, dy) * Math.hypot(best.sx, best.sy));
  return round((Math.asin(Math.min(1, sin)) * 180) / Math.PI, 1);
}

type VectorFeature = ApproachResult['vectors']['features'][number];
type VectorProperties = VectorFeature['properties'];

function baseProperties(zone: SiteZone, profile: VehicleProfile, v: ApproachVector) {
  return {
    zoneId: zone.id,
    zoneName: zone.name,
    vehicleClass: profile.vehicleClass,
    runUpM: v.runUpM,
    start: v.start.kind,
    startSpeedKmh: v.start.speedKmh,
    entryPoint: v.start.lonLat,
    entryRoad: v.roadNames[0] ?? null,
    wayInWidthM: v.entry.widthM,
  };
}

function ratingFields(profile: VehicleProfile, impactSpeedKmh: number) {
  const rating = requiredRating(profile, impactSpeedKmh);
  return { requiredRating: rating.text, requiredRatingNote: rating.message };
}

/** A threat stopped by a measure: its path up to the measure, the speed it hits it at. */
function stoppedFeature(
  graph: TraversalGraph,
  profile: VehicleProfile,
  measures: SiteMeasure[],
  zone: SiteZone,
  threat: Threat,
  stop: NonNullable<ReturnType<typeof firstStop>>,
): VectorFeature {
  const { vector } = threat;
  const distanceM = threat.startsM[stop.index]! + stop.atM;
  const e = stop.edge;
  const ax = graph.nodeX[graph.edgeFrom[e]!]!;
  const ay = graph.nodeY[graph.edgeFrom[e]!]!;
  const dx = graph.nodeX[graph.edgeTo[e]!]! - ax;
  const dy = graph.nodeY[graph.edgeTo[e]!]! - ay;
  const f = stop.atM / graph.edgeLength[e]!;
  const point: [number, number] = [ax + f * dx, ay + f * dy];
  const impactPoint = toLonLat(graph.projection, point[0], point[1]).map((c) => round(c, 7));
  const measure = measures[stop.measure]!;
  const lines: Position[][] =
    measure.geometry.type === 'LineString'
      ? [measure.geometry.coordinates]
      : measure.geometry.type === 'Polygon'
        ? measure.geometry.coordinates
        : [];
  const impactAngleDeg = angleToLines(
    lines.map((line) => line.map(([lon, lat]) => toLocal(graph.projection, lon!, lat!))),
    point,
    dx,
    dy,
  );
  const speedKmh = round(stop.speed * 3.6, 1);
  // The path as far as the measure: its vertices before the stopping edge, then the measure point.
  const coordinates = [...vector.path.coordinates.slice(0, stop.index + 1), impactPoint];
  const speedProfile = vector.speedProfile.filter(([d]) => d < distanceM);
  speedProfile.push([round(distanceM, 1), speedKmh]);
  const properties: VectorProperties = {
    ...baseProperties(zone, profile, vector),
    status: stop.verdict.status === 'energy_equivalent' ? 'energy_equivalent' : 'stopped',
    impactSpeedKmh: speedKmh,
    impactAngleDeg,
    energyKj: round(kineticEnergyKj(profile.massKg, stop.speed), 1),
    runUpM: round(distanceM, 1),
    speedProfile,
    ...ratingFields(profile, speedKmh),
    measureId: measure.id,
    measureDetail: stop.verdict.detail,
    penetrationM: stop.verdict.penetrationM ?? null,
    unmitigatedImpactSpeedKmh: vector.impactSpeedKmh,
    warnings: stop.verdict.warning ? [stop.verdict.warning] : [],
    impactPoint,
    impactRoad: vector.roadNames[vector.roadNames.length - 1] ?? null,
    roads: vector.roadNames,
  };
  return { type: 'Feature', geometry: { type: 'LineString', coordinates }, properties };
}

/** A way in that remains with the measures, its status from the measures it passes. */
function remainingFeature(
  model: VehicleSpeedModel,
  profile: VehicleProfile,
  prepared: PreparedMeasure[],
  measures: SiteMeasure[],
  zone: SiteZone,
  vector: ApproachVector,
): VectorFeature {
  const passed = vector.measures.map((m) => ({
    measure: m,
    verdict: measureVerdict(prepared[m.measureIndex]!, model, m.speedKmh / 3.6),
  }));
  const underRated = passed.find(
    ({ verdict }) => verdict.status === 'under_rated' || verdict.status === 'unrated',
  );
  const gap = passed.find(({ verdict }) => verdict.status === 'gap');
  const capped = passed.find(({ measure }) => measure.outcome === 'cap');
  const [status, involved]: [VectorStatus, (typeof passed)[number] | undefined] = underRated
    ? ['under_rated', underRated]
    : gap
      ? ['gap', gap]
      : ['unmitigated', capped];
  const warnings = passed.flatMap(({ verdict }) => (verdict.warning ? [verdict.warning] : []));
  const properties: VectorProperties = {
    ...baseProperties(zone, profile, vector),
    status,
    impactSpeedKmh: vector.impactSpeedKmh,
    impactAngleDeg: vector.impactAngleDeg,
    energyKj: vector.energyKj,
    speedProfile: vector.speedProfile,
    ...ratingFields(profile, vector.impactSpeedKmh),
    measureId: involved ? measures[involved.measure.measureIndex]!.id : null,
    measureDetail: involved ? involved.verdict.detail : null,
    penetrationM: null,
    unmitigatedImpactSpeedKmh: null,
    warnings: [...new Set(warnings)],
    impactPoint: vector.impactPoint,
    impactRoad: vector.roadNames[vector.roadNames.length - 1] ?? null,
    roads: vector.roadNames,
  };
  return { type: 'Feature', geometry: vector.path, properties };
}

/**
 * Whether a remaining way in gets into the threat's zone where it does (within the distance that merges
 * crossings into one way in) at its full speed: the measure on the threat's path did not close that way
 * in, the search only happened to pass it on the way (a path is one of the fastest, not the most direct).
 */
function stillAsFast(graph: TraversalGraph, threat: Threat, remaining: VectorFeature[]): boolean {
  const [x, y] = toLocal(graph.projection, threat.vector.impactPoint[0]!, threat.vector.impactPoint[1]!);
  return remaining.some(({ properties: r }) => {
    if (r.zoneId !== threat.zoneId || r.impactSpeedKmh < threat.vector.impactSpeedKmh - 0.1) return false;
    const [rx, ry] = toLocal(graph.projection, r.impactPoint[0]!, r.impactPoint[1]!);
    return Math.hypot(rx - x, ry - y) <= DEFAULT_MERGE_DISTANCE_M;
  });
}

/** Length along each directed edge a vehicle of `field` covers: all of it, up to a stopping measure, or none. */
const reachedAlong = (graph: TraversalGraph, field: SpeedField) => {
  const { best, stoppedEntrySpeed } = field;
  const { edgeLength, edgeMeasureAt } = graph;
  return (e: number) => (best[e]! >= 0 ? edgeLength[e]! : stoppedEntrySpeed[e]! >= 0 ? edgeMeasureAt[e]! : 0);
};

const baselineKey = (profile: VehicleProfile, request: ApproachRequest) =>
  JSON.stringify([
    Object.entries(profile).filter(([k]) => k !== 'sources' && k !== 'label'),
    request.friction,
    request.entry,
    request.starts,
  ]);

type StandoffEntry = ApproachResult['standoff'][number];

/** One class's share of an answer. */
export interface ClassPart {
  vehicleClass: VehicleClass;
  features: VectorFeature[];
  standoff: StandoffEntry[];
  /** Null where the request asked for no speed map, or no outline, of this class. */
  speedMap: SpeedMap | null;
  outline: MultiPolygon | null;
}

/** What `analyseClassParts` gives for the classes it was asked for, with its stage timings (ms). */
export interface ClassParts {
  parts: ClassPart[];
  timingsMs: Record<string, number>;
  retagged: boolean;
}

/**
 * Makes ahead what the first measure change on this graph needs (the tagging index, each baseline's label
 * tree): run by a worker once it has answered, while the planner places a measure, so the first warm
 * analysis costs what the next ones do.
 */
export function prepareForMeasures(state: GraphState): void {
  prepareTagging(state.graph);
  for (const baseline of state.baselines.values()) prepareContinuation(baseline.field);
}

export interface ClassPartsInput {
  state: GraphState;
  zones: SiteZone[];
  measures: SiteMeasure[];
  measuresKey: string;
  /** The request, with the profiles of the classes wanted here. */
  request: ApproachRequest;
}

/**
 * The analysis of the request's classes on a site's graph (see the module comment). Runs synchronously
 * from the first tagging to the end: the graph's measure tags are shared state.
 */
export function analyseClassParts(input: ClassPartsInput): ClassParts {
  const { state, zones, measures, request } = input;
  const { graph } = state;
  const timings: Record<string, number> = {
    baseline: 0,
    'baseline.propagate': 0,
    'baseline.vectors': 0,
    'baseline.standoff': 0,
    propagate: 0,
    vectors: 0,
    speedMap: 0,
    reachable: 0,
    standoff: 0,
  };
  const time = <T>(name: string, run: () => T): T => {
    const t = performance.now();
    const result = run();
    timings[name]! += performance.now() - t;
    return result;
  };
  const zoneById = (zoneId: string) => zones.find((z) => z.id === zoneId)!;
  const zoneOf = (threat: Threat) => zoneById(threat.zoneId);
  const localZones = zones.map((zone) => ({
    zone,
    local: polygonToLocal(graph, { type: 'Polygon', coordinates: zone.geometry.coordinates }),
  }));
  const models = request.profiles.map((profile) => createSpeedModel(profile, { friction: request.friction }));
  state.zoneNodes ??= nodesInZones(
    graph,
    localZones.map((z) => z.local),
  );
  const options = { entry: request.entry, endNodes: state.zoneNodes } as const;
  const zoneNodes = state.zoneNodes;
  /** Rest starts for `model` under the request's policy, `closes` telling which measures close the way. */
  const restStart = (model: VehicleSpeedModel, closes: (m: number) => boolean) =>
    request.starts === 'anywhere'
      ? undefined
      : outsidePerimeter(
          graph,
          // Made on first use: only this start policy needs the study area's edge.
          (state.edgeNodes ??= studyEdgeNodes(graph, polygonToLocal(graph, state.studyArea))),
          (e) => graph.edgeWidth[e]! >= model.widthM,
          closes,
          zoneNodes,
        );
  const standoffOf = (field: SpeedField, profile: VehicleProfile, measureIds: string[]): StandoffEntry[] =>
    localZones.map(({ zone, local }) => {
      const s = achievedStandoff(graph, field, local);
      return {
        zoneId: zone.id,
        zoneName: zone.name,
        vehicleClass: profile.vehicleClass,
        distanceM: s?.distanceM ?? null,
        vehiclePoint: s?.vehiclePoint ?? null,
        zonePoint: s?.zonePoint ?? null,
        how: s?.how ?? 'unreachable',
        measureId: s?.measureIndex != null ? measureIds[s.measureIndex]! : null,
        penetrationM: s?.penetrationM ?? null,
      };
    });
  let retagged = false;
  const setTags = (key: string, features: SiteMeasure[]) => {
    if (state.measuresKey === key) return;
    tagMeasures(graph, features as unknown as Parameters<typeof tagMeasures>[1]);
    state.measuresKey = key;
    state.measured.clear();
    retagged = true;
  };

  // The analysis without measures, for the classes not cached yet, on the graph without its tags.
  const baselines = request.profiles.map((profile, i) => {
    const key = baselineKey(profile, request);
    const cached = state.baselines.get(key);
    if (cached) return cached;
    setTags(NO_MEASURES, []);
    const model = models[i]!;
    // Its stages are timed on their own too (baseline.<stage>), within the baseline's total.
    const baseline: ClassBaseline = time('baseline', () => {
      const field = time('baseline.propagate', () =>
        propagateSpeeds(graph, model, { ...options, restStart: restStart(model, () => false) }),
      );
      return {
        field,
        standoff: time('baseline.standoff', () => standoffOf(field, profile, [])),
        threats: time('baseline.vectors', () =>
          localZones.flatMap(({ zone, local }) =>
            approachVectors(graph, field, model, local, { profile }).map((v) =>
              threatOf(state, field, zone.id, v),
            ),
          ),
        ),
        speedMap: null,
        paint: null,
        reachable: null,
      };
    });
    state.baselines.set(key, baseline);
    // Oldest first in a Map: drop the earliest beyond the bound.
    if (state.baselines.size > MAX_BASELINES) state.baselines.delete(state.baselines.keys().next().value!);
    return baseline;
  });

  setTags(input.measuresKey, measures);
  const changed = changedEdges(graph);
  const prepared = measures.map((m) => prepareMeasure(m.properties));
  const onTheGround = measures.some((m) => m.properties.kind !== 'camera' && m.properties.kind !== 'cordon');

  /** One class's search, standoff and vectors with the measures tagged now, from its baseline. */
  const measuredRun = (model: VehicleSpeedModel, profile: VehicleProfile, baseline: ClassBaseline) => {
    const verdicts: MeasureEffectFn = (m, speed) => {
      const verdict = measureVerdict(prepared[m]!, model, speed);
      return {
        effect: verdict.effect,
        capSpeed: verdict.capSpeed,
        penetrationM: verdict.penetrationM ?? 0,
      };
    };
    const field = time('propagate', () =>
      propagateSpeeds(graph, model, {
        ...options,
        // A measure closes the way when it stops the vehicle even at walking pace.
        restStart: restStart(model, (m) => verdicts(m, WALKING_PACE).effect === 'stop'),
        measureEffect: verdicts,
        from: { field: baseline.field, changed },
      }),
    );
    const standoff = time('standoff', () =>
      standoffOf(
        field,
        profile,
        measures.map((m) => m.id),
      ),
    );
    const features = time('vectors', () => {
      const remaining = localZones.flatMap(({ zone, local }) =>
        approachVectors(graph, field, model, local, { profile }).map((v) =>
          remainingFeature(model, profile, prepared, measures, zone, v),
        ),
      );
      const stopped: VectorFeature[] = [];
      for (const threat of baseline.threats) {
        const stop = firstStop(graph, model, prepared, threat);
        if (stop && !stillAsFast(graph, threat, remaining))
          stopped.push(stoppedFeature(graph, profile, measures, zoneOf(threat), threat, stop));
      }
      return [...stopped, ...remaining];
    });
    return { baseline, field, standoff, features, speedMap: null, reachable: null };
  };

  const parts = request.profiles.map((profile, i): ClassPart => {
    const features: VectorFeature[] = [];
    const model = models[i]!;
    const baseline = baselines[i]!;
    const wantsMap = request.speedMaps.includes(profile.vehicleClass);
    const wantsOutline = request.outlines.includes(profile.vehicleClass);
    const basePaint = () =>
      (baseline.paint ??= time('reachable', () =>
        paintReached(graph, reachedAlong(graph, baseline.field), OUTLINE_CELL_M),
      ));
    let outline: MultiPolygon | null = null;
    let map: SpeedMap | null = null;
    let standoff = baseline.standoff;
    if (!onTheGround) {
      if (wantsMap) map = baseline.speedMap ??= time('speedMap', () => speedMap(graph, baseline.field));
      if (wantsOutline)
        outline = baseline.reachable ??= time('reachable', () => outlineOf(graph, basePaint()));
      for (const threat of baseline.threats)
        features.push(remainingFeature(model, profile, prepared, measures, zoneOf(threat), threat.vector));
    } else {
      const key = baselineKey(profile, request);
      let measured = state.measured.get(key);
      if (measured?.baseline !== baseline) {
        measured = measuredRun(model, profile, baseline);
        state.measured.set(key, measured);
      }
      const { field } = measured;
      standoff = measured.standoff;
      // Kept vectors keep the zone names of when they were made: the names now (a zone renamed since
      // keeps its graph, baselines and runs).
      for (const f of measured.features)
        features.push({
          ...f,
          properties: { ...f.properties, zoneName: zoneById(f.properties.zoneId).name },
        });
      if (wantsMap) map = measured.speedMap ??= time('speedMap', () => speedMap(graph, field));
      if (wantsOutline) {
        const from = basePaint();
        outline = measured.reachable ??= time('reachable', () =>
          outlineOf(graph, paintReached(graph, reachedAlong(graph, field), OUTLINE_CELL_M, from)),
        );
      }
    }
    // Likewise the standoff kept with the baselines and runs.
    const named = standoff.map((s) => ({ ...s, zoneName: zoneById(s.zoneId).name }));
    return { vehicleClass: profile.vehicleClass, features, standoff: named, speedMap: map, outline };
  });
  return { parts, timingsMs: timings, retagged };
}

export interface AssembleInput {
  outputs: ClassParts[];
  zones: SiteZone[];
  /** The whole request: every class, in the order asked. */
  request: ApproachRequest;
  catalogue: VehicleCatalogue;
  studyArea: ApproachResult['studyArea'];
  cache: Omit<CacheUse, 'measures'>;
  /** Timings of the I/O before: loading the site, the study area, the graph build. */
  timingsMs: Record<string, number>;
  /** performance.now() when the request started. */
  started: number;
}

/**
 * The answer from the class parts (computed in one place or spread over workers): the vectors in order,
 * the summary per zone and class, the parameters used. Stage timings are summed over the parts (time
 * spent, not wall time; `total` is wall time).
 */
export function assembleResult(input: AssembleInput): ApproachResult {
  const { outputs, zones, request, catalogue } = input;
  const byClass = new Map(outputs.flatMap((o) => o.parts).map((p) => [p.vehicleClass, p]));
  const parts = request.profiles.map((p) => byClass.get(p.vehicleClass)!);
  const features = parts.flatMap((p) => p.features);
  const timings: Record<string, number> = { ...input.timingsMs };
  for (const o of outputs) {
    for (const [k, v] of Object.entries(o.timingsMs)) timings[k] = (timings[k] ?? 0) + v;
  }

  const summary = zones.flatMap((zone) =>
    request.profiles.map((profile) => {
      const mine = features.filter(
        (f) => f.properties.zoneId === zone.id && f.properties.vehicleClass === profile.vehicleClass,
      );
      const open = mine.filter(
        (f) => f.properties.status !== 'stopped' && f.properties.status !== 'energy_equivalent',
      );
      const worst = open.reduce<VectorFeature | null>(
        (w, f) => (!w || f.properties.impactSpeedKmh > w.properties.impactSpeedKmh ? f : w),
        null,
      );
      return {
        zoneId: zone.id,
        zoneName: zone.name,
        vehicleClass: profile.vehicleClass,
        vectors: mine.length,
        unmitigated: open.length,
        worstImpactSpeedKmh: worst ? worst.properties.impactSpeedKmh : null,
        ...(worst
          ? ratingFields(profile, worst.properties.impactSpeedKmh)
          : {
              requiredRating: null,
              requiredRatingNote:
                mine.length === 0
                  ? `No way in for a ${profile.label} (${profile.vehicleClass}) was found.`
                  : `Every way in for a ${profile.label} (${profile.vehicleClass}) is stopped by a measure.`,
            }),
      };
    }),
  );

  features.sort(
    (a, b) =>
      a.properties.zoneName.localeCompare(b.properties.zoneName) ||
      request.profiles.findIndex((p) => p.vehicleClass === a.properties.vehicleClass) -
        request.profiles.findIndex((p) => p.vehicleClass === b.properties.vehicleClass) ||
      b.properties.impactSpeedKmh - a.properties.impactSpeedKmh,
  );
  timings.total = performance.now() - input.started;
  return {
    vectors: { type: 'FeatureCollection', features },
    speedMap: parts.flatMap((p) => (p.speedMap ? [p.speedMap] : [])),
    reachable: {
      type: 'FeatureCollection',
      features: parts.flatMap((p) =>
        p.outline
          ? [{ type: 'Feature' as const, geometry: p.outline, properties: { vehicleClass: p.vehicleClass } }]
          : [],
      ),
    },
    summary,
    standoff: parts.flatMap((p) => p.standoff),
    parameters: parametersUsed(catalogue, request),
    studyArea: input.studyArea,
    attribution: OSM_ATTRIBUTION,
    timingsMs: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, round(v, 1)])),
    cache: { ...input.cache, measures: outputs.some((o) => o.retagged) ? 'tagged' : 'unchanged' },
  };
}
