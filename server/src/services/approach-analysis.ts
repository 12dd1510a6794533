/**
 * The approach analysis of a site (issue 3, DOMAIN.md §3): I/O at the edge, the analysis pure. Reads the
 * site's state, zones and measures, has PostGIS grow the zones into the study area and pick the imported
 * features in it, builds the traversal graph (cold), tags the measures on it (warm), then runs the pure
 * per-class analysis (./approach-classes.ts).
 *
 * Where it runs: with `workers` > 0, in that many worker threads (analysis-workers.ts), the classes dealt
 * out by their index in the catalogue, so that a class always meets its cached baseline and the server's
 * event loop stays free for the map's tiles and edits; with 0, in this thread.
 *
 * Caching, in memory:
 * - graphs per (site, imported data generation, zone geometries, study radius, build options), in each
 *   worker (or this process): a change to the zones or the data rebuilds; a change to the measures only
 *   re-tags the cached graph. Each graph also keeps its per-class baselines (the analysis without
 *   measures), from which a measure change re-runs only what the measures touch. A few sites at a time.
 * - answers per (site, revision, data generation, request): the revision moves with every edit of the
 *   site's area, source, zones or measures. Concurrent identical requests share one computation.
 *
 * The pure part runs synchronously from tagging to the end of a class share, so two requests on one
 * cached graph never see each other's measure tags.
 */
import { createHash } from 'node:crypto';
import { BUILD_DEFAULTS } from '../analysis/vda/build-graph.js';
import { resolveProfiles, type VehicleCatalogue } from '../analysis/vehicles.js';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';
import { siteAnalysisState, studyAreaInput, warmUpStudyAreaQuery } from '../repositories/analysis-inputs.js';
import { measureRepository } from '../repositories/measures.js';
import { zoneRepository } from '../repositories/zones.js';
import type { ApproachResult } from '../schemas/approach-analysis.js';
import type { ApproachRequest } from '../validation/approach-input.js';
import { AnalysisWorkers } from './analysis-workers.js';
import {
  analyseClassParts,
  assembleResult,
  NO_MEASURES,
  type ClassParts,
  type GraphState,
  type SiteMeasure,
  type SiteZone,
} from './approach-classes.js';
import { buildGraphState, type GraphBuildInput, type PortableGraphState } from './graph-state.js';
import { LruCache } from './lru-cache.js';
import {
  GRAPH_CACHE_ENTRIES,
  type StudyAreaSummary,
  type WorkerReply,
  type WorkerRequest,
} from './worker-messages.js';

/** Answers kept (a few hundred KB to a few MB each). */
const RESULT_CACHE_ENTRIES = 8;

const sha1 = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('base64url');

/** The request as a cache key: every resolved vehicle value, so an override equal to a default hits. */
function requestKey(request: ApproachRequest): string {
  const { profiles, ...options } = request;
  return sha1([options, profiles.map(({ sources: _sources, label: _label, ...values }) => values)]);
}

/** What one computation needs besides the request. */
interface Job {
  siteId: string;
  zones: SiteZone[];
  measures: SiteMeasure[];
  measuresKey: string;
  graphKey: string;
  request: ApproachRequest;
}

/** A job's class parts with what they say of the graph they ran on. */
interface Computed {
  outputs: ClassParts[];
  studyArea: StudyAreaSummary;
  built: boolean;
  timingsMs: { studyArea: number; graphBuild: number };
}

/** A worker's answer, or its error thrown. */
function answered(worker: number, reply: WorkerReply): Extract<WorkerReply, { output: unknown }> {
  if ('error' in reply) {
    // An unexpected failure keeps its details in the log, not in the answer.
    if (reply.error.code === 'INTERNAL') throw new Error(`analysis worker ${worker}: ${reply.error.message}`);
    throw new AppError(reply.error.code, reply.error.message);
  }
  if ('missing' in reply) throw new AppError('INTERNAL', 'An analysis worker lost the graph it was sent.');
  return reply;
}

export class ApproachAnalysisService {
  /** In-thread graphs (workers = 0). */
  private readonly graphs = new LruCache<GraphState>(GRAPH_CACHE_ENTRIES);
  private readonly results = new LruCache<ApproachResult>(RESULT_CACHE_ENTRIES);
  private readonly workers: AnalysisWorkers | null;

  constructor(
    private readonly db: Db,
    private readonly catalogue: VehicleCatalogue,
    workers = 0,
  ) {
    this.workers = workers > 0 ? new AnalysisWorkers(workers) : null;
  }

  /**
   * The approach analysis of site `siteId` for a checked request. SITE_NOT_FOUND when there is no such
   * site, NO_PROTECTED_ZONES when it has no zone, AREA_TOO_LARGE when the study area cannot be modelled.
   */
  async analyse(siteId: string, asked: ApproachRequest): Promise<ApproachResult> {
    const started = performance.now();
    // The revision first: the zones and measures read after it are at least as new, so an answer is
    // never cached under a revision newer than its data.
    const state = await siteAnalysisState(this.db, siteId);
    if (!state) throw new AppError('SITE_NOT_FOUND', `There is no site with id "${siteId}".`);
    // The site's own vehicle parameters, then the request's on top.
    const request: ApproachRequest = {
      ...asked,
      profiles: resolveProfiles(this.catalogue, asked.vehicleClasses, {
        site: state.vehicleOverrides,
        request: asked.overrides,
      }),
    };
    const zones = await zoneRepository.list(this.db, siteId);
    const measures = await measureRepository.list(this.db, siteId);
    if (zones.length === 0)
      throw new AppError(
        'NO_PROTECTED_ZONES',
        'The site has no protected zone yet: draw a protected zone first, then run the approach analysis.',
      );
    const loadMs = performance.now() - started;

    const key = `${siteId}|${state.revision}|${state.generation}|${requestKey(request)}`;
    const { value, how } = await this.results.getOrCompute(key, async () => {
      const siteZones: SiteZone[] = zones.map((z) => ({
        id: z.id,
        name: z.properties.name,
        geometry: z.geometry,
      }));
      const job: Job = {
        siteId,
        zones: siteZones,
        measures,
        measuresKey:
          measures.length === 0 ? NO_MEASURES : sha1(measures.map((m) => [m.id, m.properties.version])),
        graphKey: [
          siteId,
          state.generation,
          sha1(siteZones.map((z) => [z.id, z.geometry])),
          request.studyRadiusM,
          request.unmappedLand,
          BUILD_DEFAULTS.cellSizeM,
        ].join('|'),
        request,
      };
      const computed = this.workers ? await this.inWorkers(this.workers, job) : await this.inThread(job);
      return assembleResult({
        outputs: computed.outputs,
        zones: siteZones,
        request,
        catalogue: this.catalogue,
        studyArea: { ...computed.studyArea, radiusM: request.studyRadiusM },
        cache: { result: 'computed', graph: computed.built ? 'built' : 'reused' },
        timingsMs: { load: loadMs, ...computed.timingsMs },
        started,
      });
    });
    return how === 'computed' ? value : { ...value, cache: { ...value.cache, result: how } };
  }

  /**
   * Starts the workers ahead of the first request (when the server starts listening); they and the study
   * area query warm up, so that the first analysis does not pay for the process's first runs.
   */
  async start(): Promise<void> {
    await Promise.all([this.workers?.start(), warmUpStudyAreaQuery(this.db)]);
  }

  /** Stops the workers (the app's onClose). */
  async close(): Promise<void> {
    await this.workers?.close();
  }

  private async inThread(job: Job): Promise<Computed> {
    const { value: state, how } = await this.graphs.getOrCompute(job.graphKey, async () =>
      buildGraphState(await this.buildInput(job)),
    );
    const output = analyseClassParts({ ...job, state });
    const built = how !== 'cached';
    return {
      outputs: [output],
      studyArea: { geometry: state.studyArea, hulled: state.hulled, features: state.featureCount },
      built,
      timingsMs: built ? state.timingsMs : { studyArea: 0, graphBuild: 0 },
    };
  }

  /**
   * Class i to worker i mod n. A worker without the graph says so. The first to say so gets the study
   * area's features, builds the graph and, when other workers take part, posts a copy of it before it
   * analyses; the others get that copy (two builds side by side took about twice as long each as one
   * alone: they share the memory bus).
   */
  private async inWorkers(workers: AnalysisWorkers, job: Job): Promise<Computed> {
    const loaded: { input?: Promise<GraphBuildInput> } = {};
    const shares = Array.from({ length: workers.size }, (_, w) =>
      job.request.profiles.filter((p) => this.classIndex(p.vehicleClass) % workers.size === w),
    );
    const participants = shares.filter((profiles) => profiles.length > 0).length;
    const withInput = async (message: Omit<WorkerRequest, 'id'>) => ({
      ...message,
      build: await (loaded.input ??= this.buildInput(job)),
    });
    /** The copy of the graph the builder posts; null when it had the graph after all and posted none. */
    let shared: Promise<PortableGraphState | null> | null = null;
    const build = async (w: number, message: Omit<WorkerRequest, 'id'>) => {
      let share: (graph: PortableGraphState | null) => void = () => {};
      let fail: (error: Error) => void = () => {};
      shared = new Promise((resolve, reject) => ([share, fail] = [resolve, reject]));
      // Nobody may be waiting for the copy when the builder fails.
      shared.catch(() => {});
      try {
        const request = { ...(await withInput(message)), share: participants > 1 };
        const reply = answered(w, await workers.run(w, request, share));
        // A no-op once shared; otherwise the worker had the graph (a concurrent request built it).
        share(null);
        return reply;
      } catch (error) {
        fail(error as Error);
        throw error;
      }
    };
    const replies = await Promise.all(
      shares.map(async (profiles, w) => {
        if (profiles.length === 0) return null;
        const message = {
          graphKey: job.graphKey,
          zones: job.zones,
          measures: job.measures,
          measuresKey: job.measuresKey,
          request: { ...job.request, profiles },
        };
        const reply = await workers.run(w, message);
        if (!('missing' in reply)) return answered(w, reply);
        if (!shared) return build(w, message);
        const graph = await shared;
        // Without a copy, the worker builds the graph itself (or finds that it has it by now).
        return answered(w, await workers.run(w, graph ? { ...message, graph } : await withInput(message)));
      }),
    );
    const outputs = replies.filter((r) => r !== null);
    const graphBuildMs = Math.max(...outputs.map((r) => r.graphBuildMs));
    return {
      outputs: outputs.map((r) => r.output),
      studyArea: outputs[0]!.studyArea,
      built: graphBuildMs > 0,
      timingsMs: {
        studyArea: loaded.input ? (await loaded.input).studyAreaMs : 0,
        graphBuild: graphBuildMs,
      },
    };
  }

  private classIndex(vehicleClass: string): number {
    return this.catalogue.profiles.findIndex((p) => p.vehicleClass === vehicleClass);
  }

  /** The study area around the job's zones and its features, from PostGIS. */
  private async buildInput(job: Job): Promise<GraphBuildInput> {
    const started = performance.now();
    const input = await studyAreaInput(this.db, {
      siteId: job.siteId,
      zones: job.zones.map((z) => z.geometry),
      radiusM: job.request.studyRadiusM,
    });
    return { ...input, unmappedLand: job.request.unmappedLand, studyAreaMs: performance.now() - started };
  }
}
