import { zoneRepository } from '../repositories/zones.js';
import { ZoneCollection, ZoneCreateBody, ZoneFeature, ZonePatchBody } from '../schemas/zones.js';
import { parseZoneCreate, parseZonePatch } from '../validation/zone-input.js';
import { siteItemRoutes } from './site-item-routes.js';

export const zoneRoutes = siteItemRoutes({
  path: 'zones',
  idParam: 'zoneId',
  noun: 'protected zone',
  schemas: { item: ZoneFeature, collection: ZoneCollection, create: ZoneCreateBody, patch: ZonePatchBody },
  describe: {
    create: 'A GeoJSON Feature with a Polygon geometry and properties { name, kind? (crowd), notes? }.',
    patch: 'A new geometry and/or properties (null removes notes).',
  },
  parseCreate: parseZoneCreate,
  parsePatch: parseZonePatch,
  repository: zoneRepository,
});
