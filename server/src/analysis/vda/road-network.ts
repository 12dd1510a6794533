import { NodeKind, type LocalProjection } from './graph.js';
import type { GraphBuilder } from './graph-builder.js';
import type { SceneWay } from './read-scene.js';
import type { StudyArea } from './study-area.js';

/** One straight piece of a way inside the study area, between two graph nodes. */
export interface RoadSegment {
  a: number;
  b: number;
  /** Index into the scene's ways. */
  way: number;
}

// Shared vertices are found by coordinates quantised to 1e-7° (~1 cm, the precision OSM stores), keyed
// relative to the projection centre so the key fits a double exactly (±3.3° around the site).
const QUANTUM = 1e7;
const HALF_RANGE = 2 ** 25;

/**
 * Road and path nodes and segments, clipped to the study area. Ways connect only where they share a
 * vertex (a bridge over a road, without a common node, stays apart); where a way leaves the study area a
 * boundary node is added. A vertex shared by ways on different levels takes the level nearest the
 * ground (the end of a bridge is where it meets the street). Duplicate segments (overlapping ways)
 * are kept once, with the larger width. Segments keep the direction the way is drawn in.
 */
export function buildRoadNetwork(
  builder: GraphBuilder,
  ways: readonly SceneWay[],
  study: StudyArea,
  projection: LocalProjection,
): RoadSegment[] {
  const lon0 = Math.round(projection.lon0 * QUANTUM);
  const lat0 = Math.round(projection.lat0 * QUANTUM);
  const vertexNodes = new Map<number, number>();
  const pairs = new Map<number, number>();
  const segments: RoadSegment[] = [];

  const vertexKey = (lon: number, lat: number) =>
    (Math.round(lon * QUANTUM) - lon0 + HALF_RANGE) * 2 ** 26 +
    (Math.round(lat * QUANTUM) - lat0 + HALF_RANGE);

  const vertexNode = (key: number, x: number, y: number, level: number): number => {
    const existing = vertexNodes.get(key);
    if (existing === undefined) {
      const id = builder.addNode(x, y, level, NodeKind.vertex);
      vertexNodes.set(key, id);
      return id;
    }
    if (Math.abs(level) < Math.abs(builder.level[existing]!)) builder.level[existing] = level;
    return existing;
  };

  const addSegment = (a: number, b: number, way: number) => {
    const key = Math.min(a, b) * 2 ** 26 + Math.max(a, b);
    const known = pairs.get(key);
    if (known === undefined) {
      pairs.set(key, segments.length);
      segments.push({ a, b, way });
    } else if (ways[way]!.widthM > ways[segments[known]!.way]!.widthM) {
      segments[known] = { a, b, way };
    }
  };

  ways.forEach((way, w) => {
    way.lonLat.forEach((positions, l) => {
      const local = way.local[l]!;
      const keys = positions.map(([lon, lat]) => vertexKey(lon!, lat!));
      for (let i = 0; i + 1 < positions.length; i++) {
        if (keys[i] === keys[i + 1]) continue;
        const ax = local[2 * i]!;
        const ay = local[2 * i + 1]!;
        const bx = local[2 * i + 2]!;
        const by = local[2 * i + 3]!;
        const pieces = study.clipSegment(ax, ay, bx, by);
        for (let k = 0; k < pieces.length; k += 2) {
          const t0 = pieces[k]!;
          const t1 = pieces[k + 1]!;
          const node = (t: number, end: number) =>
            t === end
              ? vertexNode(keys[i + end]!, end ? bx : ax, end ? by : ay, way.level)
              : builder.addNode(ax + (bx - ax) * t, ay + (by - ay) * t, way.level, NodeKind.boundary);
          addSegment(node(t0, 0), node(t1, 1), w);
        }
      }
    });
  });
  // A bridge or tunnel segment whose two ends are street-level vertices (shared with the streets it
  // joins) gets a node on its own level in the middle, so every edge's level can be read from its nodes.
  for (let s = 0, n = segments.length; s < n; s++) {
    const { a, b, way } = segments[s]!;
    const level = ways[way]!.level;
    if (level === 0 || builder.level[a] !== 0 || builder.level[b] !== 0) continue;
    const middle = builder.addNode(
      (builder.x[a]! + builder.x[b]!) / 2,
      (builder.y[a]! + builder.y[b]!) / 2,
      level,
      NodeKind.split,
    );
    segments[s] = { a, b: middle, way };
    segments.push({ a: middle, b, way });
  }
  return segments;
}
