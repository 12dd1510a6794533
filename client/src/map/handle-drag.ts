/**
 * Dragging the selected item's handles (./handles.ts) and adding access points to a selected cordon by
 * clicking its edge. A press on a handle is taken in the capture phase on the map's container, before
 * terra-draw (which would move the whole cordon) and MapLibre (which would pan) see it: cancelling the
 * pointerdown also withholds the mouse events MapLibre listens to.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  accessPointsOf,
  addAccessPoint,
  nearestOnOutline,
  NEW_ACCESS_POINT_KIND,
} from '../plan/access-points.js';
import type { PlanItem } from '../plan/plan-item.js';
import { handlePatch, handleRefOf, type HandleRef } from './handles.js';
import { HANDLE_LAYERS } from './plan-layers.js';

/** How close to a handle or an edge a press counts as on it. */
const REACH_PX = 8;

export interface HandleDragOptions {
  /** The item whose handles may be dragged now (the selected one), if any. */
  target(): PlanItem | null;
  /** While dragging: the change the drop would make (null when the drag ends), to draw meanwhile. */
  onPreview(id: string, patch: Record<string, unknown> | null): void;
  /** The drop: the change to save. */
  onDrop(id: string, patch: Record<string, unknown>): void;
}

type Pixel = [number, number];

const box = ([x, y]: Pixel, r: number): [Pixel, Pixel] => [
  [x - r, y - r],
  [x + r, y + r],
];

/** Starts listening; returns the function that stops. */
export function attachHandleDrag(map: MapLibreMap, options: HandleDragOptions): () => void {
  const container = map.getContainer();
  const canvas = map.getCanvas();
  let drag: { item: PlanItem; ref: HandleRef; patch: Record<string, unknown> | null } | null = null;
  // The click that ends a drag must not also add an access point or select something.
  let swallowClick = false;

  const pixelOf = (event: MouseEvent): Pixel => {
    const rect = canvas.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  };

  const down = (event: PointerEvent) => {
    swallowClick = false;
    if (event.button !== 0 || event.target !== canvas) return;
    const item = options.target();
    if (!item) return;
    const hit = map
      .queryRenderedFeatures(box(pixelOf(event), REACH_PX), { layers: HANDLE_LAYERS })
      .find((f) => f.properties.itemId === item.id);
    const ref = hit ? handleRefOf(hit.properties) : null;
    if (!ref) return;
    event.preventDefault();
    event.stopPropagation();
    drag = { item, ref, patch: null };
    canvas.style.cursor = 'grabbing';
    window.addEventListener('pointermove', move, true);
    window.addEventListener('pointerup', up, true);
  };

  const move = (event: PointerEvent) => {
    if (!drag) return;
    event.stopPropagation();
    const { lng, lat } = map.unproject(pixelOf(event));
    drag.patch = handlePatch(drag.item, drag.ref, [lng, lat]);
    options.onPreview(drag.item.id, drag.patch);
  };

  const up = (event: PointerEvent) => {
    event.stopPropagation();
    window.removeEventListener('pointermove', move, true);
    window.removeEventListener('pointerup', up, true);
    canvas.style.cursor = '';
    swallowClick = true;
    const done = drag;
    drag = null;
    if (!done) return;
    if (done.patch) options.onDrop(done.item.id, done.patch);
    else options.onPreview(done.item.id, null);
  };

  const click = (event: MouseEvent) => {
    if (!swallowClick) return;
    swallowClick = false;
    event.stopPropagation();
  };

  container.addEventListener('pointerdown', down, true);
  container.addEventListener('click', click, true);
  return () => {
    container.removeEventListener('pointerdown', down, true);
    container.removeEventListener('click', click, true);
    window.removeEventListener('pointermove', move, true);
    window.removeEventListener('pointerup', up, true);
  };
}

/**
 * A click on a selected cordon's edge adds an access point at the nearest point of its outline: the
 * change to save, or null when the click is not within reach of the edge or is on a handle (its access
 * points, terra-draw's corners and midpoints, which reshape it).
 */
export function accessPointAdded(
  map: MapLibreMap,
  item: PlanItem,
  pixel: Pixel,
): Record<string, unknown> | null {
  if (item.kind !== 'cordon' || item.geometry.type !== 'Polygon') return null;
  const { lng, lat } = map.unproject(pixel);
  const position = nearestOnOutline(item.geometry, [lng, lat]).position;
  const onEdge = map.project([position[0]!, position[1]!]);
  if (Math.hypot(onEdge.x - pixel[0], onEdge.y - pixel[1]) > REACH_PX) return null;
  const onHandle = map
    .queryRenderedFeatures(box(pixel, REACH_PX))
    .some(
      (f) =>
        f.geometry.type === 'Point' && (f.layer.id.startsWith('td-') || HANDLE_LAYERS.includes(f.layer.id)),
    );
  if (onHandle) return null;
  return {
    accessPoints: addAccessPoint(accessPointsOf(item.properties), { position, kind: NEW_ACCESS_POINT_KIND }),
  };
}
