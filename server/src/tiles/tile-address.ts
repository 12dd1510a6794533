import { AppError } from '../errors.js';

/** Deepest zoom served: ~2 cm per tile unit at extent 4096, finer than any OSM mapping. */
export const MAX_TILE_ZOOM = 22;
/** Tile units per side (the vector-tile default). */
export const TILE_EXTENT = 4096;
/** Units drawn beyond each edge so lines and outlines do not stop short at tile borders. */
export const TILE_BUFFER = 64;

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** [west, south, east, north] in degrees. */
export type LonLatBounds = [number, number, number, number];

const DIGITS = /^\d{1,8}$/;

/** Reads `z/x/y` from the URL; anything but whole numbers inside the zoom's grid is INVALID_TILE. */
export function parseTileAddress(raw: { z: string; x: string; y: string }): TileAddress {
  const [z, x, y] = [raw.z, raw.x, raw.y].map((v) => (DIGITS.test(v) ? Number(v) : NaN)) as [
    number,
    number,
    number,
  ];
  if (!Number.isInteger(z) || z > MAX_TILE_ZOOM) {
    throw new AppError(
      'INVALID_TILE',
      `The tile zoom must be a whole number from 0 to ${MAX_TILE_ZOOM}, got "${raw.z}".`,
    );
  }
  const n = 2 ** z;
  if (!Number.isInteger(x) || !Number.isInteger(y) || x >= n || y >= n) {
    throw new AppError(
      'INVALID_TILE',
      `At zoom ${z} tile x and y must be whole numbers from 0 to ${n - 1}, got x "${raw.x}", y "${raw.y}".`,
    );
  }
  return { z, x, y };
}

const lonOf = (x: number, n: number) => (x / n) * 360 - 180;
const latOf = (y: number, n: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;

/**
 * The lon/lat rectangle of a Web Mercator tile, grown by `bufferUnits` tile units on each side (clamped to
 * the Mercator world). A Mercator tile is a rectangle in lon/lat too, so this is exact.
 */
export function tileBounds({ z, x, y }: TileAddress, bufferUnits = 0): LonLatBounds {
  const n = 2 ** z;
  const b = bufferUnits / TILE_EXTENT;
  const west = Math.max(x - b, 0);
  const east = Math.min(x + 1 + b, n);
  const north = Math.max(y - b, 0);
  const south = Math.min(y + 1 + b, n);
  return [lonOf(west, n), latOf(south, n), lonOf(east, n), latOf(north, n)];
}

/**
 * A simplification tolerance in degrees that moves no vertex by more than `units` tile units: one unit is
 * 360° / 2^z / extent of longitude, and a degree of latitude spans 1 / cos(lat) times more Mercator units,
 * so the tile's latitude farthest from the equator bounds it.
 */
export function simplifyTolerance(address: TileAddress, units: number): number {
  const [, south, , north] = tileBounds(address);
  const lat = Math.max(Math.abs(south), Math.abs(north));
  return ((units * 360) / 2 ** address.z / TILE_EXTENT) * Math.cos((lat * Math.PI) / 180);
}
