/**
 * Snapping while drawing: the nearest corner, else the nearest point on an edge, of the streets,
 * buildings, areas and saved items under the pointer, within a few pixels. Worked in screen pixels so
 * the pull feels the same at every zoom.
 */
import type { Geometry, Position } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { SnapToCustom } from 'terra-draw';

export type Pixel = [number, number];

export const SNAP_RADIUS_PX = 8;

/** The basemap and plan layers worth snapping to. */
const SNAP_LAYERS = [
  'roads',
  'paths',
  'areas',
  'buildings',
  'furniture-lines',
  'furniture-points',
  'plan-zone-outline',
  'plan-lines',
  'plan-points',
];

/** The nearest corner within `radius`, else the nearest point on a segment within it, else null. */
export function nearestSnap(
  point: Pixel,
  lines: readonly (readonly Pixel[])[],
  radius: number,
): Pixel | null {
  let corner: Pixel | null = null;
  let cornerDistance = radius;
  let edge: Pixel | null = null;
  let edgeDistance = radius;
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) {
      const a = line[i]!;
      const d = Math.hypot(a[0] - point[0], a[1] - point[1]);
      if (d <= cornerDistance) {
        corner = a;
        cornerDistance = d;
      }
      const b = line[i + 1];
      if (!b) continue;
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const lengthSquared = dx * dx + dy * dy;
      const t =
        lengthSquared === 0
          ? 0
          : Math.max(0, Math.min(1, ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / lengthSquared));
      const onSegment: Pixel = [a[0] + t * dx, a[1] + t * dy];
      const e = Math.hypot(onSegment[0] - point[0], onSegment[1] - point[1]);
      if (e <= edgeDistance) {
        edge = onSegment;
        edgeDistance = e;
      }
    }
  }
  return corner ?? edge;
}

/** A geometry's lines (rings of polygons, points as one-point lines). */
function linesOf(geometry: Geometry): Position[][] {
  switch (geometry.type) {
    case 'Point':
      return [[geometry.coordinates]];
    case 'MultiPoint':
      return geometry.coordinates.map((p) => [p]);
    case 'LineString':
      return [geometry.coordinates];
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates;
    case 'MultiPolygon':
      return geometry.coordinates.flat();
    case 'GeometryCollection':
      return geometry.geometries.flatMap(linesOf);
  }
}

/** terra-draw's custom snapping over what the map shows; hold Alt to place a point freely. */
export function snapToMap(map: MapLibreMap): SnapToCustom {
  return (event) => {
    if (event.heldKeys.includes('Alt')) return undefined;
    const point: Pixel = [event.containerX, event.containerY];
    const layers = SNAP_LAYERS.filter((id) => map.getLayer(id) !== undefined);
    const features = map.queryRenderedFeatures(
      [
        [point[0] - SNAP_RADIUS_PX, point[1] - SNAP_RADIUS_PX],
        [point[0] + SNAP_RADIUS_PX, point[1] + SNAP_RADIUS_PX],
      ],
      { layers },
    );
    const lines = features.flatMap((f) =>
      linesOf(f.geometry).map((line) =>
        line.map((p) => {
          const { x, y } = map.project([p[0]!, p[1]!]);
          return [x, y] as Pixel;
        }),
      ),
    );
    const snapped = nearestSnap(point, lines, SNAP_RADIUS_PX);
    if (!snapped) return undefined;
    const { lng, lat } = map.unproject(snapped);
    return [lng, lat];
  };
}
