import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { AppError } from '../../errors.js';
import { clearanceMap } from './clearance.js';
import type { TraversalGraph } from './graph.js';
import { GraphBuilder } from './graph-builder.js';
import { buildOpenGrid, SUBPIXELS, type GridNeighbours } from './open-grid.js';
import { localProjection, toLocal } from './projection.js';
import { createRaster, fillBufferedLine, fillPolygon, Px, type Raster } from './raster.js';
import { readScene, type Scene } from './read-scene.js';
import { addRoadEdges } from './road-links.js';
import { buildRoadNetwork } from './road-network.js';
import { StudyArea } from './study-area.js';
import { attachGround, tagMeasures } from './tag-measures.js';

export type UnmappedLand = 'blocked' | 'traversable';

export interface BuildOptions {
  /** Open-space grid cell size, metres (default 2.5). */
  cellSizeM?: number;
  /**
   * Land the data leaves unmapped (DOMAIN.md §3): 'blocked' (default) keeps vehicles to roads, paths and
   * mapped open space; 'traversable' (conservative) opens all land that is not a building, wall, water
   * or steps.
   */
  unmappedLand?: UnmappedLand;
  /** Cap on the clear width recorded for open-space edges, metres (default 20). */
  maxClearWidthM?: number;
  /** Neighbours of each open-space cell: 8 (default) or 16 (see GridNeighbours). */
  neighbours?: GridNeighbours;
}

export interface BuildInput {
  /** Imported features, WGS84, with the features API's properties (layer, kind, widthM, zLayer, …). */
  features: FeatureCollection;
  /** The site's measures (WGS84); tagged onto the graph with tagMeasures. */
  measures: readonly Feature[];
  /** The region to model (WGS84), e.g. the protected zones buffered by the study radius. */
  studyArea: Polygon;
  options?: BuildOptions;
}

export const BUILD_DEFAULTS = {
  cellSizeM: 2.5,
  unmappedLand: 'blocked',
  maxClearWidthM: 20,
  neighbours: 8,
} as const;

/** Largest raster modelled at once (pixels of cellSize / 5): 5 km² at the default cell size. */
const MAX_PIXELS = 20_000_000;

function checkedOptions(options: BuildOptions = {}) {
  const cellSizeM = options.cellSizeM ?? BUILD_DEFAULTS.cellSizeM;
  const maxClearWidthM = options.maxClearWidthM ?? BUILD_DEFAULTS.maxClearWidthM;
  const unmappedLand = options.unmappedLand ?? BUILD_DEFAULTS.unmappedLand;
  const neighbours = options.neighbours ?? BUILD_DEFAULTS.neighbours;
  if (!(cellSizeM >= 0.5 && cellSizeM <= 10)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The grid cell size must be between 0.5 and 10 m (got ${cellSizeM}).`,
    );
  }
  if (!(maxClearWidthM >= 2 && maxClearWidthM <= 100)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The largest clear width must be between 2 and 100 m (got ${maxClearWidthM}).`,
    );
  }
  if (unmappedLand !== 'blocked' && unmappedLand !== 'traversable') {
    throw new AppError('VALIDATION_FAILED', 'Unmapped land must be "blocked" or "traversable".');
  }
  if (neighbours !== 8 && neighbours !== 16) {
    throw new AppError('VALIDATION_FAILED', 'Open-space cells have 8 or 16 neighbours.');
  }
  return { cellSizeM, maxClearWidthM, unmappedLand, neighbours };
}

/**
 * Rasterises what vehicles can cross and what stops them: open areas (or all land), piers over water,
 * ground-level road and path corridors with the kerb strip beside roads (drivable surface, not cells),
 * then obstacles on top.
 */
function paintGround(raster: Raster, scene: Scene, unmappedLand: UnmappedLand): void {
  const open = { set: Px.AREA | Px.SURFACE, clear: 0 };
  if (unmappedLand === 'traversable') raster.flags.fill(open.set);
  for (const rings of scene.openAreas) fillPolygon(raster, rings, open);
  for (const rings of scene.waterAreas) fillPolygon(raster, rings, { set: Px.WATER, clear: 0 });
  for (const rings of scene.deckAreas) fillPolygon(raster, rings, { set: open.set, clear: Px.WATER });
  const surface = { set: Px.SURFACE, clear: 0 };
  for (const way of scene.ways) {
    if (way.level !== 0) continue;
    for (const line of way.local) fillBufferedLine(raster, line, way.surfaceHalfWidthM, surface);
  }
  const obstacle = { set: Px.OBSTACLE, clear: 0 };
  for (const rings of scene.obstacleAreas) fillPolygon(raster, rings, obstacle);
  // Lines are drawn at least 0.71 px wide, so a thin wall is a 4-connected barrier no edge slips through.
  const minRadius = (raster.px * Math.SQRT2) / 2;
  for (const { line, radius } of scene.obstacleLines) {
    fillBufferedLine(raster, line, Math.max(radius, minRadius), obstacle);
  }
}

/**
 * The traversable space of a study area as one graph shared by every vehicle class (DOMAIN.md §3):
 * roads and paths as network edges (split at every vertex, both directions, connected only at shared
 * vertices), open space as a grid of cells with clear widths, the two joined at ground level, and the
 * measures tagged on the edges they cross. Pure: no I/O.
 *
 * @throws AppError VALIDATION_FAILED for out-of-range options, AREA_TOO_LARGE when the study area is too
 *   big to model at the chosen cell size.
 */
export function buildTraversalGraph(input: BuildInput): TraversalGraph {
  const { cellSizeM, maxClearWidthM, unmappedLand, neighbours } = checkedOptions(input.options);
  const outer = input.studyArea.coordinates[0] ?? [];
  const lons = outer.map((p) => p[0]!);
  const lats = outer.map((p) => p[1]!);
  const projection = localProjection(
    (Math.min(...lons) + Math.max(...lons)) / 2,
    (Math.min(...lats) + Math.max(...lats)) / 2,
  );
  const study = new StudyArea(
    input.studyArea.coordinates.map((ring) => {
      const flat = new Float64Array(ring.length * 2);
      ring.forEach(([lon, lat], i) => flat.set(toLocal(projection, lon!, lat!), 2 * i));
      return flat;
    }),
  );

  // Cells tile the study area's bounding box plus a margin, so obstacles just outside still narrow the
  // clear width of cells inside it.
  const margin = maxClearWidthM / 2 + cellSizeM;
  const cols = Math.ceil((study.maxX - study.minX + 2 * margin) / cellSizeM);
  const rows = Math.ceil((study.maxY - study.minY + 2 * margin) / cellSizeM);
  if (cols * rows * SUBPIXELS * SUBPIXELS > MAX_PIXELS) {
    throw new AppError(
      'AREA_TOO_LARGE',
      `The study area (${Math.round(study.maxX - study.minX)} × ${Math.round(study.maxY - study.minY)} m) ` +
        `is too large to model with ${cellSizeM} m cells: make it smaller or the cells larger.`,
    );
  }
  const px = cellSizeM / SUBPIXELS;
  const originX = study.minX - margin;
  const originY = study.minY - margin;
  // Pixel (0, 0) is the south-west pixel of cell (0, 0).
  const raster = createRaster(px, originX + px / 2, originY + px / 2, cols * SUBPIXELS, rows * SUBPIXELS);

  const scene = readScene(input.features, projection);
  paintGround(raster, scene, unmappedLand);
  const clearance = clearanceMap(raster);

  const studyCells = createRaster(cellSizeM, originX + cellSizeM / 2, originY + cellSizeM / 2, cols, rows);
  fillPolygon(studyCells, study.rings, { set: 1, clear: 0 });

  const builder = new GraphBuilder();
  const segments = buildRoadNetwork(builder, scene.ways, study, projection);
  const grid = buildOpenGrid(builder, {
    raster,
    clearance,
    studyCells: studyCells.flags,
    cellSizeM,
    maxClearWidthM,
    neighbours,
  });
  addRoadEdges(builder, segments, scene.ways, { raster, clearance, grid, maxClearWidthM });

  const hasCells = grid.cellNode.some((node) => node >= 0);
  const graph = builder.finish(projection, scene.refs, hasCells ? grid : null);
  attachGround(graph, raster);
  tagMeasures(graph, input.measures);
  return graph;
}
