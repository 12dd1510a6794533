/**
 * The speed map of one vehicle class for the client (DOMAIN.md §3), and the reachable region: from a
 * `SpeedField`, in WGS84.
 *
 * - Roads and paths: one LineString per stretch of one feature whose segments fall in the same speed band
 *   (consecutive segments joined where the road simply goes on), with the highest speed on it: the faster of
 *   the two directions, anywhere along the segment.
 * - Open space: the grid as a compact raster (a venue's grid has 100–200 thousand cells: as polygons, or
 *   even as a JSON array of numbers, that would be megabytes per class): one byte per cell, base64,
 *   row-major from the south-west cell, integer km/h (at most 254), 255 where no vehicle of this class
 *   gets (or no cell: an obstacle).
 * - Reachable region: the reachable road/path segments as one MultiLineString and the reachable cells as
 *   indices into the grid, for PostGIS to outline (ST_Union of the lines buffered by their width and the
 *   cell squares).
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, Position } from 'geojson';
import { EdgeKind, type TraversalGraph } from './graph.js';
import { toLonLat } from './projection.js';
import type { SpeedField } from './propagate.js';

/** Our default: segments of one road join while their speeds fall in the same band of this width (km/h). */
export const DEFAULT_BAND_KMH = 5;

export interface SegmentProperties {
  /** Highest speed along the stretch (km/h, one decimal). */
  speedKmh: number;
  /** The imported feature (`GraphFeatureRef.id`), null for an open-space edge when there is no grid. */
  featureId: number | null;
  name: string | null;
  kind: 'road' | 'path' | 'open';
}

/** Cell (col, row) is centred at originLonLat + (col, row) · cellSizeDeg. */
export interface GridLayout {
  cellSizeM: number;
  /** Centre of the south-west cell (0, 0), [lon, lat]. */
  originLonLat: [number, number];
  /** Cell size in degrees, [lon, lat] (the grid is square in local metres). */
  cellSizeDeg: [number, number];
  cols: number;
  rows: number;
}

/** In a speed grid's bytes: no vehicle of the class gets there, or no cell. */
export const GRID_UNREACHED = 255;

export interface SpeedGrid extends GridLayout {
  encoding: 'uint8-base64';
  /**
   * Base64 of one byte per cell, row-major from the south-west: km/h (rounded, at most 254), or
   * GRID_UNREACHED.
   */
  speedsKmh: string;
}

export interface SpeedMap {
  vehicleClass: string;
  segments: FeatureCollection<LineString, SegmentProperties>;
  grid: SpeedGrid | null;
}

export interface ReachableGeometry {
  vehicleClass: string;
  /** Every reachable road/path segment (and open-space edge when there is no grid), joined into lines. */
  lines: MultiLineString;
  /** Reachable cells: indices (row · cols + col) into the grid. */
  cells: (GridLayout & { indices: number[] }) | null;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Whether the segment is drawn as a line: roads and paths, and open-space edges only without a grid. */
const drawnAsLine = (graph: TraversalGraph, e: number) =>
  graph.edgeKind[e] !== EdgeKind.open || graph.grid === null;

/**
 * Highest speed (m/s) anywhere along each segment drawn as a line, the faster direction, per segment
 * representative (the lower edge index of each pair; −1 elsewhere, and where the vehicle does not get).
 */
function segmentSpeeds(graph: TraversalGraph, field: SpeedField): Float32Array {
  const speed = new Float32Array(graph.edgeCount).fill(-1);
  const { best, stoppedEntrySpeed, stoppedSpeed } = field;
  const { entrySq, endSq } = field.log;
  const along = (e: number) => {
    const id = best[e]!;
    let v = Math.max(stoppedEntrySpeed[e]!, stoppedSpeed[e]!);
    if (id >= 0) v = Math.max(v, Math.sqrt(Math.max(entrySq[id]!, endSq[id]!)), field.measureAt(id).speedIn);
    return v;
  };
  for (let e = 0; e < graph.edgeCount; e++) {
    const r = graph.edgeReverse[e]!;
    if (r < e || !drawnAsLine(graph, e)) continue;
    speed[e] = Math.max(along(e), along(r));
  }
  return speed;
}

/**
 * Joins segments (given by their representative edge) that share a key into polylines: through every node
 * where exactly two segments of the key meet. Returns node sequences with their segments.
 */
function chains(graph: TraversalGraph, key: Int32Array): { nodes: number[]; segments: number[] }[] {
  const rep = (e: number) => Math.min(e, graph.edgeReverse[e]!);
  const other = (s: number, n: number) => (graph.edgeFrom[s] === n ? graph.edgeTo[s]! : graph.edgeFrom[s]!);
  /** The one other segment of the same key at node n, if exactly two meet there; −1 otherwise. */
  const onward = (s: number, n: number) => {
    let found = -1;
    let count = 0;
    for (let e = graph.edgeStart[n]!; e < graph.edgeStart[n + 1]!; e++) {
      const r = rep(e);
      if (key[r] !== key[s]) continue;
      count++;
      if (r !== s) found = r;
    }
    return count === 2 ? found : -1;
  };
  const seen = new Uint8Array(graph.edgeCount);
  const result: { nodes: number[]; segments: number[] }[] = [];
  for (let s0 = 0; s0 < graph.edgeCount; s0++) {
    if (key[s0]! < 0 || seen[s0]) continue;
    // Back to one end (or once round a loop).
    let s = s0;
    let at = graph.edgeFrom[s0]!;
    for (;;) {
      const back = onward(s, at);
      if (back < 0 || back === s0) break;
      at = other(back, at);
      s = back;
    }
    const nodes = [at];
    const segments: number[] = [];
    for (;;) {
      seen[s] = 1;
      segments.push(s);
      at = other(s, at);
      nodes.push(at);
      const next = onward(s, at);
      if (next < 0 || seen[next]) break;
      s = next;
    }
    result.push({ nodes, segments });
  }
  return result;
}

function layout(graph: TraversalGraph): GridLayout | null {
  const grid = graph.grid;
  if (!grid) return null;
  const p = graph.projection;
  const [lon, lat] = toLonLat(p, grid.originX, grid.originY);
  return {
    cellSizeM: grid.cellSizeM,
    originLonLat: [round(lon, 7), round(lat, 7)],
    cellSizeDeg: [grid.cellSizeM / p.mPerDegLon, grid.cellSizeM / p.mPerDegLat],
    cols: grid.cols,
    rows: grid.rows,
  };
}

/** The speed map of `field`'s class (see the module comment). */
export function speedMap(
  graph: TraversalGraph,
  field: SpeedField,
  options: { bandKmh?: number } = {},
): SpeedMap {
  const band = options.bandKmh ?? DEFAULT_BAND_KMH;
  const speeds = segmentSpeeds(graph, field);
  const bands = new Int32Array(graph.edgeCount).fill(-1);
  for (let e = 0; e < graph.edgeCount; e++) {
    if (speeds[e]! < 0) continue;
    // Key: feature and band (features and open space kept apart).
    const feature = graph.edgeFeature[e]!;
    bands[e] = (feature + 1) * 1000 + Math.floor((speeds[e]! * 3.6) / band);
  }
  const p = graph.projection;
  const lonLat = (n: number): Position =>
    toLonLat(p, graph.nodeX[n]!, graph.nodeY[n]!).map((c) => round(c, 7));
  const features: Feature<LineString, SegmentProperties>[] = chains(graph, bands).map(
    ({ nodes, segments }) => {
      const first = segments[0]!;
      const feature = graph.edgeFeature[first]!;
      const ref = feature >= 0 ? graph.features[feature] : undefined;
      const kind =
        graph.edgeKind[first] === EdgeKind.open
          ? 'open'
          : graph.edgeKind[first] === EdgeKind.path
            ? 'path'
            : 'road';
      return {
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: nodes.map(lonLat) },
        properties: {
          speedKmh: round(Math.max(...segments.map((s) => speeds[s]!)) * 3.6, 1),
          featureId: ref?.id ?? null,
          name: ref?.name ?? null,
          kind,
        },
      };
    },
  );

  const grid = graph.grid;
  const gridLayout = layout(graph);
  return {
    vehicleClass: field.vehicleClass,
    segments: { type: 'FeatureCollection', features },
    grid:
      grid && gridLayout
        ? {
            ...gridLayout,
            encoding: 'uint8-base64',
            speedsKmh: gridBytes(grid.cellNode, field.nodeSpeed),
          }
        : null,
  };
}

function gridBytes(cellNode: Int32Array, nodeSpeed: Float32Array): string {
  const bytes = Buffer.alloc(cellNode.length, GRID_UNREACHED);
  for (let i = 0; i < cellNode.length; i++) {
    const n = cellNode[i]!;
    if (n >= 0 && nodeSpeed[n]! >= 0)
      bytes[i] = Math.min(GRID_UNREACHED - 1, Math.round(nodeSpeed[n]! * 3.6));
  }
  return bytes.toString('base64');
}

/** Where a vehicle of `field`'s class can get (see the module comment). */
export function reachableGeometry(graph: TraversalGraph, field: SpeedField): ReachableGeometry {
  const speeds = segmentSpeeds(graph, field);
  const reached = new Int32Array(graph.edgeCount).fill(-1);
  for (let e = 0; e < graph.edgeCount; e++) if (speeds[e]! >= 0) reached[e] = 0;
  const p = graph.projection;
  const lines = chains(graph, reached).map(({ nodes }) =>
    nodes.map((n) => toLonLat(p, graph.nodeX[n]!, graph.nodeY[n]!).map((c) => round(c, 7))),
  );
  const grid = graph.grid;
  const gridLayout = layout(graph);
  const indices: number[] = [];
  if (grid) {
    grid.cellNode.forEach((n, i) => {
      if (n >= 0 && field.nodeSpeed[n]! >= 0) indices.push(i);
    });
  }
  return {
    vehicleClass: field.vehicleClass,
    lines: { type: 'MultiLineString', coordinates: lines },
    cells: gridLayout ? { ...gridLayout, indices } : null,
  };
}
