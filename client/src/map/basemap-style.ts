/**
 * The basemap: a MapLibre style over the server's own vector tiles (layers roads, paths, areas,
 * buildings, furniture; property `kind` = the OSM class), so the map works offline. Muted colours:
 * the analysis colours drawn over it must stand out. No labels: text needs a glyph server.
 */
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

/** Tiles above this zoom are drawn from this zoom's data (fewer requests; the data is metric anyway). */
const SOURCE_MAX_ZOOM = 17;

const byRoadClass = (values: Record<string, number>, fallback: number): ExpressionSpecification =>
  [
    'match',
    ['get', 'kind'],
    ...Object.entries(values).flatMap(([kind, value]) => [kind, value]),
    fallback,
  ] as unknown as ExpressionSpecification;

/** Carriageway width in pixels at zoom 16, about right for the class's width in metres at 51° N. */
const ROAD_WIDTH_Z16: Record<string, number> = {
  motorway: 12,
  trunk: 11,
  primary: 10,
  secondary: 9,
  tertiary: 8,
  residential: 6,
  unclassified: 6,
  living_street: 5,
  service: 4,
  track: 3,
};

/** Doubling per zoom level above 16 keeps streets at their width on the ground. */
const roadWidth = (extraPx: number): ExpressionSpecification => [
  'interpolate',
  ['exponential', 2],
  ['zoom'],
  12,
  ['+', ['/', byRoadClass(ROAD_WIDTH_Z16, 6), 8], extraPx / 2],
  16,
  ['+', byRoadClass(ROAD_WIDTH_Z16, 6), extraPx],
  21,
  ['+', ['*', byRoadClass(ROAD_WIDTH_Z16, 6), 32], extraPx * 2],
];

const ROAD_FILL: ExpressionSpecification = [
  'match',
  ['get', 'kind'],
  ['motorway', 'trunk', 'motorway_link', 'trunk_link'],
  '#f4c78a',
  ['primary', 'primary_link'],
  '#f7d9a4',
  ['secondary', 'secondary_link'],
  '#f9e8bf',
  '#ffffff',
];

const AREA_FILL: ExpressionSpecification = [
  'match',
  ['get', 'kind'],
  'water',
  '#aad3df',
  ['park', 'grass', 'garden', 'meadow', 'recreation_ground', 'village_green', 'wood', 'forest', 'scrub'],
  '#d4e9c4',
  ['pitch', 'playground', 'sports_centre'],
  '#c6e3c0',
  'parking',
  '#e6e2dc',
  ['pedestrian', 'square', 'marketplace', 'footway'],
  '#f3eee6',
  '#ebe7e0',
];

export function basemapStyle(tileUrl: string): StyleSpecification {
  return {
    version: 8,
    sources: {
      osm: {
        type: 'vector',
        tiles: [tileUrl],
        minzoom: 8,
        maxzoom: SOURCE_MAX_ZOOM,
        attribution: OSM_ATTRIBUTION,
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#ece8e1' } },
      {
        id: 'areas',
        type: 'fill',
        source: 'osm',
        'source-layer': 'areas',
        paint: { 'fill-color': AREA_FILL, 'fill-outline-color': '#d8d2c8' },
      },
      {
        id: 'paths',
        type: 'line',
        source: 'osm',
        'source-layer': 'paths',
        filter: ['!=', ['get', 'kind'], 'steps'],
        paint: {
          'line-color': '#b09c8a',
          'line-width': ['interpolate', ['linear'], ['zoom'], 14, 0.6, 18, 1.6, 21, 3],
          'line-dasharray': [2, 1.5],
        },
      },
      {
        id: 'steps',
        type: 'line',
        source: 'osm',
        'source-layer': 'paths',
        filter: ['==', ['get', 'kind'], 'steps'],
        paint: { 'line-color': '#8f7f70', 'line-width': 3, 'line-dasharray': [0.4, 0.4] },
      },
      {
        id: 'roads-casing',
        type: 'line',
        source: 'osm',
        'source-layer': 'roads',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#a99d8f', 'line-width': roadWidth(2) },
      },
      {
        id: 'roads',
        type: 'line',
        source: 'osm',
        'source-layer': 'roads',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': ROAD_FILL, 'line-width': roadWidth(0) },
      },
      {
        id: 'buildings',
        type: 'fill',
        source: 'osm',
        'source-layer': 'buildings',
        minzoom: 13,
        paint: { 'fill-color': '#d9d0c7', 'fill-outline-color': '#b8aca0' },
      },
      {
        id: 'furniture-lines',
        type: 'line',
        source: 'osm',
        'source-layer': 'furniture',
        filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': '#7a6f66', 'line-width': 1.5 },
      },
      {
        id: 'furniture-points',
        type: 'circle',
        source: 'osm',
        'source-layer': 'furniture',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 16, 1.5, 20, 4],
          'circle-color': '#7a6f66',
        },
      },
    ],
  };
}
