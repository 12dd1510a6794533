import type { Queryable } from '../db/db.js';
import { FEATURE_LAYERS, type FeatureLayer } from '../import/feature-record.js';
import { tileFeatures } from '../repositories/tile-features.js';
import { encodeTile } from './encode-tile.js';
import { simplifyTolerance, TILE_BUFFER, tileBounds, type TileAddress } from './tile-address.js';

/**
 * The lowest zoom each layer is drawn from. Below it the layer is too small to see (a building is under a
 * pixel at z12) and would only make tiles heavy; roads give the overview from z8.
 */
export const LAYER_MIN_ZOOM: Record<FeatureLayer, number> = {
  roads: 8,
  areas: 12,
  paths: 13,
  buildings: 13,
  furniture: 15,
};

/** Simplification keeps vertices within half a screen pixel of a 512-px tile (4096 / 512 / 2 units). */
const SIMPLIFY_UNITS = 4;

export const layersAtZoom = (z: number): FeatureLayer[] =>
  FEATURE_LAYERS.filter((l) => z >= LAYER_MIN_ZOOM[l]);

/** One basemap vector tile from the imported features (of one source, or all when null); null when empty. */
export async function renderTile(
  db: Queryable,
  address: TileAddress,
  sourceId: number | null,
): Promise<Uint8Array | null> {
  const layers = layersAtZoom(address.z);
  if (layers.length === 0) return null;
  const features = await tileFeatures(db, {
    bounds: tileBounds(address, TILE_BUFFER),
    simplifyTolerance: simplifyTolerance(address, SIMPLIFY_UNITS),
    layers,
    sourceId,
  });
  return encodeTile(address, features);
}
