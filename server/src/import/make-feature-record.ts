import type { Geometry } from 'geojson';
import type { Classification } from './classify.js';
import type { FeatureRecord, OsmType } from './feature-record.js';

/** Joins a classification with the object's identity and geometry into the record the database stores. */
export function makeFeatureRecord(
  osmType: OsmType,
  osmId: number,
  classification: Classification,
  geometry: Geometry,
): FeatureRecord {
  return {
    osmType,
    osmId,
    layer: classification.layer,
    kind: classification.kind,
    name: classification.keptTags.name ?? null,
    tags: classification.keptTags,
    widthM: classification.widthM,
    widthSource: classification.widthSource,
    lanes: classification.lanes,
    oneway: classification.oneway,
    zLayer: classification.zLayer,
    bridge: classification.bridge,
    tunnel: classification.tunnel,
    heightM: classification.heightM,
    levels: classification.levels,
    geometry,
  };
}
