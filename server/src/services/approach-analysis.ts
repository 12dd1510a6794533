/**
 * The approach analysis of a site (issue 3, DOMAIN.md §3): I/O at the edge, the analysis pure. Reads the
 * site's state, zones and measures, has PostGIS grow the zones into the study area and pick the imported
 * features in it, builds the traversal graph (cold), tags the measures on it (warm), then runs the pure
 * per-class analysis (./approach-classes.ts).
 *
 * Caching, in memory, per process:
 * - graphs per (site, imported data generation, zone geometries, study radius, build options): a change to
 *   the zones or the data rebuilds; a change to the measures only re-tags the cached graph. Each graph also
 *   keeps its per-class baselines (the analysis without measures), so a measure change runs one speed
 *   search per class instead of two. A few sites at a time (LRU).
 * - answers per (site, revision, data generation, request): the revision moves with every edit of the
 *   site's area, source, zones or measures. Concurrent identical requests share one computation.
 *
 * The pure part runs synchronously from tagging to the end, so two requests on one cached graph never see
 * each other's measure tags.
 */
import { createHash } from 'node:crypto';
import { BUILD_DEFAULTS, buildTraversalGraph } from '../analysis/vda/build-graph.js';
import type { VehicleCatalogue } from '../analysis/vehicles.js';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';
import { siteAnalysisState, studyAreaInput } from '../repositories/analysis-inputs.js';
import { measureRepository } from '../repositories/measures.js';
import { zoneRepository } from '../repositories/zones.js';
import type { ApproachResult } from '../schemas/approach-analysis.js';
import type { ApproachRequest } from '../validation/approach-input.js';
import { analyseClasses, NO_MEASURES, type GraphState, type SiteZone } from './approach-classes.js';
import { LruCache } from './lru-cache.js';

/** Graphs kept (a Monaco venue's graph with its baselines is tens of MB). */
const GRAPH_CACHE_ENTRIES = 4;
/** Answers kept (a few MB each with all six classes' speed maps). */
const RESULT_CACHE_ENTRIES = 8;

const sha1 = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('base64url');

/** The request as a cache key: every resolved vehicle value, so an override equal to a default hits. */
function requestKey(request: ApproachRequest): string {
  const { profiles, ...options } = request;
  return sha1([options, profiles.map(({ sources: _sources, label: _label, ...values }) => values)]);
}

export class ApproachAnalysisService {
  private readonly graphs = new LruCache<GraphState>(GRAPH_CACHE_ENTRIES);
  private readonly results = new LruCache<ApproachResult>(RESULT_CACHE_ENTRIES);

  constructor(
    private readonly db: Db,
    private readonly catalogue: VehicleCatalogue,
  ) {}

  /**
   * The approach analysis of site `siteId` for a checked request. SITE_NOT_FOUND when there is no such
   * site, NO_PROTECTED_ZONES when it has no zone, AREA_TOO_LARGE when the study area cannot be modelled.
   */
  async analyse(siteId: string, request: ApproachRequest): Promise<ApproachResult> {
    const started = performance.now();
    // The revision first: the zones and measures read after it are at least as new, so an answer is
    // never cached under a revision newer than its data.
    const state = await siteAnalysisState(this.db, siteId);
    if (!state) throw new AppError('SITE_NOT_FOUND', `There is no site with id "${siteId}".`);
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
      const graphKey = [
        siteId,
        state.generation,
        sha1(siteZones.map((z) => [z.id, z.geometry])),
        request.studyRadiusM,
        request.unmappedLand,
        BUILD_DEFAULTS.cellSizeM,
      ].join('|');
      const built = await this.graphs.getOrCompute(graphKey, () =>
        this.buildGraph(siteId, siteZones, request),
      );
      const measuresKey =
        measures.length === 0 ? NO_MEASURES : sha1(measures.map((m) => [m.id, m.properties.version]));
      return analyseClasses({
        state: built.value,
        zones: siteZones,
        measures,
        measuresKey,
        request,
        catalogue: this.catalogue,
        cache: { result: 'computed', graph: built.how === 'cached' ? 'reused' : 'built' },
        timingsMs: {
          load: loadMs,
          studyArea: built.how === 'cached' ? 0 : built.value.timingsMs.studyArea,
          graphBuild: built.how === 'cached' ? 0 : built.value.timingsMs.graphBuild,
        },
        started,
      });
    });
    return how === 'computed' ? value : { ...value, cache: { ...value.cache, result: how } };
  }

  /** The graph of the study area around `zones` (the ones the graph key was made from). */
  private async buildGraph(siteId: string, zones: SiteZone[], request: ApproachRequest): Promise<GraphState> {
    const started = performance.now();
    const input = await studyAreaInput(this.db, {
      siteId,
      zones: zones.map((z) => z.geometry),
      radiusM: request.studyRadiusM,
    });
    const loaded = performance.now();
    const graph = buildTraversalGraph({
      features: input.features,
      measures: [],
      studyArea: input.studyArea,
      options: { unmappedLand: request.unmappedLand },
    });
    return {
      graph,
      studyArea: input.studyArea,
      hulled: input.hulled,
      featureCount: input.features.features.length,
      measuresKey: NO_MEASURES,
      baselines: new Map(),
      nodesAt: null,
      zoneNodes: null,
      timingsMs: { studyArea: loaded - started, graphBuild: performance.now() - loaded },
    };
  }
}
