import type { Geometry, Position } from 'geojson';
import type { Db } from '../../src/db/db.js';
import type { FeatureLayer, FeatureRecord } from '../../src/import/feature-record.js';
import {
  finishSource,
  replaceSourceFeatures,
  upsertSource,
  type ReplaceResult,
} from '../../src/repositories/features.js';

let nextOsmId = 1;

/** A hand-made imported feature; only layer, kind and geometry are needed, the rest has OSM-like defaults. */
export function record(
  layer: FeatureLayer,
  kind: string,
  geometry: Geometry,
  extra: Partial<FeatureRecord> = {},
): FeatureRecord {
  return {
    osmType: geometry.type === 'Point' ? 'node' : 'way',
    osmId: nextOsmId++,
    layer,
    kind,
    name: null,
    tags: {},
    widthM: null,
    widthSource: null,
    lanes: null,
    oneway: null,
    zLayer: 0,
    bridge: false,
    tunnel: false,
    heightM: null,
    levels: null,
    geometry,
    ...extra,
  };
}

/** An axis-aligned rectangle [w, s, e, n] as a GeoJSON Polygon (counter-clockwise). */
export function box(w: number, s: number, e: number, n: number): Geometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

export const line = (...coordinates: Position[]): Geometry => ({ type: 'LineString', coordinates });
export const point = (lon: number, lat: number): Geometry => ({ type: 'Point', coordinates: [lon, lat] });

/** Imports `records` as one source the way the importer does: upsert, replace, finish, in one transaction. */
export async function importRecords(
  db: Db,
  name: string,
  records: FeatureRecord[],
): Promise<{ sourceId: number; result: ReplaceResult }> {
  return db.transaction(async (tx) => {
    const { id: sourceId } = await upsertSource(
      tx,
      { name, sha256: `sha-${name}`, format: 'geojson', sizeBytes: 1 },
      { nameIsExplicit: true },
    );
    const result = await replaceSourceFeatures(tx, sourceId, records);
    await finishSource(tx, sourceId, { stored: result.stored }, null);
    return { sourceId, result };
  });
}
