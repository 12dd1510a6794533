/**
 * The error catalogue: every error the API returns has a stable `code`, an HTTP status and a default
 * message a planner understands. Routes throw `AppError`; one handler turns it into
 * `{ statusCode, code, message }`.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not in the expected form.' },
  INVALID_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'This kind of request body is not accepted here.' },
  BODY_TOO_LARGE: { status: 413, message: 'The request is too large.' },
  INVALID_GEOJSON: { status: 400, message: 'The geometry is not valid GeoJSON.' },
  WRONG_GEOMETRY_TYPE: { status: 400, message: 'This item needs a different kind of geometry.' },
  COORDINATE_OUT_OF_RANGE: {
    status: 400,
    message: 'A coordinate is outside the valid range (longitude −180…180, latitude −90…90).',
  },
  NON_FINITE_NUMBER: { status: 400, message: 'A number is missing or not finite (NaN or Infinity).' },
  TOO_MANY_VERTICES: { status: 400, message: 'The geometry has too many points.' },
  INVALID_POLYGON: { status: 422, message: 'The polygon is not valid (for example it crosses itself).' },
  AREA_TOO_LARGE: { status: 422, message: 'The area is too large for one site.' },
  INVALID_MEASURE: { status: 400, message: 'The measure’s properties are not valid for its kind.' },
  INVALID_RATING: { status: 400, message: 'The crash rating is not in a recognised form.' },
  INVALID_VEHICLE_PARAMETERS: {
    status: 400,
    message: 'A vehicle class or vehicle parameter is not valid.',
  },
  NO_PROTECTED_ZONES: {
    status: 422,
    message: 'The site has no protected zone to analyse: draw a protected zone first.',
  },
  OUTSIDE_IMPORTED_DATA: {
    status: 422,
    message: 'The location is outside every imported map extract: import the area first.',
  },
  NOT_FOUND: { status: 404, message: 'Nothing is found at this address.' },
  SITE_NOT_FOUND: { status: 404, message: 'There is no site with this id.' },
  ZONE_NOT_FOUND: { status: 404, message: 'There is no protected zone with this id in this site.' },
  MEASURE_NOT_FOUND: { status: 404, message: 'There is no measure with this id in this site.' },
  IMPORT_NOT_FOUND: { status: 404, message: 'There is no import job with this id.' },
  SOURCE_NOT_FOUND: { status: 404, message: 'There is no imported data set with this id.' },
  VERSION_REQUIRED: {
    status: 428,
    message: 'Say which version you are changing (If-Match header or "version" field).',
  },
  VERSION_CONFLICT: {
    status: 409,
    message: 'Someone else changed this in the meantime. Reload it, then apply your change again.',
  },
  IMPORT_QUEUE_FULL: {
    status: 503,
    message: 'Too many imports are waiting. Try again when the current ones have finished.',
  },
  UPLOAD_MISSING: { status: 400, message: 'No file was uploaded.' },
  UPLOAD_TOO_LARGE: { status: 413, message: 'The uploaded file is too large.' },
  UNSUPPORTED_FORMAT: {
    status: 415,
    message: 'The file is not an OpenStreetMap extract (.osm.pbf, .osm, .osm.gz) or GeoJSON.',
  },
  OSM_UNREADABLE: { status: 422, message: 'The OpenStreetMap file could not be read.' },
  OSM_TRUNCATED: { status: 422, message: 'The OpenStreetMap file is incomplete (it may have been cut off).' },
  OSM_EMPTY: {
    status: 422,
    message: 'The file holds no roads, paths, areas, buildings or street furniture.',
  },
  INVALID_TILE: { status: 400, message: 'The tile address is not valid.' },
  TOO_MANY_FEATURES: {
    status: 422,
    message: 'The area holds more map features than one answer carries: ask for one layer at a time.',
  },
  INTERNAL: { status: 500, message: 'Something went wrong on the server. The error has been logged.' },
  UNAVAILABLE: { status: 503, message: 'The server is starting or shutting down. Try again shortly.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  constructor(code: ErrorCode, message?: string, options?: ErrorOptions) {
    super(message ?? ERROR_CATALOGUE[code].message, options);
    this.name = 'AppError';
    this.code = code;
    this.statusCode = ERROR_CATALOGUE[code].status;
  }
}

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
}
