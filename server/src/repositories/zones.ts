import type { Polygon } from '../schemas/geojson.js';
import { MAX_SITE_AREA_M2 } from '../schemas/sites.js';
import type { Zone, ZoneKind } from '../schemas/zones.js';
import { mergeZone, type ZoneInput, type ZonePatch } from '../validation/zone-input.js';
import { checkPolygon } from './polygon-check.js';
import { siteItemRepository, type StoredItemRow } from './site-items.js';

const POLYGON_RULES = { subject: 'The protected zone', maxAreaM2: MAX_SITE_AREA_M2 };

type ZoneRow = StoredItemRow<Polygon> & {
  name: string;
  kind: ZoneKind;
  /** Everything but name and kind (notes). */
  properties: { notes?: string };
};

/** Protected zones: name and kind in columns, the rest (notes) in `properties`. */
export const zoneRepository = siteItemRepository<ZoneRow, ZoneInput, ZonePatch, Zone>({
  table: 'zones',
  columns: {
    name: (zone) => zone.properties.name,
    kind: (zone) => zone.properties.kind,
    properties: ({ properties: { name: _name, kind: _kind, ...rest } }) => JSON.stringify(rest),
  },
  toItem: ({ id, name, kind, properties, geometry, version, createdAt, updatedAt }) => ({
    type: 'Feature',
    id,
    geometry,
    properties: { name, kind, ...properties, version, createdAt, updatedAt },
  }),
  toInput: ({ name, kind, properties, geometry }) => ({
    geometry,
    properties: { name, kind, ...properties },
  }),
  merge: mergeZone,
  checkGeometry: (tx, zone) => checkPolygon(tx, zone.geometry, POLYGON_RULES),
});
