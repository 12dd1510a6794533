/**
 * Line styles deck.gl's core layers do not have, built as geometry: hatching for blind spots and dashes
 * for unseen vector tails (the dash extension is a separate package; these are a few hundred segments).
 * Worked in a flat local frame in metres: coverage geometry spans a few hundred metres.
 */
import type { Position } from 'geojson';

const METRES_PER_DEGREE = 111_320;

interface Frame {
  toLocal(p: Position): [number, number];
  toLonLat(p: [number, number]): Position;
}

function frameAt(origin: Position): Frame {
  const [lon0, lat0] = origin as [number, number];
  const kx = METRES_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180);
  return {
    toLocal: (p) => [(p[0]! - lon0) * kx, (p[1]! - lat0) * METRES_PER_DEGREE],
    toLonLat: ([x, y]) => [lon0 + x / kx, lat0 + y / METRES_PER_DEGREE],
  };
}

/**
 * Parallel lines `spacingM` apart at `angleDeg` (counter-clockwise from east) across a polygon with its
 * holes (even–odd), as segments.
 */
export function hatchLines(rings: Position[][], spacingM: number, angleDeg = 45): Position[][] {
  const first = rings[0]?.[0];
  if (!first) return [];
  const frame = frameAt(first);
  const a = (angleDeg * Math.PI) / 180;
  const [cos, sin] = [Math.cos(a), Math.sin(a)];
  // Rotated so the hatch runs along x: each line is y = (k + ½) · spacing.
  const rotated = rings.map((ring) =>
    ring.map((p) => {
      const [x, y] = frame.toLocal(p);
      return [x * cos + y * sin, -x * sin + y * cos] as const;
    }),
  );
  const back = (u: number, v: number) => frame.toLonLat([u * cos - v * sin, u * sin + v * cos]);
  const vs = rotated.flat().map((p) => p[1]);
  const segments: Position[][] = [];
  // Half a spacing off the first vertex, so no line runs along an edge from it.
  for (let k = Math.ceil(Math.min(...vs) / spacingM - 0.5); (k + 0.5) * spacingM <= Math.max(...vs); k++) {
    const v = (k + 0.5) * spacingM;
    const crossings: number[] = [];
    for (const ring of rotated) {
      for (let i = 1; i < ring.length; i++) {
        const [u1, v1] = ring[i - 1]!;
        const [u2, v2] = ring[i]!;
        // Half-open, so a line through a vertex is counted once.
        if (v1 <= v !== v2 <= v) crossings.push(u1 + ((v - v1) * (u2 - u1)) / (v2 - v1));
      }
    }
    crossings.sort((p, q) => p - q);
    for (let i = 0; i + 1 < crossings.length; i += 2)
      segments.push([back(crossings[i]!, v), back(crossings[i + 1]!, v)]);
  }
  return segments;
}

/** The line cut into dashes `dashM` long with `gapM` between them, starting with a dash. */
export function dashes(line: Position[], dashM: number, gapM: number): Position[][] {
  const first = line[0];
  if (!first) return [];
  const frame = frameAt(first);
  const points = line.map((p) => frame.toLocal(p));
  const along = [0];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i - 1]!;
    const [x2, y2] = points[i]!;
    along.push(along[i - 1]! + Math.hypot(x2 - x1, y2 - y1));
  }
  const total = along[along.length - 1]!;
  /** The point `d` metres along the line. */
  const at = (d: number): [number, number] => {
    const i = Math.max(
      1,
      along.findIndex((a) => a >= d),
    );
    const [x1, y1] = points[i - 1]!;
    const [x2, y2] = points[i]!;
    const length = along[i]! - along[i - 1]!;
    const t = length === 0 ? 0 : (d - along[i - 1]!) / length;
    return [x1 + (x2 - x1) * t, y1 + (y2 - y1) * t];
  };
  const result: Position[][] = [];
  for (let start = 0; start < total; start += dashM + gapM) {
    const end = Math.min(start + dashM, total);
    const inside = points.filter((_, i) => along[i]! > start && along[i]! < end);
    result.push([at(start), ...inside, at(end)].map((p) => frame.toLonLat(p)));
  }
  return result;
}
