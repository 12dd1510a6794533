import type { FeatureCollection } from 'geojson';
import GeoJSONVT from 'geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { FEATURE_LAYERS, type FeatureLayer } from '../import/feature-record.js';
import { TILE_BUFFER, TILE_EXTENT, type TileAddress } from './tile-address.js';

/**
 * Encodes lon/lat features as one Mapbox Vector Tile (spec v2, extent 4096), one tile layer per feature
 * layer. geojson-vt projects and clips to the tile plus its buffer; the vertices were already simplified
 * in PostGIS, so it keeps them all at this zoom. Null when no layer has a feature left in the tile.
 */
export function encodeTile(
  address: TileAddress,
  layers: ReadonlyMap<FeatureLayer, FeatureCollection>,
): Uint8Array | null {
  const { z, x, y } = address;
  const tiles: Record<string, ReturnType<GeoJSONVT['getTile']>> = {};
  for (const layer of FEATURE_LAYERS) {
    const data = layers.get(layer);
    if (!data) continue;
    const index = new GeoJSONVT(data, { maxZoom: z, extent: TILE_EXTENT, buffer: TILE_BUFFER });
    const tile = index.getTile(z, x, y);
    if (tile && tile.features.length > 0) tiles[layer] = tile;
  }
  if (Object.keys(tiles).length === 0) return null;
  return fromGeojsonVt(tiles, { version: 2, extent: TILE_EXTENT });
}
