/**
 * Why an uploaded map file could not be read. The codes are stable (the API and the UI switch on them);
 * the messages are written for a city planner, not for a developer.
 */
export type ReadErrorCode =
  'OSM_UNREADABLE' | 'OSM_TRUNCATED' | 'OSM_EMPTY' | 'UNSUPPORTED_FORMAT' | 'INVALID_GEOJSON';

export class OsmReadError extends Error {
  override readonly name = 'OsmReadError';
  readonly code: ReadErrorCode;
  /** The file that failed, when known (never shown to other users: it is a server path). */
  readonly path: string | undefined;

  constructor(code: ReadErrorCode, message: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path;
  }
}

export function isOsmReadError(error: unknown): error is OsmReadError {
  return error instanceof OsmReadError;
}

/** Plain-English messages, kept in one place so the wording stays consistent. */
export const READ_ERROR_MESSAGES = {
  empty: 'The file is empty: it contains no map data.',
  noElements: 'The file contains no map data (no nodes, ways or relations).',
  truncated:
    'The map file is incomplete: it ends part-way through, probably because the download or upload was cut short. Download it again and retry.',
  pbfDamaged:
    'The map file (.osm.pbf) is damaged and cannot be read. Download it again, or export a fresh extract.',
  xmlDamaged: (detail: string) =>
    `The map file (.osm) is not valid OpenStreetMap XML and cannot be read (${detail}). Export it again from OpenStreetMap or your editor.`,
  gzipDamaged:
    'The compressed map file (.gz) is damaged and cannot be unpacked. Download it again and retry.',
  unsupported:
    'This file is not a map format Bulwark can read. Upload an OpenStreetMap extract (.osm.pbf, .osm or .osm.gz) or a GeoJSON file.',
} as const;
