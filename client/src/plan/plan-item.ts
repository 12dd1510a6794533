/** A protected zone or a measure of the open site, as stored on the server. */
import type { ItemCollection } from '../api/endpoints.js';
import type { ItemGeometry, MeasureKind, StoredFeature } from '../api/types.js';

export type ItemKind = 'zone' | MeasureKind;

export interface PlanItem {
  id: string;
  collection: ItemCollection;
  kind: ItemKind;
  geometry: ItemGeometry;
  /** The stored properties, `version` included. */
  properties: Record<string, unknown> & { version: number };
}

export function itemFromFeature(collection: ItemCollection, feature: StoredFeature): PlanItem {
  const kind: ItemKind = collection === 'zones' ? 'zone' : (feature.properties.kind as MeasureKind);
  return { id: feature.id, collection, kind, geometry: feature.geometry, properties: feature.properties };
}

/** What an item is, in words, for titles and messages. */
export const ITEM_NOUNS: Record<ItemKind, string> = {
  zone: 'protected zone',
  bollard_line: 'bollard line',
  barrier: 'barrier',
  gate: 'gate',
  chicane: 'chicane',
  camera: 'camera',
  cordon: 'cordon',
};

/** The properties a create sends: the stored ones without the server's stamps. */
export function creatableProperties(item: PlanItem): Record<string, unknown> {
  const { version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = item.properties;
  return rest;
}

export function itemName(item: PlanItem): string {
  const name = item.properties.name;
  if (typeof name === 'string' && name !== '') return name;
  const noun = ITEM_NOUNS[item.kind];
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}
