import type { LocalProjection } from './graph.js';

// WGS84 ellipsoid: metres per degree from the meridian and prime-vertical radii of curvature at lat0.
const A = 6378137;
const E2 = 0.00669437999014;

/** A local tangent-plane projection centred on (lon0, lat0). */
export function localProjection(lon0: number, lat0: number): LocalProjection {
  const phi = (lat0 * Math.PI) / 180;
  const s = 1 - E2 * Math.sin(phi) ** 2;
  const meridian = (A * (1 - E2)) / s ** 1.5;
  const primeVertical = A / Math.sqrt(s);
  return {
    lon0,
    lat0,
    mPerDegLon: (Math.PI / 180) * primeVertical * Math.cos(phi),
    mPerDegLat: (Math.PI / 180) * meridian,
  };
}

export function toLocal(p: LocalProjection, lon: number, lat: number): [number, number] {
  return [(lon - p.lon0) * p.mPerDegLon, (lat - p.lat0) * p.mPerDegLat];
}

export function toLonLat(p: LocalProjection, x: number, y: number): [number, number] {
  return [p.lon0 + x / p.mPerDegLon, p.lat0 + y / p.mPerDegLat];
}
