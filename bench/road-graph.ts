/**
 * The road graph the issue-3 routing comparison runs on: every highway of an extract but steps, split
 * where ways share a node (coincident vertices), as edges between junctions and way ends.
 */
import type { Position } from 'geojson';
import type { FeatureRecord } from '../server/src/import/feature-record.js';
import { localProjection, toLocal } from '../server/src/analysis/vda/projection.js';

export interface RoadGraph {
  nodeCount: number;
  nodeX: Float64Array;
  nodeY: Float64Array;
  /** Undirected edges between junctions. */
  edges: { source: number; target: number; lengthM: number; points: [number, number][] }[];
}

function lines(record: FeatureRecord): Position[][] {
  const g = record.geometry;
  if (g.type === 'LineString') return [g.coordinates];
  if (g.type === 'MultiLineString') return g.coordinates;
  return [];
}

export function buildRoadGraph(records: readonly FeatureRecord[]): RoadGraph {
  const ways = records
    .filter((r) => (r.layer === 'roads' || r.layer === 'paths') && r.kind !== 'steps')
    .flatMap(lines)
    .filter((l) => l.length >= 2);
  const all = ways.flat();
  const lon0 = all.reduce((s, p) => s + p[0]!, 0) / all.length;
  const lat0 = all.reduce((s, p) => s + p[1]!, 0) / all.length;
  const projection = localProjection(lon0, lat0);
  const key = (p: Position) => `${Math.round(p[0]! * 1e7)},${Math.round(p[1]! * 1e7)}`;

  // A vertex is a junction when two ways (or one way twice) use it, or when a way ends there.
  const uses = new Map<string, number>();
  for (const way of ways) {
    way.forEach((p, i) => {
      const k = key(p);
      uses.set(k, (uses.get(k) ?? 0) + (i === 0 || i === way.length - 1 ? 2 : 1));
    });
  }
  const nodeIndex = new Map<string, number>();
  const xs: number[] = [];
  const ys: number[] = [];
  const nodeOf = (p: Position) => {
    const k = key(p);
    let n = nodeIndex.get(k);
    if (n === undefined) {
      n = xs.length;
      nodeIndex.set(k, n);
      const [x, y] = toLocal(projection, p[0]!, p[1]!);
      xs.push(x);
      ys.push(y);
    }
    return n;
  };

  const edges: RoadGraph['edges'] = [];
  for (const way of ways) {
    let start = 0;
    for (let i = 1; i < way.length; i++) {
      if (i < way.length - 1 && (uses.get(key(way[i]!)) ?? 0) < 2) continue;
      const points = way.slice(start, i + 1).map((p) => toLocal(projection, p[0]!, p[1]!));
      let lengthM = 0;
      for (let j = 1; j < points.length; j++) {
        lengthM += Math.hypot(points[j]![0] - points[j - 1]![0], points[j]![1] - points[j - 1]![1]);
      }
      const source = nodeOf(way[start]!);
      const target = nodeOf(way[i]!);
      if (source !== target && lengthM > 0) edges.push({ source, target, lengthM, points });
      start = i;
    }
  }
  return { nodeCount: xs.length, nodeX: Float64Array.from(xs), nodeY: Float64Array.from(ys), edges };
}
