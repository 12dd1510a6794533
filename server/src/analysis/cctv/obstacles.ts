/**
 * What blocks and what is private, prepared once per site and imported data (the service caches it) so
 * that a camera's view only queries an index: building outlines and walls as straight segments with a
 * height, cut where they cross one another (the angular sweep needs segments that do not cross), in a
 * Flatbush index; building footprints and private land in their own indexes.
 */
import Flatbush from 'flatbush';
import type { Pair, Polygon } from 'polygon-clipping';
import { extendBox, type Box } from './planar.js';

export interface ObstacleFeatures {
  /** Building footprints (each part of a multipolygon on its own), local metres. */
  buildings: { polygon: Polygon; heightM: number | null; private: boolean }[];
  /** Walls and hedges as lines, with the height they stand (a tag or our default per kind). */
  walls: { line: Pair[]; heightM: number }[];
  /** Gardens and other private open land, local metres. */
  privateLand: Polygon[];
}

/** A spatial index of boxes; `search` of an empty one finds nothing. */
export interface BoxIndex {
  search(box: Box): number[];
}

export function boxIndex(boxes: Box[]): BoxIndex {
  if (boxes.length === 0) return { search: () => [] };
  const index = new Flatbush(boxes.length);
  for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
  index.finish();
  return { search: (b) => index.search(b[0], b[1], b[2], b[3]) };
}

export interface Footprint {
  polygon: Polygon;
  box: Box;
  /** Infinity: a building whose height is unknown blocks any camera (coverage is never overstated). */
  heightM: number;
  private: boolean;
}

export interface PreparedObstacles {
  /** x1, y1, x2, y2 per segment. */
  segments: Float64Array;
  /** Height each segment stands, metres; Infinity when unknown. */
  heights: Float64Array;
  /** The footprint a segment outlines, or −1 for a wall. */
  owners: Int32Array;
  segmentIndex: BoxIndex;
  footprints: Footprint[];
  footprintIndex: BoxIndex;
  privateLand: { polygon: Polygon; box: Box }[];
  privateLandIndex: BoxIndex;
  counts: { buildings: number; walls: number; segments: number; crossingsCut: number };
}

const polygonBox = (polygon: Polygon): Box => {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of polygon) for (const p of ring) extendBox(box, p);
  return box;
};

const segmentBox = (s: ArrayLike<number>, i: number): Box => {
  const [x1, y1, x2, y2] = [s[4 * i]!, s[4 * i + 1]!, s[4 * i + 2]!, s[4 * i + 3]!];
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
};

/** Ends of a cut closer than this (relative to the segment) are taken as touching, not crossing. */
const CUT_EPSILON = 1e-9;

export function prepareObstacles(features: ObstacleFeatures): PreparedObstacles {
  const raw: number[] = [];
  const rawHeights: number[] = [];
  const rawOwners: number[] = [];
  const footprints: Footprint[] = features.buildings.map((b) => ({
    polygon: b.polygon,
    box: polygonBox(b.polygon),
    heightM: b.heightM ?? Infinity,
    private: b.private,
  }));
  const addLine = (line: Pair[], heightM: number, owner: number) => {
    for (let k = 1; k < line.length; k++) {
      const a = line[k - 1]!;
      const b = line[k]!;
      if (a[0] === b[0] && a[1] === b[1]) continue;
      raw.push(a[0], a[1], b[0], b[1]);
      rawHeights.push(heightM);
      rawOwners.push(owner);
    }
  };
  footprints.forEach((f, i) => f.polygon.forEach((ring) => addLine(ring, f.heightM, i)));
  for (const wall of features.walls) addLine(wall.line, wall.heightM, -1);

  // Cut every segment where another crosses it; the index keeps this near-linear (a brute-force pass is
  // quadratic: the visibility-polygon library's breakIntersections takes seconds on 15,000 segments).
  const n = rawHeights.length;
  const cuts: number[][] = Array.from({ length: n }, () => []);
  const index = boxIndex(Array.from({ length: n }, (_, i) => segmentBox(raw, i)));
  let crossingsCut = 0;
  for (let i = 0; i < n; i++) {
    const ax = raw[4 * i]!;
    const ay = raw[4 * i + 1]!;
    const dx = raw[4 * i + 2]! - ax;
    const dy = raw[4 * i + 3]! - ay;
    for (const j of index.search(segmentBox(raw, i))) {
      if (j <= i) continue;
      const bx = raw[4 * j]!;
      const by = raw[4 * j + 1]!;
      const ex = raw[4 * j + 2]! - bx;
      const ey = raw[4 * j + 3]! - by;
      const denom = dx * ey - dy * ex;
      if (denom === 0) continue;
      const t = ((bx - ax) * ey - (by - ay) * ex) / denom;
      const u = ((bx - ax) * dy - (by - ay) * dx) / denom;
      const tInside = t > CUT_EPSILON && t < 1 - CUT_EPSILON;
      const uInside = u > CUT_EPSILON && u < 1 - CUT_EPSILON;
      if (t < -CUT_EPSILON || t > 1 + CUT_EPSILON || u < -CUT_EPSILON || u > 1 + CUT_EPSILON) continue;
      // A T-junction (one end on the other's inside) also needs the cut: the nearer segment changes there.
      if (tInside) cuts[i]!.push(t);
      if (uInside) cuts[j]!.push(u);
      if (tInside || uInside) crossingsCut++;
    }
  }
  const segments: number[] = [];
  const heights: number[] = [];
  const owners: number[] = [];
  for (let i = 0; i < n; i++) {
    const ax = raw[4 * i]!;
    const ay = raw[4 * i + 1]!;
    const dx = raw[4 * i + 2]! - ax;
    const dy = raw[4 * i + 3]! - ay;
    const ts = [0, ...cuts[i]!.sort((p, q) => p - q), 1];
    for (let k = 1; k < ts.length; k++) {
      if (ts[k]! - ts[k - 1]! < CUT_EPSILON) continue;
      segments.push(ax + dx * ts[k - 1]!, ay + dy * ts[k - 1]!, ax + dx * ts[k]!, ay + dy * ts[k]!);
      heights.push(rawHeights[i]!);
      owners.push(rawOwners[i]!);
    }
  }
  const cut = new Float64Array(segments);
  return {
    segments: cut,
    heights: new Float64Array(heights),
    owners: new Int32Array(owners),
    segmentIndex: boxIndex(Array.from({ length: heights.length }, (_, i) => segmentBox(cut, i))),
    footprints,
    footprintIndex: boxIndex(footprints.map((f) => f.box)),
    privateLand: features.privateLand.map((polygon) => ({ polygon, box: polygonBox(polygon) })),
    privateLandIndex: boxIndex(features.privateLand.map(polygonBox)),
    counts: {
      buildings: features.buildings.length,
      walls: features.walls.length,
      segments: heights.length,
      crossingsCut,
    },
  };
}
