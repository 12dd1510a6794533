/** SQL fragments shared by the site, zone and measure repositories. */

/** A GeoJSON text parameter as a 2D WGS84 geometry (an altitude, allowed by RFC 7946, is dropped). */
export const geomFromGeoJson = (param: string): string =>
  `ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${param}::text), 4326))`;

/** A geometry as GeoJSON with 7 decimals (≈ 1 cm), parsed by both drivers into an object. */
export const geoJson = (column: string): string => `ST_AsGeoJSON(${column}, 7)::json`;

/** A timestamptz as RFC 3339 UTC text with microseconds, the same on both backends. */
export const isoTime = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
