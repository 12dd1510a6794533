/**
 * One camera's view on the ground (DOMAIN.md §5): its field-of-view sector up to its range, less what
 * buildings and walls hide, less the near blind zone under it, cut into EN 62676-4 detail bands by
 * distance; and what of it falls on private property.
 *
 * Heights: an obstacle at least as high as the camera hides everything behind it (the sweep). A lower one
 * hides only the ground its top shades from the lens: a target's ground point at distance D behind an
 * edge at distance r of height h is hidden while the sight line from the lens (height H) to it passes
 * under the edge, H·(1 − r/D) < h, i.e. for r ≤ D < k·r with k = H / (H − h). That shadow is the
 * quadrilateral between the edge and the edge scaled by k from the camera; shadows are subtracted from the
 * swept view with polygon-clipping. A building without a known height blocks any camera.
 */
import type { MultiPolygon, Pair, Polygon } from 'polygon-clipping';
import { difference, intersection, union } from './clip.js';
import { viewGeometry, type CameraSpec, type ViewGeometry } from './camera-model.js';
import type { PreparedObstacles } from './obstacles.js';
import type { DetailLevel } from './pixel-density.js';
import { multiPolygonArea, pointInMultiPolygon } from './planar.js';
import { bandPieces, piecesToPolygons, privatePieces } from './radial-polygons.js';
import { sweepVisibility, TWO_PI, type Sector } from './visibility-sweep.js';

export interface CameraInput {
  id: string;
  /** Position in the site's local metres. */
  x: number;
  y: number;
  spec: CameraSpec;
}

export interface CameraView {
  id: string;
  geometry: ViewGeometry;
  /** Per detail band (highest level first), the ground seen at that level; local metres. */
  bands: { level: DetailLevel; fromM: number; toM: number; polygon: MultiPolygon; areaM2: number }[];
  /** Everything the camera sees on the ground (every band together). */
  view: MultiPolygon;
  viewAreaM2: number;
  /** The ground seen at the requested detail level or better. */
  coverage: MultiPolygon;
  coverageAreaM2: number;
  /** Where the view falls on private property: residential buildings it looks into, private land. */
  privacy: { polygon: MultiPolygon; areaM2: number; buildingAreaM2: number; landAreaM2: number };
  /** What the view was computed from. */
  stats: { segmentsNear: number; occluding: number; lowObstacles: number; mountedOn: number | null };
}

const RAD = Math.PI / 180;

/** The sector of a camera: bearing clockwise from north → mathematical angles. */
export function cameraSector(spec: CameraSpec): Sector {
  if (spec.hfovDeg >= 360) return { start: 0, width: TWO_PI };
  const centre = (90 - spec.bearingDeg) * RAD;
  return { start: centre - (spec.hfovDeg * RAD) / 2, width: spec.hfovDeg * RAD };
}

const translate = (multi: MultiPolygon, x: number, y: number): MultiPolygon =>
  multi.map((polygon) => polygon.map((ring) => ring.map(([px, py]): Pair => [px + x, py + y])));

const EMPTY: MultiPolygon = [];

/**
 * The view of `camera` at `level`. `publicSpace` (the site's protected zones, local metres) is taken out of
 * what counts as private: the site's own public space is what the camera is there to watch.
 */
export function computeCameraView(
  obstacles: PreparedObstacles,
  camera: CameraInput,
  level: DetailLevel,
  publicSpace: Polygon[] = [],
): CameraView {
  const { x, y, spec } = camera;
  const geometry = viewGeometry(spec);
  const range = geometry.rangeM;
  const sector = cameraSector(spec);
  const H = spec.heightM;

  // The footprint the camera is mounted on (its position inside it) does not hide its own view.
  let mountedOn: number | null = null;
  for (const f of obstacles.footprintIndex.search([x, y, x, y])) {
    if (pointInMultiPolygon([x, y], [obstacles.footprints[f]!.polygon])) mountedOn = f;
  }

  const near = range > 0 ? obstacles.segmentIndex.search([x - range, y - range, x + range, y + range]) : [];
  const occluders: number[] = [];
  const ids: number[] = [];
  const shadows: Polygon[] = [];
  const lowFootprints = new Set<number>();
  const { segments, heights, owners } = obstacles;
  for (const s of near) {
    if (owners[s] === mountedOn && mountedOn !== null) continue;
    const x1 = segments[4 * s]! - x;
    const y1 = segments[4 * s + 1]! - y;
    const x2 = segments[4 * s + 2]! - x;
    const y2 = segments[4 * s + 3]! - y;
    const nearest = distanceToSegment(x1, y1, x2, y2);
    if (nearest >= range) continue;
    const h = heights[s]!;
    const k = h >= H ? Infinity : H / (H - h);
    if (k * nearest >= range) {
      occluders.push(x1, y1, x2, y2);
      ids.push(s);
    } else {
      shadows.push([
        [
          [x1, y1],
          [x2, y2],
          [k * x2, k * y2],
          [k * x1, k * y1],
          [x1, y1],
        ],
      ]);
      if (owners[s]! >= 0) lowFootprints.add(owners[s]!);
    }
  }
  const relative = (polygon: Polygon): Polygon =>
    polygon.map((ring) => ring.map(([px, py]): Pair => [px - x, py - y]));
  // A low building's roof is not ground either: its footprint joins its walls' shadows.
  for (const f of lowFootprints) shadows.push(relative(obstacles.footprints[f]!.polygon));
  const shade: MultiPolygon =
    shadows.length === 0
      ? EMPTY
      : shadows.length === 1
        ? [shadows[0]!]
        : union(shadows[0]!, ...shadows.slice(1));

  const cells =
    range > geometry.nearM
      ? sweepVisibility(occluders, ids, range, sector, {
          privateOf: (seg) =>
            owners[seg]! >= 0 && obstacles.footprints[owners[seg]!]!.private ? owners[seg]! : -1,
          ownerOf: (seg) => owners[seg]!,
        })
      : [];
  const region = (from: number, to: number): MultiPolygon => {
    if (to <= from || cells.length === 0) return EMPTY;
    const swept = piecesToPolygons(bandPieces(cells, sector, from, to), sector);
    return shade.length === 0 || swept.length === 0 ? swept : difference(swept, shade);
  };

  const bands = geometry.bands.map((band) => {
    const polygon = region(band.fromM, band.toM);
    return { ...band, polygon: translate(polygon, x, y), areaM2: multiPolygonArea(polygon) };
  });
  const view = region(geometry.nearM, range);
  const reach = geometry.levels.find((l) => l.level === level)!.groundM;
  const coverage = region(geometry.nearM, Math.min(range, reach));

  // Privacy: the residential buildings it looks into (facade to far wall), private land it sees, and the
  // roofs of low residential buildings it looks down on. Land is taken from the view before low shadows:
  // a garden behind a low wall is still in the picture at some height, so the mask errs on the side of
  // masking more.
  const publicNear = publicSpace.map(relative);
  const notPublic = (m: MultiPolygon) =>
    m.length === 0 || publicNear.length === 0 ? m : difference(m, ...publicNear);
  const looksInto = cells.length === 0 ? EMPTY : notPublic(piecesToPolygons(privatePieces(cells), sector));
  const box: [number, number, number, number] = [x - range, y - range, x + range, y + range];
  const land: Polygon[] = obstacles.privateLandIndex
    .search(box)
    .map((i) => relative(obstacles.privateLand[i]!.polygon));
  for (const f of lowFootprints)
    if (obstacles.footprints[f]!.private) land.push(relative(obstacles.footprints[f]!.polygon));
  let landSeen: MultiPolygon = EMPTY;
  if (land.length > 0 && cells.length > 0) {
    const open = piecesToPolygons(bandPieces(cells, sector, geometry.nearM, range), sector);
    if (open.length > 0) landSeen = notPublic(intersection(open, union(land[0]!, ...land.slice(1))));
  }
  const privacy =
    looksInto.length === 0 ? landSeen : landSeen.length === 0 ? looksInto : union(looksInto, landSeen);
  return {
    id: camera.id,
    geometry,
    bands,
    view: translate(view, x, y),
    viewAreaM2: multiPolygonArea(view),
    coverage: translate(coverage, x, y),
    coverageAreaM2: multiPolygonArea(coverage),
    privacy: {
      polygon: translate(privacy, x, y),
      areaM2: multiPolygonArea(privacy),
      buildingAreaM2: multiPolygonArea(looksInto),
      landAreaM2: multiPolygonArea(landSeen),
    },
    stats: { segmentsNear: near.length, occluding: ids.length, lowObstacles: shadows.length, mountedOn },
  };
}

function distanceToSegment(x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, -(x1 * dx + y1 * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x1 + t * dx, y1 + t * dy);
}
