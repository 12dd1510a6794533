import type { FeatureLayer, FeatureRecord } from './feature-record.js';

/** The formats readOsmFile recognises by content (magic bytes), not by file name. */
export type MapFileFormat = 'pbf' | 'xml' | 'xml-gzip' | 'geojson' | 'geojson-gzip';

/** Longitude/latitude box [west, south, east, north]. */
export type BoundingBox = [number, number, number, number];

export interface ReadStats {
  format: MapFileFormat;
  /** Size of the file on disk. */
  bytes: number;
  /** OSM elements read (for GeoJSON: features by their @type; synthetic ids count by geometry). */
  nodes: number;
  ways: number;
  relations: number;
  /** Features returned, in total and per layer. */
  features: number;
  byLayer: Record<FeatureLayer, number>;
  /**
   * Kept-looking objects that could not be built because part of them is missing from the extract:
   * multipolygon relations with member ways (or nodes) cut off at the extract's boundary, and areas
   * whose ring lost nodes. Never an error: extracts are cut somewhere.
   */
  skippedIncomplete: number;
  /** Kept-looking objects with broken geometry (rings that do not close, ways with fewer than 2 nodes). */
  skippedInvalid: number;
  /** Lines with nodes missing from the extract, kept as the pieces that are inside it (MultiLineString). */
  partialWays: number;
  /** Inner rings of multipolygons that lay outside every outer ring and were dropped. */
  droppedInnerRings: number;
  /** The extract's declared bounds (PBF header bbox, XML <bounds>), when the file has them. */
  bounds: BoundingBox | null;
  durationMs: number;
}

export interface ReadResult {
  features: FeatureRecord[];
  stats: ReadStats;
}

export interface ReadOptions {
  /** Called as the file is consumed; bytesRead counts bytes of the file on disk (compressed, for .gz). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Aborts the read (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
}

export function emptyLayerCounts(): Record<FeatureLayer, number> {
  return { roads: 0, paths: 0, areas: 0, buildings: 0, furniture: 0 };
}
