/**
 * Handles for the edits terra-draw has no gesture for: the edges of a camera's field of view (widen or
 * narrow it) and a cordon's access points (move them along the cordon). They are drawn as plan features
 * and dragged by ./handle-drag.ts; what a drag does to the item is worked out here, as a merge patch of
 * its properties that the plan saves like any other edit.
 */
import type { Feature, Point, Position } from 'geojson';
import { accessPointsOf, moveAccessPoint, nearestOnOutline } from '../plan/access-points.js';
import { mergeProperties } from '../plan/edit-request.js';
import type { PlanItem } from '../plan/plan-item.js';
import { fovHandlePoints, fovPatch, fovTo, type FovSide } from './camera-view.js';

export type HandleRef = { handle: 'fov'; side: FovSide } | { handle: 'access'; index: number };

/**
 * The item's handles as map features: a cordon's access points always (they are part of the plan, and
 * draggable once it is selected), a camera's field-of-view handles only while it is selected.
 */
export function handleFeatures(item: PlanItem, selected: boolean): Feature<Point>[] {
  if (item.kind === 'cordon') {
    return accessPointsOf(item.properties).map((point, index) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: point.position },
      properties: { itemId: item.id, kind: 'access_point', handle: 'access', index, accessKind: point.kind },
    }));
  }
  if (item.kind !== 'camera' || !selected || item.geometry.type !== 'Point') return [];
  const ends = fovHandlePoints(item.geometry.coordinates, item.properties);
  if (!ends) return [];
  return (['left', 'right'] as const).map((side) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: ends[side] },
    properties: { itemId: item.id, kind: 'fov_handle', handle: 'fov', side },
  }));
}

/** The handle a rendered feature stands for, from its properties. */
export function handleRefOf(properties: Record<string, unknown>): HandleRef | null {
  if (properties.handle === 'fov' && (properties.side === 'left' || properties.side === 'right'))
    return { handle: 'fov', side: properties.side };
  if (properties.handle === 'access' && typeof properties.index === 'number')
    return { handle: 'access', index: properties.index };
  return null;
}

/**
 * What dragging a handle of `item` to `position` changes: the field of view whose edge passes there
 * (the bearing stays), or the access point moved to the nearest point of the cordon's outline.
 */
export function handlePatch(
  item: PlanItem,
  ref: HandleRef,
  position: Position,
): Record<string, unknown> | null {
  const { geometry, properties } = item;
  if (ref.handle === 'fov') {
    if (geometry.type !== 'Point' || typeof properties.bearingDeg !== 'number') return null;
    return fovPatch(properties, fovTo(geometry.coordinates, properties.bearingDeg, position));
  }
  if (geometry.type !== 'Polygon') return null;
  const points = accessPointsOf(properties);
  if (!points[ref.index]) return null;
  return { accessPoints: moveAccessPoint(points, ref.index, nearestOnOutline(geometry, position).position) };
}

/** The items with one item's properties as a drag in progress would leave them. */
export function previewItems(
  items: readonly PlanItem[],
  id: string,
  patch: Record<string, unknown>,
): PlanItem[] {
  return items.map((i) => (i.id === id ? { ...i, properties: mergeProperties(i.properties, patch) } : i));
}
