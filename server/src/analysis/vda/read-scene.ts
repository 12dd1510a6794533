import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { DEFAULT_WIDTH_M } from '../../import/classify.js';
import { EdgeKind, type GraphFeatureRef, type LocalProjection } from './graph.js';
import { toLocal } from './projection.js';
import {
  areaRole,
  BARRIER_HALF_THICKNESS_M,
  barrierBlocks,
  buildingBlocks,
  KERB_STRIP_M,
  wayIsDrivable,
  wayLevel,
} from './traversable-kinds.js';

/** A drivable road or path, its lines in WGS84 (for shared-vertex keys) and in local metres. */
export interface SceneWay {
  /** Index into Scene.refs. */
  ref: number;
  edgeKind: EdgeKind;
  level: number;
  widthM: number;
  /** Half-width of the drivable surface along the way: half its width, plus the kerb strip for a road. */
  surfaceHalfWidthM: number;
  /** Gradient along the digitised direction from the `incline` tag, 0 when not given as a number. */
  grade: number;
  lonLat: Position[][];
  local: Float64Array[];
}

/** A polygon as rings of flat [x, y, …] local coordinates. */
export type Rings = Float64Array[];

/** The imported features sorted into what the traversal graph is built from (all in local metres). */
export interface Scene {
  refs: GraphFeatureRef[];
  ways: SceneWay[];
  /** Ground-level open space (grid cells), decks over water, water. */
  openAreas: Rings[];
  deckAreas: Rings[];
  waterAreas: Rings[];
  /** Buildings, barrier areas and steps areas. */
  obstacleAreas: Rings[];
  /** Walls, fences and steps as lines with the half-width they block. */
  obstacleLines: { line: Float64Array; radius: number }[];
}

/** Fallback width of a road/path whose kind has no default (our default). */
const FALLBACK_WIDTH_M = 3;

function projectLine(p: LocalProjection, positions: Position[]): Float64Array {
  const out = new Float64Array(positions.length * 2);
  positions.forEach(([lon, lat], i) => {
    const [x, y] = toLocal(p, lon!, lat!);
    out[2 * i] = x;
    out[2 * i + 1] = y;
  });
  return out;
}

function polygonsOf(geometry: Geometry): Position[][][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

function linesOf(geometry: Geometry): Position[][] {
  if (geometry.type === 'LineString') return [geometry.coordinates];
  if (geometry.type === 'MultiLineString') return geometry.coordinates;
  return [];
}

/** OSM `incline` as a gradient when it is a number: "8%", "-12 %", "5°"; null for "up"/"down". */
export function parseIncline(raw: string | undefined): number | null {
  const match = raw === undefined ? null : /^\s*(-?\d+(?:\.\d+)?)\s*(%|°)\s*$/.exec(raw);
  if (!match) return null;
  const value = Number(match[1]);
  const grade = match[2] === '%' ? value / 100 : Math.tan((value * Math.PI) / 180);
  return Math.abs(grade) <= 1 ? grade : null;
}

interface FeatureProps {
  id?: number;
  layer?: string;
  kind?: string;
  name?: string | null;
  widthM?: number | null;
  zLayer?: number;
  bridge?: boolean;
  tunnel?: boolean;
  tags?: Record<string, string>;
}

/**
 * Sorts features (properties as the features API returns them) into ways, areas and obstacles per
 * traversable-kinds.ts. Only ground-level areas and obstacles are kept: an elevated plaza or a railing
 * on a bridge says nothing about the ground; underground buildings are not obstacles.
 */
export function readScene(collection: FeatureCollection, p: LocalProjection): Scene {
  const scene: Scene = {
    refs: [],
    ways: [],
    openAreas: [],
    deckAreas: [],
    waterAreas: [],
    obstacleAreas: [],
    obstacleLines: [],
  };
  for (const feature of collection.features as Feature[]) {
    if (!feature.geometry) continue;
    const props = (feature.properties ?? {}) as FeatureProps;
    const kind = props.kind ?? '';
    const level = wayLevel(props.zLayer ?? 0, props.bridge === true, props.tunnel === true);
    const polygons = () => polygonsOf(feature.geometry).map((rings) => rings.map((r) => projectLine(p, r)));
    switch (props.layer) {
      case 'roads':
      case 'paths': {
        const width = props.widthM ?? DEFAULT_WIDTH_M[kind] ?? FALLBACK_WIDTH_M;
        if (!wayIsDrivable(kind)) {
          if (kind === 'steps' && level === 0) {
            for (const line of linesOf(feature.geometry)) {
              scene.obstacleLines.push({ line: projectLine(p, line), radius: width / 2 });
            }
          }
          break;
        }
        const lonLat = linesOf(feature.geometry);
        if (lonLat.length === 0) break;
        scene.refs.push({
          id: Number(props.id ?? feature.id),
          layer: props.layer,
          kind,
          name: props.name ?? null,
        });
        scene.ways.push({
          ref: scene.refs.length - 1,
          edgeKind: props.layer === 'roads' ? EdgeKind.road : EdgeKind.path,
          level,
          widthM: width,
          surfaceHalfWidthM: width / 2 + (props.layer === 'roads' ? KERB_STRIP_M : 0),
          grade: parseIncline(props.tags?.incline) ?? 0,
          lonLat,
          local: lonLat.map((line) => projectLine(p, line)),
        });
        break;
      }
      case 'areas': {
        if (level !== 0) break;
        const role = areaRole(kind, props.tags ?? {});
        if (role === 'open') scene.openAreas.push(...polygons());
        else if (role === 'deck') scene.deckAreas.push(...polygons());
        else if (role === 'water') scene.waterAreas.push(...polygons());
        else if (role === 'steps') scene.obstacleAreas.push(...polygons());
        break;
      }
      case 'buildings':
        if (level >= 0 && buildingBlocks(kind)) scene.obstacleAreas.push(...polygons());
        break;
      case 'furniture':
        if (level !== 0 || !barrierBlocks(kind)) break;
        scene.obstacleAreas.push(...polygons());
        for (const line of linesOf(feature.geometry)) {
          scene.obstacleLines.push({ line: projectLine(p, line), radius: BARRIER_HALF_THICKNESS_M });
        }
        for (const rings of polygonsOf(feature.geometry)) {
          for (const ring of rings) {
            scene.obstacleLines.push({ line: projectLine(p, ring), radius: BARRIER_HALF_THICKNESS_M });
          }
        }
        break;
    }
  }
  return scene;
}
