/** The saved zones and measures (and the site's area) as MapLibre layers over the basemap. */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { ACCESS_POINT_KINDS } from '../plan/access-points.js';
import type { Items } from '../plan/items.js';
import { accessPointIcon, addAccessPointIcons } from './access-point-icons.js';
import { cameraSector } from './camera-view.js';
import { handleFeatures } from './handles.js';

export const PLAN_SOURCE = 'plan';
const AREA_SOURCE = 'site-area';

/** Colours per kind, also used by the toolbar swatches. */
export const KIND_COLOURS: Record<string, string> = {
  zone: '#1f6feb',
  bollard_line: '#111111',
  barrier: '#2b2b2b',
  gate: '#6f42c1',
  chicane: '#0f766e',
  camera: '#b45309',
  cordon: '#475569',
};

const kindColour = [
  'match',
  ['get', 'kind'],
  ...Object.entries(KIND_COLOURS).flat(),
  '#333333',
] as unknown as string;

const LAYERS: LayerSpecification[] = [
  {
    id: 'plan-camera-view',
    type: 'fill',
    source: PLAN_SOURCE,
    filter: ['==', ['get', 'kind'], 'camera_view'],
    paint: {
      'fill-color': KIND_COLOURS.camera!,
      'fill-opacity': 0.15,
      'fill-outline-color': KIND_COLOURS.camera!,
    },
  },
  {
    id: 'plan-zone-fill',
    type: 'fill',
    source: PLAN_SOURCE,
    filter: ['==', ['get', 'kind'], 'zone'],
    paint: { 'fill-color': kindColour, 'fill-opacity': 0.18 },
  },
  {
    id: 'plan-zone-outline',
    type: 'line',
    source: PLAN_SOURCE,
    filter: ['all', ['==', ['geometry-type'], 'Polygon'], ['!=', ['get', 'kind'], 'camera_view']],
    paint: {
      'line-color': kindColour,
      'line-width': ['case', ['==', ['get', 'kind'], 'cordon'], 3, 2],
      // A cordon is a perimeter, not an area: dashed, unfilled.
      'line-dasharray': ['case', ['==', ['get', 'kind'], 'cordon'], ['literal', [3, 2]], ['literal', [1, 0]]],
    },
  },
  {
    id: 'plan-lines-halo',
    type: 'line',
    source: PLAN_SOURCE,
    filter: ['==', ['geometry-type'], 'LineString'],
    layout: { 'line-cap': 'round' },
    paint: { 'line-color': '#ffffff', 'line-width': 8 },
  },
  {
    id: 'plan-lines',
    type: 'line',
    source: PLAN_SOURCE,
    filter: ['==', ['geometry-type'], 'LineString'],
    layout: { 'line-cap': 'round' },
    paint: {
      'line-color': kindColour,
      'line-width': 4,
      // Bollards and open gates read as dotted: vehicles narrower than the gaps pass.
      'line-dasharray': [
        'case',
        ['==', ['get', 'kind'], 'bollard_line'],
        ['literal', [0.5, 0.6]],
        ['all', ['==', ['get', 'kind'], 'gate'], ['==', ['get', 'open'], true]],
        ['literal', [1, 1]],
        ['literal', [1, 0]],
      ],
    },
  },
  {
    id: 'plan-points',
    type: 'circle',
    source: PLAN_SOURCE,
    filter: ['all', ['==', ['geometry-type'], 'Point'], ['!', ['has', 'handle']]],
    paint: {
      'circle-radius': 6,
      'circle-color': kindColour,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  },
  {
    id: 'plan-access-points',
    type: 'symbol',
    source: PLAN_SOURCE,
    filter: ['==', ['get', 'kind'], 'access_point'],
    layout: {
      'icon-image': [
        'match',
        ['get', 'accessKind'],
        ...ACCESS_POINT_KINDS.flatMap((k) => [k, accessPointIcon(k)]),
        accessPointIcon('pedestrian'),
      ] as unknown as string,
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
    },
  },
  {
    id: 'plan-fov-handles',
    type: 'circle',
    source: PLAN_SOURCE,
    filter: ['==', ['get', 'kind'], 'fov_handle'],
    paint: {
      'circle-radius': 6,
      'circle-color': '#ffffff',
      'circle-stroke-color': KIND_COLOURS.camera!,
      'circle-stroke-width': 3,
    },
  },
];

/** The layers of handles a drag edits the selected item by (./handle-drag.ts). */
export const HANDLE_LAYERS = ['plan-access-points', 'plan-fov-handles'];

/** Layers a click can pick an item from (a camera by its position, not its view). */
export const PICKABLE_LAYERS = LAYERS.map((l) => l.id).filter((id) => id !== 'plan-camera-view');

export function addPlanLayers(map: MapLibreMap) {
  map.addSource(AREA_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: 'site-area',
    type: 'line',
    source: AREA_SOURCE,
    paint: { 'line-color': '#57606a', 'line-width': 1.5, 'line-dasharray': [4, 3] },
  });
  map.addSource(PLAN_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  addAccessPointIcons(map);
  for (const layer of LAYERS) map.addLayer(layer);
}

/**
 * The items as map features, cameras with their view, cordons with their access points; the one being
 * edited is left out (the drawing library shows it), but not its camera view and handles.
 */
export function planFeatures(items: Items, editingId: string | null): FeatureCollection {
  const features: Feature[] = [];
  for (const item of items) {
    if (item.id !== editingId) {
      features.push({
        type: 'Feature',
        id: item.id,
        geometry: item.geometry,
        properties: { itemId: item.id, kind: item.kind, open: item.properties.open === true },
      });
    }
    const view =
      item.geometry.type === 'Point' ? cameraSector(item.geometry.coordinates, item.properties) : null;
    if (view)
      features.push({
        type: 'Feature',
        geometry: view,
        properties: { itemId: item.id, kind: 'camera_view' },
      });
    features.push(...handleFeatures(item, item.id === editingId));
  }
  return { type: 'FeatureCollection', features };
}

export function setSiteArea(map: MapLibreMap, area: Polygon | null) {
  map.getSource<GeoJSONSource>(AREA_SOURCE)?.setData({
    type: 'FeatureCollection',
    features: area ? [{ type: 'Feature', geometry: area, properties: {} }] : [],
  });
}
