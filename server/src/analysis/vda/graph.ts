/**
 * The traversable space of a site as one directed graph in local metres, shared by every vehicle class.
 * Built once per site data (cold), re-tagged when measures change (warm), searched per class.
 *
 * Nodes are points where a vehicle can be: road/path vertices (split wherever ways share a node,
 * i.e. coincident coordinates; crossing ways without a shared node do not connect — bridges, tunnels),
 * and open-space grid cell centres. Edges are straight segments between nodes, stored both ways
 * (a hostile driver ignores one-ways), in CSR order: the out-edges of node n are
 * `edgeStart[n] … edgeStart[n + 1] - 1`.
 */
export interface TraversalGraph {
  /** Local tangent-plane projection used for every coordinate below. */
  projection: LocalProjection;
  nodeCount: number;
  nodeX: Float64Array;
  nodeY: Float64Array;
  /** Grade level of the node: OSM `layer`, and bridge/tunnel flags folded in (0 = ground). */
  nodeLevel: Int8Array;
  /** What the node is (NodeKind): a way's vertex, a point inserted on a way, a study-boundary entry, a cell. */
  nodeKind: Uint8Array;

  edgeCount: number;
  edgeStart: Uint32Array; // length nodeCount + 1
  edgeFrom: Uint32Array;
  edgeTo: Uint32Array;
  edgeLength: Float32Array; // metres
  /** Heading of travel, radians from +x (east) counter-clockwise, in (−π, π]. */
  edgeHeading: Float32Array;
  /**
   * Usable width for the corner-cutting model and the vehicle-fits test: carriageway width for roads,
   * path width for paths, clear width between obstacles for open-space edges (metres).
   */
  edgeWidth: Float32Array;
  edgeKind: Uint8Array; // EdgeKind
  /** Index into `features` of the road/path this edge lies on, −1 for open-space edges. */
  edgeFeature: Int32Array;
  /** Index of the reverse edge (same segment, opposite direction). */
  edgeReverse: Uint32Array;
  /** Gradient along the edge (rise/run, signed in the direction of travel), 0 when unknown. */
  edgeGrade: Float32Array;
  /**
   * Measure crossing this edge (index into `measures`, −1 none). A segment crossed by several measures
   * keeps the first along the direction of travel; `edgeMeasureAt` is the distance from the edge's
   * start to the crossing (metres).
   */
  edgeMeasure: Int32Array;
  edgeMeasureAt: Float32Array;

  /** The imported features the road/path edges came from (for names, ids, tags in the output). */
  features: GraphFeatureRef[];
  /** The measures in the order `edgeMeasure` refers to. */
  measures: GraphMeasureRef[];
  /** Open-space raster, when the site has any: cell size and origin, for the speed map. */
  grid: GridInfo | null;
}

export const EdgeKind = { road: 0, path: 1, open: 2 } as const;
export type EdgeKind = (typeof EdgeKind)[keyof typeof EdgeKind];

/**
 * - vertex: a vertex of a mapped road/path (ways sharing it meet there);
 * - split: a point inserted on a road/path segment to join it to open space beside it;
 * - boundary: where a road/path leaves the study area (a vehicle from outside enters here);
 * - cell: an open-space grid cell (GridInfo.cellNode maps cells to these nodes).
 */
export const NodeKind = { vertex: 0, split: 1, boundary: 2, cell: 3 } as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];

export interface GraphFeatureRef {
  id: number;
  layer: 'roads' | 'paths';
  kind: string;
  name: string | null;
}

export interface GraphMeasureRef {
  id: string;
  kind: 'bollard_line' | 'barrier' | 'gate' | 'chicane' | 'camera' | 'cordon';
  properties: Record<string, unknown>;
  /**
   * For a line measure on the ground: the clear opening between each end (first, last vertex) and the
   * nearest obstacle or undrivable ground (metres), null when there is none within END_GAP_SEARCH_M. A
   * vehicle narrower than an opening can go round that end, e.g. past a barrier drawn across only part
   * of a street. Open-space edges through an opening are already narrowed to it. Absent for other
   * measures and on graphs built without a ground raster.
   */
  endGapsM?: [number | null, number | null];
}

export interface GridInfo {
  cellSizeM: number;
  /** Local coordinates of the centre of cell (0, 0). */
  originX: number;
  originY: number;
  cols: number;
  rows: number;
  /** Node index of each cell (row-major), −1 where the cell is not traversable. */
  cellNode: Int32Array;
  /** Clear width around the cell centre: 2 × distance to the nearest obstacle (metres), capped. */
  cellClearWidth: Float32Array;
}

/** Equirectangular projection around a site's centre: metres east/north, error < 0.1 % within a few km. */
export interface LocalProjection {
  lon0: number;
  lat0: number;
  /** metres per degree of longitude / latitude at lat0 */
  mPerDegLon: number;
  mPerDegLat: number;
}
