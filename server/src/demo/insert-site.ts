import type { Polygon } from 'geojson';
import type { Queryable } from '../db/db.js';
import { insertSite } from '../repositories/sites.js';
import { zoneRepository } from '../repositories/zones.js';
import { parseSiteCreate } from '../validation/site-input.js';
import { parseZoneCreate } from '../validation/zone-input.js';

export interface SiteWithZones {
  name: string;
  description: string;
  areaOfInterest: Polygon;
  /** The import the site is planned on. */
  sourceId: number | null;
  zones: { name: string; kind: string; geometry: Polygon }[];
}

/**
 * Creates a demo site and its protected zones in the caller's transaction, so a failure leaves neither.
 * They go through the API's own checks and repository functions: a demo file can hold nothing the API
 * would refuse.
 */
export async function insertSiteWithZones(tx: Queryable, { zones, ...site }: SiteWithZones): Promise<string> {
  const { id } = await insertSite(tx, parseSiteCreate(site));
  for (const { name, kind, geometry } of zones) {
    await zoneRepository.insert(
      tx,
      id,
      parseZoneCreate({ type: 'Feature', geometry, properties: { name, kind } }),
    );
  }
  return id;
}
