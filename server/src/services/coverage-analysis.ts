/**
 * The CCTV coverage analysis of a site (issue 6, DOMAIN.md §5): I/O at the edge, the analysis pure
 * (analysis/cctv). Reads the site's cameras, zones and cordons, the obstacles around them (prepared once
 * and cached), the approach vectors (from the approach analysis, cached), then computes each camera's view
 * and what the cameras together see of the zones, the vectors and the access points.
 *
 * Caching, in memory, so that moving one camera recomputes one view:
 * - prepared obstacles per (site, imported data generation, site centre), with the box they were read
 *   for; a request needing more (a camera further out) reads the larger box once.
 * - approach vectors per (site, data generation, zones, measures other than cameras and cordons, vehicle
 *   overrides, classes): cameras never change them, so a camera edit does not re-run the approach analysis.
 * - each camera's view per (obstacle set, camera id and version, detail level, zones: the site's public
 *   space is not counted as private).
 */
import { createHash } from 'node:crypto';
import type { MultiPolygon, Pair, Polygon } from 'polygon-clipping';
import {
  CAMERA_DEFAULTS,
  resolveCamera,
  VIEW_DEFAULTS,
  viewGeometry,
  type CameraProperties,
} from '../analysis/cctv/camera-model.js';
import { computeCameraView, type CameraView } from '../analysis/cctv/camera-view.js';
import {
  pointSeenBy,
  vectorCoverage,
  zoneCoverage,
  type CameraCoverage,
} from '../analysis/cctv/coverage-metrics.js';
import { localFrame, type LocalFrame } from '../analysis/cctv/local-frame.js';
import {
  prepareObstacles,
  type ObstacleFeatures,
  type PreparedObstacles,
} from '../analysis/cctv/obstacles.js';
import { DETAIL_LEVELS } from '../analysis/cctv/pixel-density.js';
import type { VehicleCatalogue } from '../analysis/vehicles.js';
import { OSM_ATTRIBUTION } from '../attribution.js';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';
import { siteAnalysisState } from '../repositories/analysis-inputs.js';
import {
  obstacleRows,
  RESIDENTIAL_BUILDINGS,
  siteFrame,
  VIEW_BLOCKING_BARRIERS,
  type ObstacleRow,
} from '../repositories/coverage-inputs.js';
import { measureRepository } from '../repositories/measures.js';
import { zoneRepository } from '../repositories/zones.js';
import type { ApproachResult } from '../schemas/approach-analysis.js';
import type { CoverageResult } from '../schemas/coverage-analysis.js';
import { parseApproachRequest } from '../validation/approach-input.js';
import type { CoverageRequest } from '../validation/coverage-input.js';
import type { ApproachAnalysisService } from './approach-analysis.js';
import { LruCache } from './lru-cache.js';

const OBSTACLE_SETS = 4;
const APPROACH_ENTRIES = 8;
/** Camera views kept (a few KB to a few hundred KB each). */
const VIEW_ENTRIES = 2000;
/** Obstacles are read this far beyond what the cameras need, so small moves reuse them. */
const OBSTACLE_MARGIN_M = 200;

type Box = [number, number, number, number];
type Vectors = ApproachResult['vectors'];
type AccessPoint = { position: number[]; kind: 'pedestrian' | 'vehicle' | 'emergency' };

interface ObstacleSet {
  serial: number;
  frame: LocalFrame;
  /** WGS84 box read. */
  box: Box;
  prepared: PreparedObstacles;
}

const sha1 = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('base64url');
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const contains = (outer: Box, inner: Box) =>
  outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];

/** Local metres → WGS84 MultiPolygon coordinates (7 decimals, repeated positions dropped). */
function multiToLonLat(frame: LocalFrame, multi: MultiPolygon): number[][][][] {
  return multi.flatMap((polygon) => {
    const rings = polygon.map((ring) =>
      ring
        .map((p) => frame.toLonLat(p))
        .filter((p, i, all) => i === 0 || p[0] !== all[i - 1]![0] || p[1] !== all[i - 1]![1]),
    );
    return rings[0]!.length >= 4 ? [rings.filter((r) => r.length >= 4)] : [];
  });
}

/** Imported rows → obstacle features in the local frame. */
export function toObstacleFeatures(frame: LocalFrame, rows: ObstacleRow[]): ObstacleFeatures {
  const features: ObstacleFeatures = { buildings: [], walls: [], privateLand: [] };
  const local = (ring: number[][]) => ring.map((p) => frame.toLocal(p));
  for (const row of rows) {
    const g = JSON.parse(row.geometry) as { type: string; coordinates: unknown };
    const polygons =
      g.type === 'Polygon'
        ? [g.coordinates as number[][][]]
        : g.type === 'MultiPolygon'
          ? (g.coordinates as number[][][][])
          : [];
    const lines =
      g.type === 'LineString'
        ? [g.coordinates as number[][]]
        : g.type === 'MultiLineString'
          ? (g.coordinates as number[][][])
          : polygons.flat();
    if (row.layer === 'buildings') {
      for (const p of polygons)
        features.buildings.push({
          polygon: p.map(local),
          heightM: row.heightM,
          private: RESIDENTIAL_BUILDINGS.includes(row.kind),
        });
    } else if (row.layer === 'furniture') {
      const heightM = row.heightM ?? VIEW_BLOCKING_BARRIERS[row.kind]!;
      for (const line of lines) features.walls.push({ line: local(line), heightM });
    } else for (const p of polygons) features.privateLand.push(p.map(local));
  }
  return features;
}

export class CoverageAnalysisService {
  private readonly obstacleSets = new LruCache<ObstacleSet>(OBSTACLE_SETS);
  private readonly approaches = new LruCache<Vectors>(APPROACH_ENTRIES);
  private readonly views = new LruCache<CameraView>(VIEW_ENTRIES);
  private serial = 0;

  constructor(
    private readonly db: Db,
    private readonly approach: ApproachAnalysisService,
    private readonly catalogue: VehicleCatalogue,
  ) {}

  async analyse(siteId: string, request: CoverageRequest): Promise<CoverageResult> {
    const started = performance.now();
    const state = await siteAnalysisState(this.db, siteId);
    const site = state && (await siteFrame(this.db, siteId));
    if (!state || !site) throw new AppError('SITE_NOT_FOUND', `There is no site with id "${siteId}".`);
    const measures = await measureRepository.list(this.db, siteId);
    const zones = await zoneRepository.list(this.db, siteId);
    const allCameras = measures.filter((m) => m.properties.kind === 'camera');
    for (const id of request.cameraIds ?? []) {
      const measure = measures.find((m) => m.id === id);
      if (!measure)
        throw new AppError('MEASURE_NOT_FOUND', `There is no camera with id "${id}" in this site.`);
      if (measure.properties.kind !== 'camera')
        throw new AppError(
          'VALIDATION_FAILED',
          `cameraIds: "${id}" is a ${measure.properties.kind.replace('_', ' ')}, not a camera.`,
        );
    }
    const chosen = request.cameraIds
      ? allCameras.filter((c) => request.cameraIds!.includes(c.id))
      : allCameras;
    const loadMs = performance.now() - started;

    // Obstacles: the site's area and every camera's reach, in the frame of the site's centre.
    const frame = localFrame(site.centre);
    const cameras = chosen.map((measure) => {
      const { spec, sources } = resolveCamera(measure.properties as CameraProperties);
      const [x, y] = frame.toLocal((measure.geometry as { coordinates: number[] }).coordinates);
      return { measure, spec, sources, x, y };
    });
    const need: Box = [...site.box];
    const reach = (x: number, y: number, r: number) => {
      const [w, s] = frame.toLonLat([x - r, y - r]);
      const [e, n] = frame.toLonLat([x + r, y + r]);
      need[0] = Math.min(need[0], w);
      need[1] = Math.min(need[1], s);
      need[2] = Math.max(need[2], e);
      need[3] = Math.max(need[3], n);
    };
    for (const c of cameras) reach(c.x, c.y, viewGeometry(c.spec).rangeM);
    const obstaclesStarted = performance.now();
    const { set, how: obstaclesHow } = await this.obstacles(siteId, state.generation, frame, need);
    const obstaclesMs = performance.now() - obstaclesStarted;

    const approachStarted = performance.now();
    const { vectors, how: approachHow } = await this.vectors(siteId, state, zones, measures, request);
    const approachMs = performance.now() - approachStarted;

    const zonePolygons = zones.map(
      (z) =>
        (z.geometry.coordinates as number[][][]).map((ring) => ring.map((p) => frame.toLocal(p))) as Polygon,
    );
    // Views depend on the zones only through privacy (the site's public space is not private).
    const zonesKey = sha1(zones.map((z) => [z.id, z.properties.version]));
    const viewsStarted = performance.now();
    let viewsComputed = 0;
    const views = cameras.map((c) => {
      const key = `${set.serial}|${c.measure.id}|${c.measure.properties.version}|${request.detailLevel}|${zonesKey}`;
      let view = this.views.get(key);
      if (!view) {
        view = computeCameraView(
          set.prepared,
          { id: c.measure.id, x: c.x, y: c.y, spec: c.spec },
          request.detailLevel,
          zonePolygons,
        );
        this.views.set(key, view);
        viewsComputed++;
      }
      return view;
    });
    const viewsMs = performance.now() - viewsStarted;

    const metricsStarted = performance.now();
    const coverage: CameraCoverage[] = views.map((v) => ({ id: v.id, coverage: v.coverage }));
    const zoneResults = zones.map((z, i) =>
      zoneCoverage(coverage, { id: z.id, name: z.properties.name, polygon: zonePolygons[i]! }),
    );
    const vectorResults = vectors.features.map((f) => {
      const line = f.geometry.coordinates.map((p) => frame.toLocal(p));
      const seen = vectorCoverage(coverage, { line }, request.vectorTailM);
      const tail = lineTailLonLat(frame, line, seen.tailM);
      return { f, seen, tail };
    });
    const accessPoints = measures.flatMap((m) =>
      m.properties.kind === 'cordon'
        ? ((m.properties as { accessPoints?: AccessPoint[] }).accessPoints ?? []).map((a, index) => {
            const seenBy = pointSeenBy(coverage, frame.toLocal(a.position));
            return {
              measureId: m.id,
              index,
              kind: a.kind,
              position: [a.position[0]!, a.position[1]!],
              seen: seenBy.length > 0,
              seenBy,
            };
          })
        : [],
    );
    const metricsMs = performance.now() - metricsStarted;

    const feature = <P>(geometry: unknown, properties: P) => ({
      type: 'Feature' as const,
      geometry,
      properties,
    });
    const multi = (m: MultiPolygon) => ({ type: 'MultiPolygon', coordinates: multiToLonLat(frame, m) });
    return {
      detailLevel: request.detailLevel,
      vectorTailM: request.vectorTailM,
      cameras: cameras.map((c, i) => {
        const v = views[i]!;
        const g = v.geometry;
        return {
          id: c.measure.id,
          name: (c.measure.properties as { name?: string }).name ?? null,
          position: frame.toLonLat([c.x, c.y]),
          ...c.spec,
          hfovDeg: round(c.spec.hfovDeg, 2),
          vfovDeg: round(g.vfovDeg, 2),
          sources: c.sources,
          nearBlindM: Number.isFinite(g.nearM) ? round(g.nearM, 2) : 0,
          farEdgeM: Number.isFinite(g.farM) ? round(g.farM, 2) : null,
          rangeM: round(g.rangeM, 2),
          levels: g.levels.map((l) => ({ ...l, slantM: round(l.slantM, 2), groundM: round(l.groundM, 2) })),
          viewAreaM2: round(v.viewAreaM2),
          coverageAreaM2: round(v.coverageAreaM2),
          privacyAreaM2: round(v.privacy.areaM2),
          mountedOnBuilding: v.stats.mountedOn !== null,
          warnings: cameraWarnings(c.sources, v, request.detailLevel),
        };
      }),
      bands: {
        type: 'FeatureCollection',
        features: views.flatMap((v) =>
          v.bands
            .filter((b) => b.polygon.length > 0)
            .map((b) =>
              feature(multi(b.polygon), {
                cameraId: v.id,
                level: b.level,
                fromM: round(b.fromM, 2),
                toM: round(b.toM, 2),
                areaM2: round(b.areaM2),
              }),
            ),
        ),
      },
      coverage: {
        type: 'FeatureCollection',
        features: views
          .filter((v) => v.coverage.length > 0)
          .map((v) => feature(multi(v.coverage), { cameraId: v.id, areaM2: round(v.coverageAreaM2) })),
      },
      zones: zoneResults.map((z) => ({
        zoneId: z.id,
        zoneName: z.name,
        areaM2: round(z.areaM2),
        seenAreaM2: round(z.seenAreaM2),
        areaShare: round(z.areaShare, 4),
        redundantShare: round(z.redundantShare, 4),
        perimeterM: round(z.perimeterM),
        seenPerimeterM: round(z.seenPerimeterM),
        perimeterShare: round(z.perimeterShare, 4),
        cameraIds: z.cameraIds,
      })),
      blindSpots: {
        type: 'FeatureCollection',
        features: zoneResults.flatMap((z) => [
          ...(z.blindArea.length > 0
            ? [
                feature(multi(z.blindArea), {
                  zoneId: z.id,
                  part: 'area' as const,
                  areaM2: round(z.areaM2 - z.seenAreaM2),
                  lengthM: null,
                }),
              ]
            : []),
          ...(z.blindPerimeter.length > 0
            ? [
                feature(
                  {
                    type: 'MultiLineString',
                    coordinates: z.blindPerimeter.map((l) => l.map((p) => frame.toLonLat(p))),
                  },
                  {
                    zoneId: z.id,
                    part: 'perimeter' as const,
                    areaM2: null,
                    lengthM: round(z.perimeterM - z.seenPerimeterM),
                  },
                ),
              ]
            : []),
        ]),
      },
      vectors: {
        type: 'FeatureCollection',
        features: vectorResults.map(({ f, seen, tail }) =>
          feature(
            { type: 'LineString', coordinates: tail },
            {
              zoneId: f.properties.zoneId,
              vehicleClass: f.properties.vehicleClass,
              status: f.properties.status,
              impactSpeedKmh: f.properties.impactSpeedKmh,
              impactPoint: f.properties.impactPoint,
              tailM: round(seen.tailM),
              seenM: round(seen.seenM),
              share: round(seen.share, 4),
              impactSeen: seen.impactSeenBy.length > 0,
              impactSeenBy: seen.impactSeenBy,
            },
          ),
        ),
      },
      accessPoints,
      privacy: {
        type: 'FeatureCollection',
        features: views
          .filter((v) => v.privacy.polygon.length > 0)
          .map((v) =>
            feature(multi(v.privacy.polygon), {
              cameraId: v.id,
              areaM2: round(v.privacy.areaM2),
              buildingAreaM2: round(v.privacy.buildingAreaM2),
              landAreaM2: round(v.privacy.landAreaM2),
            }),
          ),
      },
      parameters: PARAMETERS,
      obstacles: { ...set.prepared.counts, privateLand: set.prepared.privateLand.length },
      cache: {
        obstacles: obstaclesHow,
        approach: approachHow,
        viewsComputed,
        viewsReused: views.length - viewsComputed,
      },
      timingsMs: {
        load: round(loadMs),
        obstacles: round(obstaclesMs),
        approach: round(approachMs),
        views: round(viewsMs),
        metrics: round(metricsMs),
        total: round(performance.now() - started),
      },
      attribution: OSM_ATTRIBUTION,
    };
  }

  /** The prepared obstacles covering `need`, read (again, larger) when the cached set does not. */
  private async obstacles(siteId: string, generation: string, frame: LocalFrame, need: Box) {
    const key = `${siteId}|${generation}|${frame.origin.join(',')}`;
    const cached = this.obstacleSets.get(key);
    if (cached && contains(cached.box, need)) return { set: cached, how: 'reused' as const };
    const margin = OBSTACLE_MARGIN_M / 111_320;
    const box: Box = [need[0] - margin * 1.5, need[1] - margin, need[2] + margin * 1.5, need[3] + margin];
    if (cached)
      for (let i = 0; i < 4; i++)
        box[i] = i < 2 ? Math.min(box[i]!, cached.box[i]!) : Math.max(box[i]!, cached.box[i]!);
    const rows = await obstacleRows(this.db, siteId, box);
    const set: ObstacleSet = {
      serial: ++this.serial,
      frame,
      box,
      prepared: prepareObstacles(toObstacleFeatures(frame, rows)),
    };
    this.obstacleSets.set(key, set);
    return { set, how: 'loaded' as const };
  }

  /** The approach vectors to score, from the approach analysis, cached on what they depend on. */
  private async vectors(
    siteId: string,
    state: { generation: string; vehicleOverrides: unknown },
    zones: { id: string; properties: { version: number } }[],
    measures: { id: string; properties: { kind: string; version: number } }[],
    request: CoverageRequest,
  ): Promise<{ vectors: Vectors; how: 'computed' | 'cached' | 'skipped' }> {
    if (zones.length === 0 || request.vehicleClasses?.length === 0)
      return { vectors: { type: 'FeatureCollection', features: [] }, how: 'skipped' };
    const physical = measures.filter((m) => m.properties.kind !== 'camera' && m.properties.kind !== 'cordon');
    const key = [
      siteId,
      state.generation,
      sha1([
        zones.map((z) => [z.id, z.properties.version]),
        physical.map((m) => [m.id, m.properties.version]),
        state.vehicleOverrides,
        request.vehicleClasses ?? null,
      ]),
    ].join('|');
    const { value, how } = await this.approaches.getOrCompute(key, async () => {
      const asked = parseApproachRequest(
        request.vehicleClasses ? { vehicleClasses: request.vehicleClasses } : {},
        this.catalogue,
      );
      return (await this.approach.analyse(siteId, asked)).vectors;
    });
    return { vectors: value, how: how === 'computed' ? 'computed' : 'cached' };
  }
}

function lineTailLonLat(frame: LocalFrame, line: Pair[], tailM: number): number[][] {
  let left = tailM;
  const out: Pair[] = [line[line.length - 1]!];
  for (let k = line.length - 1; k > 0 && left > 1e-9; k--) {
    const [b, a] = [line[k]!, line[k - 1]!];
    const d = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const f = Math.min(1, left / d);
    out.push([b[0] + (a[0] - b[0]) * f, b[1] + (a[1] - b[1]) * f]);
    left -= d;
  }
  return out.reverse().map((p) => frame.toLonLat(p));
}

function cameraWarnings(
  sources: Record<keyof typeof CAMERA_DEFAULTS, string>,
  view: CameraView,
  level: CoverageRequest['detailLevel'],
): string[] {
  const warnings = Object.entries(sources)
    .filter(([, source]) => source === 'default')
    .map(
      ([field]) =>
        `${field} not set: our default ${CAMERA_DEFAULTS[field as keyof typeof CAMERA_DEFAULTS]} used.`,
    );
  const g = view.geometry;
  if (g.seesNoGround)
    warnings.push('Tilted up past half its vertical field of view: the image does not reach the ground.');
  else if (g.levels.find((l) => l.level === level)!.groundM <= g.nearM)
    warnings.push(`Reaches ${level} nowhere on the ground it sees (too high, too wide, or too far tilted).`);
  if (g.rangeM === VIEW_DEFAULTS.maxViewM)
    warnings.push(`View modelled to ${VIEW_DEFAULTS.maxViewM} m only.`);
  return warnings;
}

/** Every value the analysis uses that is not the camera's own, with its source (DOMAIN.md: shown, editable). */
const PARAMETERS = [
  ...DETAIL_LEVELS.map((l) => ({
    parameter: `${l.level}Ppm`,
    value: l.ppm,
    unit: 'px/m',
    source: 'EN 62676-4 detail level (DOMAIN.md §5)',
  })),
  ...Object.entries(CAMERA_DEFAULTS).map(([parameter, value]) => ({
    parameter: `default.${parameter}`,
    value,
    unit: parameter === 'resolutionPx' ? 'px' : parameter === 'heightM' ? 'm' : '°',
    source: 'our default, for a camera measure without it',
  })),
  {
    parameter: 'aspectRatio',
    value: round(VIEW_DEFAULTS.aspectRatio, 4),
    unit: 'height/width',
    source: 'our default (16:9 image)',
  },
  {
    parameter: 'targetHeightM',
    value: VIEW_DEFAULTS.targetHeightM,
    unit: 'm',
    source: 'our default: pixel density read at a face',
  },
  {
    parameter: 'maxViewM',
    value: VIEW_DEFAULTS.maxViewM,
    unit: 'm',
    source: 'our default: no view modelled further',
  },
  {
    parameter: 'unknownBuildingHeight',
    value: null,
    unit: 'm',
    source: 'our default: a building without height or levels blocks any camera',
  },
  ...Object.entries(VIEW_BLOCKING_BARRIERS).map(([kind, value]) => ({
    parameter: `barrierHeightM.${kind}`,
    value,
    unit: 'm',
    source: 'our default, when the map gives no height',
  })),
];
