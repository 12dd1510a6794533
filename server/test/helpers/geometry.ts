import type { LineString, Point, Polygon } from '../../src/schemas/geojson.js';

/** Hand-made WGS84 geometry for API tests, sized in metres. */

const A = 6_378_137; // WGS84 semi-major axis, m
const E2 = 0.006_694_379_990_14; // WGS84 first eccentricity squared

/** Metres per degree of longitude and latitude at `lat` on the WGS84 ellipsoid. */
export function metresPerDegree(lat: number): { lon: number; lat: number } {
  const phi = (lat * Math.PI) / 180;
  const w = 1 - E2 * Math.sin(phi) ** 2;
  const meridional = (A * (1 - E2)) / w ** 1.5;
  const primeVertical = A / Math.sqrt(w);
  return { lon: (Math.PI / 180) * primeVertical * Math.cos(phi), lat: (Math.PI / 180) * meridional };
}

const round7 = (n: number) => Number(n.toFixed(7));

/** A point `east` and `north` metres from [lon, lat], rounded to 7 decimals (what the API returns). */
export function offset([lon, lat]: readonly [number, number], east: number, north: number): [number, number] {
  const m = metresPerDegree(lat);
  return [round7(lon + east / m.lon), round7(lat + north / m.lat)];
}

/** A 0.01° square's coordinates, written out, for the pure GeoJSON checks' unit tests. */
export const SQUARE = [
  [
    [7.42, 43.73],
    [7.43, 43.73],
    [7.43, 43.74],
    [7.42, 43.74],
    [7.42, 43.73],
  ],
];

/** Place de la Visitation, Monaco: the tests' default centre. */
export const MONACO: [number, number] = [7.4246, 43.7314];

/** An axis-aligned square of `sizeM` metres whose south-west corner is `origin`, counter-clockwise. */
export function square(sizeM: number, origin: [number, number] = MONACO): Polygon {
  const corners = [
    offset(origin, 0, 0),
    offset(origin, sizeM, 0),
    offset(origin, sizeM, sizeM),
    offset(origin, 0, sizeM),
  ];
  return { type: 'Polygon', coordinates: [[...corners, corners[0] as [number, number]]] };
}

/** A regular polygon with `n` corners on a circle of `radiusM` (n + 1 positions with the closing one). */
export function circle(n: number, radiusM: number, centre: [number, number] = MONACO): Polygon {
  const ring = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    return offset(centre, radiusM * Math.cos(a), radiusM * Math.sin(a));
  });
  return { type: 'Polygon', coordinates: [[...ring, ring[0] as [number, number]]] };
}

/** Two corners swapped: the outline crosses itself in the middle. */
export function bowTie(sizeM: number, origin: [number, number] = MONACO): Polygon {
  const [a, b, c, d] = [
    offset(origin, 0, 0),
    offset(origin, sizeM, 0),
    offset(origin, sizeM, sizeM),
    offset(origin, 0, sizeM),
  ];
  return { type: 'Polygon', coordinates: [[a, c, b, d, a]] };
}

export function line(lengthM: number, origin: [number, number] = MONACO): LineString {
  return { type: 'LineString', coordinates: [offset(origin, 0, 0), offset(origin, lengthM, 0)] };
}

export function point(east = 0, north = 0, origin: [number, number] = MONACO): Point {
  return { type: 'Point', coordinates: offset(origin, east, north) };
}
