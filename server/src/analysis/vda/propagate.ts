/**
 * Speed propagation (DOMAIN.md §3): the highest speed a vehicle class can have at every point of the
 * traversable space, and the path that achieves it. The vehicle may start anywhere at rest (or enter the
 * study area at road speed), accelerates flat out (`SpeedModel.squareAfter`), slows for bends to the
 * corner-cutting skid/roll-over limit (`SpeedModel.cornerSpeed`) and meets the measures through a callback.
 *
 * State = directed edge (the corner cap depends on the incoming heading). Each improvement of an edge's
 * label is appended to a label log (typed arrays) whose entries point at the entry they were extended from:
 * paths are backtracked through the log, so a path is always finite and exactly the one that produced the
 * speed, even when the best path loops (circling a roundabout to gain speed). An entry keeps only its edge,
 * the entry it extends and its two squared speeds: a path's run-up and what a measure on an edge did are
 * taken again from those when a path is read (pathFromEntry, SpeedField.measureAt), which halves the log
 * the search writes (13 % faster on the road graph).
 *
 * Search and termination. Corner caps depend only on the two edges of a turn (below), and every transition
 * (corner cap, acceleration, measure) is monotone non-decreasing in the incoming speed ("more speed is never
 * worse": a driver can always brake), so the best label of an edge dominates all lower ones and a
 * label-correcting search reaches the fixed point, the maximum over all walks, whatever the order of work.
 * An edge's label is replaced only when the new v² is higher by more than EPSILON_SQ. Speeds never
 * exceed the model's top speed, so an edge improves at most topSpeed²/EPSILON_SQ + 1 times; each
 * improvement pushes one queue entry and each pop relaxes the out-edges of one node once: the search ends
 * after finitely many steps, on any graph, cycles included. Rest starts are added lazily, only where
 * nothing got yet: a label reached through a transition is at least the edge's rest label.
 * The search works in v² throughout (SpeedModel.squareAfter; a corner cap is v² = c·r), so a level edge
 * without a measure costs no square root (edges with a measure and gradients still take some): 13 % faster
 * on the road graph; the label log keeps v², and the field's readers take the roots. Its inner loop
 * (relax, traverse) keeps measures in a method of its own, so that V8 inlines what is left whole (another
 * 10 %, and steadier from run to run), and checks for a dead end with a flag rather than a call at every
 * node (another 11 %).
 * Order of work: fastest first (lazy deletion); in open space speed taken back to the start of the edge's
 * straight run, v² − k·s (s: distance from the run's start, k: v² gained per metre from rest), so that along
 * one straight line the entry that gives the most speed everywhere downstream is extended first; on roads
 * and paths the mean v² over the edge (queueKey). This only saves re-labelling (about half on the Monaco
 * venues' open space), the result does not depend on it. So the queue keeps that order only to a bucket of
 * the key (bucket-queue.ts): O(1) per entry instead of a binary heap's O(log n) sifts, 1.3× faster on the
 * road graph and 1.7× on open space, for under 1 % more labels.
 *
 * Corners (DOMAIN.md §2: a turn of Δ in usable width w, cut by the driver: r = w/(1−cos(Δ/2))).
 * - Between road/path edges the bend is the roads' own geometry (propagate-geometry.ts): the vertices on
 *   both sides of the turn within 80 m, going on through junctions along the same way (a roundabout's ring)
 *   or the straightest road, as polygons on arcs that the driver cuts from the inner kerb,
 *   ρ = max(0, R − w/2) + w/(1−cos(Θ/2)). Three 30° vertices 3 m apart cap as one 90° corner, at each of
 *   them; a smooth road keeps a large radius; a roundabout holds a vehicle going round to R + w/2.
 * - In open space (the grid of cells, and onto or off it) the graph keeps no history of the path, so a turn
 *   is taken within OPEN_TURN_ROOM_M (L, our default) of straight run-in: the cutting arc must start on it,
 *   tangent length r·tan(Δ/2) back from the outer corner, which lies (w/2)·tan(Δ/2) past the vertex, so
 *   r = min(w/(1−cos(Δ/2)), w/2 + L/tan(Δ/2)). This bounds circling in a plaza (turns of 18–27° every few
 *   metres) to about 85–100 km/h for a car in 20 m of clear width, instead of letting small turns add up
 *   to any speed, at the price of slowing a single fast turn across open space a little.
 * Turning back is allowed only at a dead end, as a three-point turn from rest (where a start at rest is
 * allowed, the path starts afresh there).
 */
import { BucketQueue } from './bucket-queue.js';
import { EdgeKind, NodeKind, type TraversalGraph } from './graph.js';
import { searchGeometry, type SearchGeometry } from './propagate-geometry.js';
import type { SpeedModel } from './speed-model.js';

/**
 * Replace a label only when the new v² is higher by more than this ((m/s)²): Δv ≈ ε/2v, 1 mm/s at 5 m/s,
 * finer above, coarser only near rest (5 mm/s at 1 m/s); the speeds shown are rounded to 0.1 km/h.
 */
export const EPSILON_SQ = 0.01;
/** Our default speed of traffic entering the study area from outside (km/h): an urban road limit. */
export const DEFAULT_ENTRY_SPEED_KMH = 50;
/** Our default: in open space a turn is taken within this much straight run-in (m). */
export const OPEN_TURN_ROOM_M = 20;
/**
 * Buckets of the work queue (bucket-queue.ts): finer keeps the order closer to fastest first. 4096 gave the
 * same labels within 1 % on the Monaco venues and the road graph, but a 6 % slower search on the road graph:
 * within a bucket the order is last in, first out, which keeps the work near what was just touched.
 */
const QUEUE_BUCKETS = 1024;

export interface MeasureEffect {
  /** stop: the vehicle does not get past; cap: leaves it at most at `capSpeed`; pass: as if absent. */
  effect: 'stop' | 'pass' | 'cap';
  /** m/s, for 'cap'. */
  capSpeed?: number;
  /** How far a stopped vehicle travels past the measure (m), for 'stop'. */
  penetrationM?: number;
}

/**
 * What measure `measureIndex` (into graph.measures) does to a vehicle reaching it at `speed` (m/s). Must be
 * monotone: if it lets a vehicle through at some speed, it lets it through at any higher speed.
 */
export type MeasureEffectFn = (measureIndex: number, speed: number) => MeasureEffect;

export interface PropagateOptions {
  /** 'rest': start anywhere at rest; 'boundary': also enter at `boundaryNodes` at road speed. */
  entry?: 'rest' | 'boundary';
  /** Where vehicles enter (for entry = 'boundary'); default: the nodes of kind NodeKind.boundary. */
  boundaryNodes?: Uint32Array;
  /** Entry speed at every boundary node, km/h (DEFAULT_ENTRY_SPEED_KMH). */
  entrySpeedKmh?: number;
  /** Per-boundary-node entry speed (km/h), parallel to `boundaryNodes` (e.g. by highway class). */
  boundaryEntrySpeedKmh?: Float32Array;
  /** Per node: nonzero where a vehicle may start at rest (default: everywhere). */
  restStart?: Uint8Array;
  /**
   * Per node: nonzero where paths end (inside or on a protected zone: the vehicle is in). Edges into such
   * a node are driven, edges out of it are not, and no path starts there.
   */
  endNodes?: Uint8Array;
  /** Straight run-in within which an open-space turn is taken (m), OPEN_TURN_ROOM_M. */
  openTurnRoomM?: number;
  /** A label is replaced only by one whose v² is higher by more than this ((m/s)²), EPSILON_SQ. */
  epsilonSq?: number;
  /** Default: every measure passes (and is recorded as passed). */
  measureEffect?: MeasureEffectFn;
  /**
   * Incremental run: `field` is this class's field, with the same options but no measures (and rest
   * starts allowed at least wherever they are now), on the same graph before edges `changed` got measures
   * or narrower widths. Labels whose path avoids every changed
   * edge are kept; the search runs only where they lead (see Search.resume).
   */
  from?: { field: SpeedField; changed: readonly number[] };
}

export const MeasureOutcome = { none: 0, pass: 1, cap: 2 } as const;
export type MeasureOutcome = (typeof MeasureOutcome)[keyof typeof MeasureOutcome];

/**
 * The label log: one entry per label improvement; `prev` points at the entry it was extended from. Speeds
 * are kept squared, as the search computes them.
 */
export interface LabelLog {
  count: number;
  edge: Int32Array;
  prev: Int32Array;
  /** v² at the end of the edge ((m/s)²). */
  endSq: Float64Array;
  /** v² at the start of the edge, after the corner cap ((m/s)²). */
  entrySq: Float64Array;
}

/** What the measure on a label's edge did: outcome, speed arriving at it and leaving it (m/s; 0, 0: none). */
export interface MeasurePassage {
  outcome: MeasureOutcome;
  speedIn: number;
  speedOut: number;
}

const NO_MEASURE: MeasurePassage = Object.freeze({ outcome: MeasureOutcome.none, speedIn: 0, speedOut: 0 });

/** The fastest arrival at a measure that stopped the vehicle. */
export interface StopEvent {
  measureIndex: number;
  /** Directed edge the measure lies on. */
  edge: number;
  /** Speed reaching the measure (m/s). */
  speed: number;
  /** Speed at the start of `edge` (m/s). */
  entrySpeed: number;
  penetrationM: number;
  /** Label-log entry of the path up to the start of `edge` (−1: the path starts on `edge`). */
  prevEntry: number;
}

export interface SpeedField {
  vehicleClass: string;
  /** The graph searched; `measureAt` replays the measures tagged on it when called. */
  graph: TraversalGraph;
  // speed, entrySpeed, pred and nodeSpeed are views of the labels, made on first read.
  /** Best speed at the end of each directed edge (m/s), −1 where the vehicle cannot get. */
  readonly speed: Float32Array;
  /** Speed at the start of the edge on that best path, after the corner cap (m/s), −1 unreached. */
  readonly entrySpeed: Float32Array;
  /** Previous edge on the best path, −1 at its start (or unreached). */
  readonly pred: Int32Array;
  /** Highest speed at each node (m/s): max over arrivals, 0 where a path only starts; −1 unreachable. */
  readonly nodeSpeed: Float32Array;
  /** Label-log entry of each edge's best label, −1 unreached. */
  best: Int32Array;
  log: LabelLog;
  /**
   * Edges the vehicle got onto but was stopped on by a measure: the fastest entry speed (m/s, −1 none)
   * and the label-log entry before it. The vehicle reaches every point up to the measure.
   */
  stoppedEntrySpeed: Float32Array;
  stoppedPrev: Int32Array;
  /** Speed reaching the measure on those edges (m/s), −1 none. */
  stoppedSpeed: Float32Array;
  /** Per measure that stopped the vehicle, the fastest arrival; sorted by speed, fastest first. */
  stops: StopEvent[];
  /** `kept`: labels taken over from `options.from`; `labels` counts them too. */
  stats: { seeds: number; labels: number; pops: number; kept: number };
  /** Per node: nonzero where a vehicle may start at rest (undefined: everywhere), as given. */
  restStart: Uint8Array | undefined;
  /**
   * What the measure on the edge of label-log entry `id` did to it, driven again (Search.passage) with
   * the measures tagged on the graph now: read a field while the graph carries the tags it was searched
   * with (the service reads each field before it re-tags the graph).
   */
  measureAt: (id: number) => MeasurePassage;
  /** Drives a sequence of edges from rest with this search's caps and measures (Search.replay). */
  replay: (edges: readonly number[]) => { steps: PathStep[]; stopped: boolean } | null;
}

/** One edge driven: the speed at its end, or the measure that stopped the vehicle on it. */
type Drive =
  | { stopped: false; end: number; outcome: MeasureOutcome; mIn: number; mOut: number }
  | { stopped: true; measure: number; mIn: number; penetrationM: number };

/** The arrays of a label log with room for `capacity` entries, in one buffer (one allocation, not four). */
function logArrays(capacity: number): Omit<LabelLog, 'count'> {
  const buffer = new ArrayBuffer(capacity * 24);
  return {
    endSq: new Float64Array(buffer, 0, capacity),
    entrySq: new Float64Array(buffer, capacity * 8, capacity),
    edge: new Int32Array(buffer, capacity * 16, capacity),
    prev: new Int32Array(buffer, capacity * 20, capacity),
  };
}

/** The stop arrays of the fields of a graph searched with no measure on it: all −1, never written. */
const unstopped = new WeakMap<TraversalGraph, [Float32Array, Int32Array, Float32Array]>();

/** Stop arrays for a search of `graph` (SpeedField.stoppedEntrySpeed): fresh only when measures can stop. */
function stopArrays(graph: TraversalGraph): [Float32Array, Int32Array, Float32Array] {
  const E = graph.edgeCount;
  const fresh = (): [Float32Array, Int32Array, Float32Array] => [
    new Float32Array(E).fill(-1),
    new Int32Array(E).fill(-1),
    new Float32Array(E).fill(-1),
  ];
  if (graph.measures.length > 0) return fresh();
  let shared = unstopped.get(graph);
  if (!shared) unstopped.set(graph, (shared = fresh()));
  return shared;
}

/** A base log's entries by edge and by the entry they extend, for continuing it (Search.resume). */
interface LabelTree {
  byEdgeStart: Int32Array;
  byEdge: Int32Array;
  childStart: Int32Array;
  children: Int32Array;
  /** Entries that start a path at rest. */
  fromRest: Int32Array;
  /** Per edge, its best label's v² at the end and at entry (−1 unlabelled), and how many edges have one. */
  bestSq: Float64Array;
  bestEntrySq: Float64Array;
  labelled: number;
}

const labelTrees = new WeakMap<LabelLog, LabelTree>();

/** Two per-edge v² arrays only a search itself reads, kept for the next search in this thread. */
let scratch: [Float64Array, Float64Array] = [new Float64Array(0), new Float64Array(0)];

/**
 * The scratch arrays, filled with −1, for E edges. Searches run one at a time in a thread (each runs to the
 * end synchronously, and nothing a field keeps reads them), so one pair serves all, without a few hundred
 * KB to allocate, zero and collect per search.
 */
function scratchSpeeds(E: number): [Float64Array, Float64Array] {
  if (scratch[0].length < E) scratch = [new Float64Array(E), new Float64Array(E)];
  const [a, b] = scratch;
  return [a.subarray(0, E).fill(-1), b.subarray(0, E).fill(-1)];
}

/** Makes ahead what continuing `field` (PropagateOptions.from) needs first, so the first re-run does not. */
export function prepareContinuation(field: SpeedField): void {
  labelTree(field.graph, field);
}

/** The LabelTree of a finished field's log, made once (counting sorts) and kept with it. */
function labelTree(graph: TraversalGraph, field: SpeedField): LabelTree {
  const log = field.log;
  const cached = labelTrees.get(log);
  if (cached) return cached;
  const n = log.count;
  const byEdgeStart = new Int32Array(graph.edgeCount + 1);
  const childStart = new Int32Array(n + 1);
  let rest = 0;
  for (let id = 0; id < n; id++) {
    byEdgeStart[log.edge[id]! + 1]!++;
    const p = log.prev[id]!;
    if (p >= 0) childStart[p + 1]!++;
    else if (log.entrySq[id] === 0) rest++;
  }
  for (let e = 0; e < graph.edgeCount; e++) byEdgeStart[e + 1]! += byEdgeStart[e]!;
  for (let id = 0; id < n; id++) childStart[id + 1]! += childStart[id]!;
  const byEdge = new Int32Array(n);
  const children = new Int32Array(childStart[n]!);
  const fromRest = new Int32Array(rest);
  const edgeFill = byEdgeStart.slice(0, graph.edgeCount);
  const childFill = childStart.slice(0, n);
  rest = 0;
  for (let id = 0; id < n; id++) {
    byEdge[edgeFill[log.edge[id]!]!++] = id;
    const p = log.prev[id]!;
    if (p >= 0) children[childFill[p]!++] = id;
    else if (log.entrySq[id] === 0) fromRest[rest++] = id;
  }
  const bestSq = new Float64Array(graph.edgeCount).fill(-1);
  const bestEntrySq = new Float64Array(graph.edgeCount).fill(-1);
  let labelled = 0;
  for (let e = 0; e < graph.edgeCount; e++) {
    const id = field.best[e]!;
    if (id < 0) continue;
    bestSq[e] = log.endSq[id]!;
    bestEntrySq[e] = log.entrySq[id]!;
    labelled++;
  }
  const tree = { byEdgeStart, byEdge, childStart, children, fromRest, bestSq, bestEntrySq, labelled };
  labelTrees.set(log, tree);
  return tree;
}

class Search {
  private readonly g: TraversalGraph;
  private readonly model: SpeedModel;
  private readonly geo: SearchGeometry;
  private readonly measureEffect: MeasureEffectFn | null;
  private readonly epsilonSq: number;
  private readonly restStart: Uint8Array | undefined;
  private readonly endNodes: Uint8Array | undefined;
  /** c with v² = c·r the model's corner limit at radius r (skid and roll-over are both of that form). */
  private readonly cornerC: number;
  readonly passable: Uint8Array;
  readonly queue: BucketQueue;
  /** Per edge: its label (log entry, −1 none) and v² at its end. */
  readonly best: Int32Array;
  readonly bestSq: Float64Array;
  /** Highest entry v² each edge has been driven with: a lower one cannot do better (monotone). */
  private readonly triedSq: Float64Array;
  readonly stoppedEntrySpeed: Float32Array;
  readonly stoppedPrev: Int32Array;
  readonly stoppedSpeed: Float32Array;
  readonly stopSpeed: Float64Array;
  readonly stopEvents: (StopEvent | null)[];

  // The label log, grown by doubling.
  count = 0;
  lEdge: Int32Array;
  lPrev: Int32Array;
  lEndSq: Float64Array;
  lEntrySq: Float64Array;

  pops = 0;
  /** The base log this search continues (options.from), if any. */
  private continued: LabelLog | null = null;
  /** v² gained per metre from rest (over the first 50 m), for the queue key. */
  private readonly runUpGain: number;

  constructor(graph: TraversalGraph, model: SpeedModel, options: PropagateOptions) {
    this.g = graph;
    this.model = model;
    this.geo = searchGeometry(graph, options.openTurnRoomM ?? OPEN_TURN_ROOM_M);
    this.measureEffect = options.measureEffect ?? null;
    this.epsilonSq = options.epsilonSq ?? EPSILON_SQ;
    this.restStart = options.restStart;
    this.endNodes = options.endNodes;
    this.runUpGain = model.squareAfter(0, 50, 0) / 50;
    // cornerSpeed(π, r) is the model's limit at radius r (r = w/(1 − cos 90°) = w).
    const unit = model.cornerSpeed(Math.PI, 1);
    if (!(unit > 0 && Number.isFinite(unit)))
      throw new Error(`${model.vehicleClass}: no finite corner limit`);
    this.cornerC = unit * unit;
    const E = graph.edgeCount;
    this.passable = new Uint8Array(E);
    for (let e = 0; e < E; e++) this.passable[e] = graph.edgeWidth[e]! >= model.widthM ? 1 : 0;
    // Queue keys lie in (−2·v_top², v_top²] but for a run behind the edge longer than about twice the
    // run-up to top speed; those share the lowest bucket. 1024 buckets: about 7 (m/s)² each for a car.
    const uTop = model.topSpeed * model.topSpeed;
    this.queue = new BucketQueue(-2 * uTop, uTop * (1 + 1e-9), QUEUE_BUCKETS, 2 * E);
    this.best = new Int32Array(E).fill(-1);
    [this.bestSq, this.triedSq] = scratchSpeeds(E);
    [this.stoppedEntrySpeed, this.stoppedPrev, this.stoppedSpeed] = stopArrays(graph);
    this.stopSpeed = new Float64Array(graph.measures.length).fill(-1);
    this.stopEvents = graph.measures.map(() => null);
    ({
      edge: this.lEdge,
      prev: this.lPrev,
      endSq: this.lEndSq,
      entrySq: this.lEntrySq,
    } = logArrays(Math.max(64, 2 * E)));
  }

  private grow(): void {
    const log = logArrays(this.lEdge.length * 2);
    log.edge.set(this.lEdge);
    log.prev.set(this.lPrev);
    log.endSq.set(this.lEndSq);
    log.entrySq.set(this.lEntrySq);
    ({ edge: this.lEdge, prev: this.lPrev, endSq: this.lEndSq, entrySq: this.lEntrySq } = log);
    // A continued base gets the larger arrays too (same entries below its count), for its next run.
    const base = this.continued;
    if (base) Object.assign(base, { ...this.labelLog(), count: base.count });
  }

  /** The label log as it stands (its arrays, not copies). */
  labelLog(): LabelLog {
    return {
      count: this.count,
      edge: this.lEdge,
      prev: this.lPrev,
      endSq: this.lEndSq,
      entrySq: this.lEntrySq,
    };
  }

  /** Drives along edge `e` entering at `vIn` (m/s): the speed at its end, or where a measure stops it. */
  drive(e: number, vIn: number): Drive {
    const g = this.g;
    const model = this.model;
    const length = g.edgeLength[e]!;
    const grade = g.edgeGrade[e]!;
    const m = g.edgeMeasure[e]!;
    if (m < 0)
      return { stopped: false, end: model.speedAfter(vIn, length, grade), outcome: 0, mIn: 0, mOut: 0 };
    const at = g.edgeMeasureAt[e]!;
    const mIn = model.speedAfter(vIn, at, grade);
    const result = this.measureEffect ? this.measureEffect(m, mIn) : null;
    if (result && result.effect === 'stop')
      return { stopped: true, measure: m, mIn, penetrationM: result.penetrationM ?? 0 };
    const capped = result && result.effect === 'cap';
    const mOut = capped ? Math.min(mIn, result.capSpeed ?? Infinity) : mIn;
    return {
      stopped: false,
      end: model.speedAfter(mOut, length - at, grade),
      outcome: capped ? MeasureOutcome.cap : MeasureOutcome.pass,
      mIn,
      mOut,
    };
  }

  /** What the measure on the edge of log entry `id` did to the vehicle, driven again from its entry speed. */
  passage(log: LabelLog, id: number): MeasurePassage {
    const e = log.edge[id]!;
    if (this.g.edgeMeasure[e]! < 0) return NO_MEASURE;
    const drive = this.drive(e, Math.sqrt(log.entrySq[id]!));
    // A label's measure let the vehicle through: the effect is a function of the speed reaching it.
    if (drive.stopped) throw new Error(`label ${id} on edge ${e} was stopped by its measure`);
    return { outcome: drive.outcome, speedIn: drive.mIn, speedOut: drive.mOut };
  }

  /**
   * Drives along edge `e` entering at v² = `uIn` (after log entry `prev`, or −1) and records the label if it
   * improves the edge; measures on the edge may stop or slow the vehicle. Returns the new log entry or −1.
   */
  traverse(e: number, uIn: number, prev: number): number {
    if (uIn <= this.triedSq[e]!) return -1;
    this.triedSq[e] = uIn;
    // Most edges carry no measure: the hot path stays small (V8 inlines it into the search loop).
    if (this.g.edgeMeasure[e]! >= 0) return this.traverseMeasure(e, uIn, prev);
    return this.label(e, uIn, this.model.squareAfter(uIn, this.g.edgeLength[e]!, this.g.edgeGrade[e]!), prev);
  }

  /** traverse on an edge with a measure, which may stop or slow the vehicle. */
  private traverseMeasure(e: number, uIn: number, prev: number): number {
    const vIn = Math.sqrt(uIn);
    const drive = this.drive(e, vIn);
    if (!drive.stopped) return this.label(e, uIn, drive.end * drive.end, prev);
    this.recordStop(drive.measure, e, vIn, drive.mIn, drive.penetrationM, prev);
    return -1;
  }

  /** Records the label of edge e entered at v² = uIn and left at `end`, if it improves the edge. */
  private label(e: number, uIn: number, end: number, prev: number): number {
    // A vehicle that stalls on a climb does not get to the end of the edge.
    if (!(end > 0) || end <= this.bestSq[e]! + this.epsilonSq) return -1;
    if (this.count === this.lEdge.length) this.grow();
    const id = this.count++;
    this.lEdge[id] = e;
    this.lPrev[id] = prev;
    this.lEndSq[id] = end;
    this.lEntrySq[id] = uIn;
    this.best[e] = id;
    this.bestSq[e] = end;
    this.queue.push(this.queueKey(e, uIn, end), id);
    return id;
  }

  /**
   * The queue key of a label of edge e entered at v² = uIn and left at uEnd (the module comment): in open
   * space v² taken back to the start of the straight run; on roads and paths, where a straight run is
   * mostly one edge, the mean of v² over the edge (18 % fewer labels than the former on the Monaco road
   * graph, the same on the venues).
   */
  private queueKey(e: number, uIn: number, uEnd: number): number {
    if (this.g.edgeKind[e] !== EdgeKind.open) return (uIn + uEnd) / 2;
    return uEnd - this.runUpGain * this.geo.runBehind[e]!;
  }

  private recordStop(
    m: number,
    e: number,
    vIn: number,
    speed: number,
    penetrationM: number,
    prev: number,
  ): void {
    if (vIn > this.stoppedEntrySpeed[e]!) {
      this.stoppedEntrySpeed[e] = vIn;
      this.stoppedPrev[e] = prev;
      this.stoppedSpeed[e] = speed;
    }
    if (speed > this.stopSpeed[m]!) {
      this.stopSpeed[m] = speed;
      this.stopEvents[m] = {
        measureIndex: m,
        edge: e,
        speed,
        entrySpeed: vIn,
        penetrationM,
        prevEntry: prev,
      };
    }
  }

  /**
   * Highest speed (≤ v, m/s) carried from the end of edge e into e2 (see the module comment): the corner
   * cap v² = c·ρ of the turn's entry in the turn table, as `relax` reads it.
   */
  private turnCap(e: number, e2: number, v: number): number {
    const g = this.g;
    const n = g.edgeTo[e]!;
    const first = g.edgeStart[n]!;
    const row = this.geo.turnOffset[n]! + (g.edgeReverse[e]! - first) * (g.edgeStart[n + 1]! - first) - first;
    const capSq = this.cornerC * this.geo.turnRadius[row + e2]!;
    return capSq >= v * v ? v : Math.sqrt(capSq);
  }

  /** Extends log entry `id` over every out-edge of its edge's end node. */
  relax(id: number): void {
    const g = this.g;
    const e = this.lEdge[id]!;
    const u = this.lEndSq[id]!;
    const n = g.edgeTo[e]!;
    if (this.endNodes?.[n]) return;
    const reverse = g.edgeReverse[e]!;
    const first = g.edgeStart[n]!;
    const end = g.edgeStart[n + 1]!;
    // Where the turns out of e sit in the turn table, less `first` (as in turnCap, written out here: this
    // loop is the search's hottest).
    const row = this.geo.turnOffset[n]! + (reverse - first) * (end - first) - first;
    const passable = this.passable;
    const triedSq = this.triedSq;
    const radius = this.geo.turnRadius;
    const c = this.cornerC;
    let onward = false;

    for (let e2 = first; e2 < end; e2++) {
      if (!passable[e2] || e2 === reverse) continue;
      onward = true;
      // Nothing to gain where the edge was already driven at this speed or more.
      if (u <= triedSq[e2]!) continue;
      // The corner cap, v² = c·ρ.
      const capSq = c * radius[row + e2]!;
      this.traverse(e2, capSq >= u ? u : capSq, id);
    }
    // Turning back only where nothing else leads on (a dead end for this vehicle), and from rest: both legs
    // share one carriageway, so a one-go turn needs a width of twice the turning radius (≈ 11 m for a car,
    // kerb to kerb), which a street end does not give; it is a three-point turn. Where a start at rest is
    // allowed anyway, the path starts here afresh.
    if (!onward && passable[reverse])
      this.traverse(reverse, 0, !this.restStart || this.restStart[n] ? -1 : id);
  }

  /** Starts a path on edge `e` at speed `v` (m/s; from rest, or entering the study area). */
  seed(e: number, v: number): number {
    return this.traverse(e, v * v, -1);
  }

  /**
   * Starts from `base` (options.from). Measures and narrowed widths only take speed away (every measure
   * effect is at most a pass), so a label whose path avoids the changed edges is still achievable and still
   * the best: it is kept, with the log entries behind it. Log entries are created after the entry they
   * extend (prev < id), so one pass in id order finds the stale ones, those with a changed edge on their
   * path, or a start at rest that `restStart` no longer allows. Kept labels next to an edge without one are
   * queued, and the search goes on from them.
   */
  resume(base: SpeedField, changed: readonly number[]): number {
    const g = this.g;
    const E = g.edgeCount;
    const log = base.log;
    const n = log.count;
    const tree = labelTree(g, base);
    // Stale: the entries on a changed edge, the paths from rest where a start is no longer allowed
    // (options.restStart may be narrower), and every entry extended from a stale one.
    const stale = new Uint8Array(n);
    const stack: number[] = [];
    const mark = (id: number) => {
      if (stale[id]) return;
      stale[id] = 1;
      stack.push(id);
    };
    for (const e of changed)
      for (let i = tree.byEdgeStart[e]!; i < tree.byEdgeStart[e + 1]!; i++) mark(tree.byEdge[i]!);
    const allowed = this.restStart;
    if (allowed) {
      for (const id of tree.fromRest) if (!allowed[g.edgeFrom[log.edge[id]!]!]) mark(id);
    }
    /** Edges whose best label went stale. */
    const lost: number[] = [];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (base.best[log.edge[id]!] === id) lost.push(log.edge[id]!);
      for (let i = tree.childStart[id]!; i < tree.childStart[id + 1]!; i++) mark(tree.children[i]!);
    }
    // The base's log is continued in place, not copied (a few MB per class): entries below its count are
    // never written, those above are this run's scratch. So one continuation of a base at a time: runs are
    // synchronous, and the service keeps one continued field per baseline, dropped before another
    // continues it (approach-classes.ts, GraphState.measured).
    ({
      count: this.count,
      edge: this.lEdge,
      prev: this.lPrev,
      endSq: this.lEndSq,
      entrySq: this.lEntrySq,
    } = log);
    this.continued = log;
    let kept = tree.labelled;
    this.best.set(base.best);
    this.bestSq.set(tree.bestSq);
    this.triedSq.set(tree.bestEntrySq);
    for (const e of lost) {
      this.best[e] = -1;
      this.bestSq[e] = -1;
      this.triedSq[e] = -1;
      kept--;
    }
    // The search goes on from the kept labels that lead onto an edge that lost its label (those next to
    // an edge the base never labelled failed there before, and would again: same label, same edge).
    const frontier = new Uint8Array(E);
    for (const e2 of lost) {
      const from = g.edgeFrom[e2]!;
      for (let x = g.edgeStart[from]!; x < g.edgeStart[from + 1]!; x++) {
        const e = g.edgeReverse[x]!;
        if (this.best[e]! >= 0) frontier[e] = 1;
      }
    }
    for (let e = 0; e < E; e++) {
      if (!frontier[e]) continue;
      const id = this.best[e]!;
      this.queue.push(this.queueKey(e, this.lEntrySq[id]!, this.lEndSq[id]!), id);
    }
    return kept;
  }

  /**
   * Drives `edges` in order from rest at the start of the first, with the same corner caps and measures as
   * the search (the labels are not touched; `restStart` is not checked). Null where the vehicle stalls or a
   * measure stops it before the last edge; on the last edge a stop is reported, not refused.
   */
  replay(edges: readonly number[]): { steps: PathStep[]; stopped: boolean } | null {
    const g = this.g;
    const steps: PathStep[] = [];
    let v = 0;
    let runUp = 0;
    for (let i = 0; i < edges.length; i++) {
      const e = edges[i]!;
      const vIn = i === 0 ? 0 : this.turnCap(edges[i - 1]!, e, v);
      const drive = this.drive(e, vIn);
      const last = i === edges.length - 1;
      if (drive.stopped || !(drive.end > 0)) {
        if (!last) return null;
        steps.push({
          edge: e,
          entrySpeed: vIn,
          endSpeed: 0,
          runUp,
          measureOutcome: 0,
          measureSpeedIn: 0,
          measureSpeedOut: 0,
        });
        return { steps, stopped: true };
      }
      runUp += g.edgeLength[e]!;
      v = drive.end;
      steps.push({
        edge: e,
        entrySpeed: vIn,
        endSpeed: v,
        runUp,
        measureOutcome: drive.outcome,
        measureSpeedIn: drive.mIn,
        measureSpeedOut: drive.mOut,
      });
    }
    return { steps, stopped: false };
  }

  /** Runs the queue dry. */
  drain(): void {
    const queue = this.queue;
    while (queue.size > 0) {
      const id = queue.pop();
      if (this.best[this.lEdge[id]!] !== id) continue; // superseded
      this.pops++;
      this.relax(id);
    }
  }
}

function boundaryNodesOf(graph: TraversalGraph): Uint32Array {
  const nodes: number[] = [];
  for (let n = 0; n < graph.nodeCount; n++) if (graph.nodeKind[n] === NodeKind.boundary) nodes.push(n);
  return Uint32Array.from(nodes);
}

/** The per-edge arrays of the field, from each edge's label. */
function perEdge(graph: TraversalGraph, search: Search) {
  const E = graph.edgeCount;
  const { lEndSq, lEntrySq, lPrev, lEdge, best } = search;
  const speed = new Float32Array(E).fill(-1);
  const entrySpeed = new Float32Array(E).fill(-1);
  const pred = new Int32Array(E).fill(-1);
  for (let e = 0; e < E; e++) {
    const id = best[e]!;
    if (id < 0) continue;
    speed[e] = Math.sqrt(lEndSq[id]!);
    entrySpeed[e] = Math.sqrt(lEntrySq[id]!);
    const p = lPrev[id]!;
    if (p >= 0) pred[e] = lEdge[p]!;
  }
  return { speed, entrySpeed, pred };
}

/** The highest speed at each node, over the arrivals and departures of the edges' labels. */
function perNode(graph: TraversalGraph, search: Search): Float32Array {
  const { lEndSq, lEntrySq, best, stoppedEntrySpeed } = search;
  const { edgeTo, edgeFrom } = graph;
  const nodeSpeed = new Float32Array(graph.nodeCount).fill(-1);
  for (let e = 0; e < graph.edgeCount; e++) {
    const id = best[e]!;
    if (id >= 0) {
      const v = Math.sqrt(lEndSq[id]!);
      const vIn = Math.sqrt(lEntrySq[id]!);
      if (v > nodeSpeed[edgeTo[e]!]!) nodeSpeed[edgeTo[e]!] = v;
      if (vIn > nodeSpeed[edgeFrom[e]!]!) nodeSpeed[edgeFrom[e]!] = vIn;
    }
    // Stopped on an edge: its start was reached.
    const stopped = stoppedEntrySpeed[e]!;
    if (stopped >= 0 && stopped > nodeSpeed[edgeFrom[e]!]!) nodeSpeed[edgeFrom[e]!] = stopped;
  }
  return nodeSpeed;
}

/** The measures' stop events, fastest first. */
function stopsOf(events: readonly (StopEvent | null)[]): StopEvent[] {
  const stops: StopEvent[] = [];
  for (const event of events) if (event) stops.push(event);
  return stops.sort((a, b) => b.speed - a.speed);
}

/** Maximum speed per directed edge and node for one vehicle class (see the module comment). */
export function propagateSpeeds(
  graph: TraversalGraph,
  model: SpeedModel,
  options: PropagateOptions = {},
): SpeedField {
  const search = new Search(graph, model, options);
  const E = graph.edgeCount;
  let seeds = 0;
  const kept = options.from ? search.resume(options.from.field, options.from.changed) : 0;

  if ((options.entry ?? 'rest') === 'boundary') {
    const fallback = options.entrySpeedKmh ?? DEFAULT_ENTRY_SPEED_KMH;
    (options.boundaryNodes ?? boundaryNodesOf(graph)).forEach((n, i) => {
      if (options.endNodes?.[n]) return;
      const kmh = options.boundaryEntrySpeedKmh?.[i] ?? fallback;
      const v = Math.min(model.topSpeed, kmh / 3.6);
      for (let e = graph.edgeStart[n] as number; e < (graph.edgeStart[n + 1] as number); e++) {
        if (search.passable[e]) {
          search.seed(e, v);
          seeds++;
        }
      }
    });
  }
  search.drain();
  // Rest starts, where nothing got yet: an edge reached through a transition already has a label at least
  // its rest label (squareAfter is monotone in the entry speed).
  for (let e = 0; e < E; e++) {
    if (search.best[e]! >= 0 || search.stoppedEntrySpeed[e]! >= 0 || !search.passable[e]) continue;
    if (options.restStart && !options.restStart[graph.edgeFrom[e]!]) continue;
    if (options.endNodes?.[graph.edgeFrom[e]!]) continue;
    search.seed(e, 0);
    seeds++;
    search.drain();
  }

  // The field keeps the search (measureAt, replay) but not its queue: up to a few MB on a venue.
  search.queue.release();
  const log = search.labelLog();
  // The per-edge and per-node arrays only on demand: the service reads the label log (and the node speeds
  // only for a speed map), and an incremental run would spend more on filling them than on its search.
  let edges: ReturnType<typeof perEdge> | null = null;
  const edgeArrays = () => (edges ??= perEdge(graph, search));
  let nodes: Float32Array | null = null;

  return {
    vehicleClass: model.vehicleClass,
    graph,
    get speed() {
      return edgeArrays().speed;
    },
    get entrySpeed() {
      return edgeArrays().entrySpeed;
    },
    get pred() {
      return edgeArrays().pred;
    },
    get nodeSpeed() {
      return (nodes ??= perNode(graph, search));
    },
    best: search.best,
    log,
    stoppedEntrySpeed: search.stoppedEntrySpeed,
    stoppedPrev: search.stoppedPrev,
    stoppedSpeed: search.stoppedSpeed,
    stops: stopsOf(search.stopEvents),
    stats: { seeds, labels: search.count, pops: search.pops, kept },
    restStart: options.restStart,
    measureAt: (id) => search.passage(log, id),
    replay: (edges) => search.replay(edges),
  };
}

/** One edge of a backtracked path, with the speeds the search found along it (m/s). */
export interface PathStep {
  edge: number;
  entrySpeed: number;
  endSpeed: number;
  /** Distance from the path start to the end of this edge (m). */
  runUp: number;
  measureOutcome: MeasureOutcome;
  measureSpeedIn: number;
  measureSpeedOut: number;
}

/** The path behind label-log entry `id`, from its start, in driving order (empty for −1). */
export function pathFromEntry(field: SpeedField, id: number): PathStep[] {
  const log = field.log;
  const ids: number[] = [];
  for (let i = id; i >= 0; i = log.prev[i] as number) ids.push(i);
  let runUp = 0;
  return ids.reverse().map((i) => {
    const edge = log.edge[i] as number;
    runUp += field.graph.edgeLength[edge] as number;
    const measure = field.measureAt(i);
    return {
      edge,
      entrySpeed: Math.sqrt(log.entrySq[i] as number),
      endSpeed: Math.sqrt(log.endSq[i] as number),
      runUp,
      measureOutcome: measure.outcome,
      measureSpeedIn: measure.speedIn,
      measureSpeedOut: measure.speedOut,
    };
  });
}

/** The best path to the end of directed edge `edge`, from its start (empty if unreachable). */
export function pathTo(field: SpeedField, edge: number): PathStep[] {
  return pathFromEntry(field, field.best[edge] as number);
}

/**
 * Speed (m/s) `distanceM` metres along the edge of a path step, from the step's entry speed and the
 * measure on the edge (capped or passed).
 */
export function speedAlongStep(
  graph: TraversalGraph,
  model: SpeedModel,
  step: PathStep,
  distanceM: number,
): number {
  const grade = graph.edgeGrade[step.edge] as number;
  if (step.measureOutcome !== MeasureOutcome.none) {
    const at = graph.edgeMeasureAt[step.edge] as number;
    if (distanceM >= at) return model.speedAfter(step.measureSpeedOut, distanceM - at, grade);
  }
  return model.speedAfter(step.entrySpeed, distanceM, grade);
}
