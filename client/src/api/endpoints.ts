/** The endpoints the planner uses (docs/api.md). */
import { apiRequest } from './http.js';
import type {
  ApproachRequest,
  ApproachResult,
  DataSource,
  FeatureList,
  ItemGeometry,
  RatingEntry,
  Site,
  SiteCreate,
  SiteSummary,
  StoredFeature,
  VehicleProfile,
} from './types.js';

/** Zones and measures share one route shape: /api/sites/:id/<collection>/:itemId. */
export type ItemCollection = 'zones' | 'measures';

const site = (siteId: string) => `/api/sites/${encodeURIComponent(siteId)}`;

export const listSites = () => apiRequest<{ sites: SiteSummary[] }>('/api/sites').then((r) => r.sites);
export const getSite = (siteId: string) => apiRequest<Site>(site(siteId));
export const createSite = (body: SiteCreate) => apiRequest<Site>('/api/sites', { method: 'POST', body });
export const listSources = () => apiRequest<{ sources: DataSource[] }>('/api/sources').then((r) => r.sources);
export const listVehicles = () =>
  apiRequest<{ classes: VehicleProfile[] }>('/api/vehicles').then((r) => r.classes);
export const listRatings = () =>
  apiRequest<{ ratings: RatingEntry[] }>('/api/ratings').then((r) => r.ratings);

export const listItems = (siteId: string, collection: ItemCollection) =>
  apiRequest<FeatureList>(`${site(siteId)}/${collection}`).then((r) => r.features);

export const getItem = (siteId: string, collection: ItemCollection, id: string) =>
  apiRequest<StoredFeature>(`${site(siteId)}/${collection}/${encodeURIComponent(id)}`);

export const createItem = (
  siteId: string,
  collection: ItemCollection,
  geometry: ItemGeometry,
  properties: Record<string, unknown>,
) =>
  apiRequest<StoredFeature>(`${site(siteId)}/${collection}`, {
    method: 'POST',
    body: { type: 'Feature', geometry, properties },
  });

/** A JSON merge patch of the properties and/or a new geometry, against `version`. */
export const patchItem = (
  siteId: string,
  collection: ItemCollection,
  id: string,
  version: number,
  change: { geometry?: ItemGeometry; properties?: Record<string, unknown> },
) =>
  apiRequest<StoredFeature>(`${site(siteId)}/${collection}/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: {
      ...(change.geometry ? { geometry: change.geometry } : {}),
      properties: { ...change.properties, version },
    },
  });

/** Deletes that version only (409 when someone changed it since). */
export const deleteItem = (siteId: string, collection: ItemCollection, id: string, version: number) =>
  apiRequest<void>(`${site(siteId)}/${collection}/${encodeURIComponent(id)}?version=${version}`, {
    method: 'DELETE',
  });

export const runApproach = (siteId: string, body: ApproachRequest, signal: AbortSignal) =>
  apiRequest<ApproachResult>(`${site(siteId)}/analysis/approach`, { method: 'POST', body, signal });
