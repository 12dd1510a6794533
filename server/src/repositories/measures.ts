import type { Static } from 'typebox';
import type { Geometry } from '../schemas/geojson.js';
import type { MeasureFeature, MeasureKind, MeasureProperties } from '../schemas/measures.js';
import { MAX_SITE_AREA_M2 } from '../schemas/sites.js';
import { mergeMeasure, type MeasureInput, type MeasurePatch } from '../validation/measure-input.js';
import { checkPolygon } from './polygon-check.js';
import { siteItemRepository, type StoredItemRow } from './site-items.js';

type Measure = Static<typeof MeasureFeature>;

type MeasureRow = StoredItemRow<Geometry> & {
  kind: MeasureKind;
  /** Everything but the kind, which has its own column. */
  properties: Record<string, unknown>;
};

/** Measures: the kind in a column, its typed properties in `properties`. */
export const measureRepository = siteItemRepository<MeasureRow, MeasureInput, MeasurePatch, Measure>({
  table: 'measures',
  columns: {
    kind: (measure) => measure.properties.kind,
    properties: ({ properties: { kind: _kind, ...rest } }) => JSON.stringify(rest),
  },
  toItem: ({ id, kind, properties, geometry, version, createdAt, updatedAt }) =>
    ({
      type: 'Feature',
      id,
      geometry,
      properties: { kind, ...properties, version, createdAt, updatedAt },
    }) as Measure,
  toInput: ({ kind, properties, geometry }) => ({
    geometry,
    properties: { kind, ...properties } as MeasureProperties,
  }),
  merge: mergeMeasure,
  // Polygons (cordons, area chicanes) are checked in PostGIS; points and lines need nothing more.
  async checkGeometry(tx, { geometry, properties }) {
    if (geometry.type !== 'Polygon') return;
    const subject = `The ${properties.kind.replace('_', ' ')}`;
    await checkPolygon(tx, geometry, { subject, maxAreaM2: MAX_SITE_AREA_M2 });
  },
});
