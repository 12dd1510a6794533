/**
 * The map of the open site: the offline basemap, the saved zones and measures, the drawing library
 * (terra-draw) for new shapes and for reshaping the selected one, and the analysis layers from deck.gl
 * through MapLibreOverlay (overlaid on its own canvas; see docs/architecture.md).
 */
import { useEffect, useRef } from 'react';
import type { Layer } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import {
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  type GeoJSONSource,
  type LngLatBoundsLike,
} from 'maplibre-gl';
import './maplibre-setup.js';
import {
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Site } from '../api/types.js';
import type { ItemGeometry } from '../api/types.js';
import type { Position } from 'geojson';
import type { Items } from '../plan/items.js';
import { findItem } from '../plan/items.js';
import { basemapStyle, OSM_ATTRIBUTION } from './basemap-style.js';
import type { DrawTool } from './draw-tools.js';
import { snapToMap } from './snap.js';
import { aimFrom, aimPoint } from './camera-view.js';
import { accessPointAdded, attachHandleDrag } from './handle-drag.js';
import { previewItems } from './handles.js';
import {
  addPlanLayers,
  HANDLE_LAYERS,
  PICKABLE_LAYERS,
  PLAN_SOURCE,
  planFeatures,
  setSiteArea,
} from './plan-layers.js';

declare global {
  interface Window {
    /** The map, for the browser tests and the developer console. */
    bulwarkMap?: MapLibreMap;
  }
}

export interface MapViewProps {
  site: Site;
  items: Items;
  selectedId: string | null;
  tool: DrawTool | null;
  layers: Layer[];
  /** Bounds to show; a new array moves the map. */
  focus: LngLatBoundsLike | null;
  onDrawn(tool: DrawTool, geometry: ItemGeometry): void;
  onReshaped(id: string, geometry: ItemGeometry): void;
  /** A camera's aim handle was dragged: its new bearing and range. */
  onAimed(id: string, aim: { bearingDeg: number; maxRangeM: number }): void;
  onSelect(id: string | null): void;
  /**
   * A handle on the map changed the item's properties (a merge patch): a camera's view widened by an
   * edge, a cordon's access point added or moved. Resolves to whether it was saved.
   */
  onHandleEdit(id: string, properties: Record<string, unknown>): Promise<boolean>;
  /** Set while a tool places a point (the bomb-threat tool): a click gives its position instead of selecting. */
  onPickLocation?: (lonLat: [number, number]) => void;
}

/** Move the whole shape, drag its corners (snapping as when drawing), add corners at midpoints. */
const editFlags = (map: MapLibreMap) => ({
  feature: {
    draggable: true,
    coordinates: {
      draggable: true,
      midpoints: true,
      deletable: true,
      snappable: { toCustom: snapToMap(map) },
    },
  },
});

/** The modes whose features are shapes (select mode adds handles to the store as features too). */
const DRAWN_MODES = new Set(['polygon', 'linestring', 'point']);

/** terra-draw's mode for a stored geometry. */
const modeOf = (geometry: ItemGeometry) =>
  geometry.type === 'Polygon' ? 'polygon' : geometry.type === 'LineString' ? 'linestring' : 'point';

export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const drawRef = useRef<TerraDraw | null>(null);
  const overlayRef = useRef<MapLibreOverlay | null>(null);
  const readyRef = useRef(false);
  /** The selected camera's aim handle in the drawing store. */
  const aimRef = useRef<{ handleId: string; cameraId: string; position: Position } | null>(null);
  /** A handle dragged or dropped and not yet saved: drawn so until the items it was made on change. */
  const previewRef = useRef<{ id: string; patch: Record<string, unknown>; items: Items } | null>(null);
  // Map and drawing events call the latest props, not those of the first render.
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const site = latest.current.site;
    const map = new MapLibreMap({
      container: container.current!,
      style: basemapStyle(
        `${window.location.origin}/tiles/{z}/{x}/{y}.pbf?site=${encodeURIComponent(site.id)}`,
      ),
      bounds: site.bbox,
      fitBoundsOptions: { padding: 40 },
      maxZoom: 21,
      attributionControl: { compact: false, customAttribution: OSM_ATTRIBUTION },
      // The deck.gl canvas is read back for the browser tests' "not blank" check.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    mapRef.current = map;
    window.bulwarkMap = map;
    map.addControl(new NavigationControl({ visualizePitch: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    const overlay = new MapLibreOverlay({ interleaved: false, layers: [] });
    overlayRef.current = overlay;
    map.addControl(overlay);

    map.on('load', () => {
      addPlanLayers(map);
      const draw = new TerraDraw({
        adapter: new TerraDrawMapLibreGLAdapter({ map }),
        modes: [
          new TerraDrawPolygonMode({ snapping: { toCustom: snapToMap(map) } }),
          new TerraDrawLineStringMode({ snapping: { toCustom: snapToMap(map) } }),
          new TerraDrawPointMode(),
          new TerraDrawSelectMode({
            // Delete goes through the plan (server, undo), not straight to the drawing's own store.
            keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
            flags: {
              polygon: editFlags(map),
              linestring: editFlags(map),
              point: { feature: { draggable: true } },
            },
          }),
        ],
      });
      draw.start();
      // Handles above terra-draw's shapes: a press on one drags it (./handle-drag.ts), so it must show.
      for (const id of HANDLE_LAYERS) map.moveLayer(id);
      draw.on('finish', (id, context) => {
        const feature = draw.getSnapshotFeature(id);
        if (!feature) return;
        const geometry = feature.geometry as ItemGeometry;
        if (context.action === 'draw') {
          draw.removeFeatures([id]);
          const tool = latest.current.tool;
          if (tool) latest.current.onDrawn(tool, geometry);
        } else if (id === aimRef.current?.handleId && geometry.type === 'Point') {
          latest.current.onAimed(
            aimRef.current.cameraId,
            aimFrom(aimRef.current.position, geometry.coordinates),
          );
        } else if (typeof id === 'string') {
          latest.current.onReshaped(id, geometry);
        }
      });
      drawRef.current = draw;
      readyRef.current = true;
      syncPlan();
      syncDrawing();
    });

    map.on('click', (event) => {
      if (latest.current.tool) return;
      const pick = latest.current.onPickLocation;
      if (pick) {
        pick([event.lngLat.lng, event.lngLat.lat]);
        return;
      }
      const { x, y } = event.point;
      const { items, selectedId } = latest.current;
      const selected = findItem(items, selectedId);
      const added = selected ? accessPointAdded(map, selected, [x, y]) : null;
      if (selected && added) {
        void latest.current.onHandleEdit(selected.id, added);
        return;
      }
      const hits = map.queryRenderedFeatures(
        [
          [x - 5, y - 5],
          [x + 5, y + 5],
        ],
        { layers: PICKABLE_LAYERS },
      );
      const hit = hits.find((f) => typeof f.properties.itemId === 'string');
      if (hit) {
        latest.current.onSelect(hit.properties.itemId as string);
        return;
      }
      const editing = drawRef.current?.getFeaturesAtLngLat(event.lngLat) ?? [];
      if (editing.length === 0) latest.current.onSelect(null);
    });
    for (const layer of PICKABLE_LAYERS) {
      map.on('mouseenter', layer, () => {
        if (!latest.current.tool && !latest.current.onPickLocation) map.getCanvas().style.cursor = 'pointer';
      });
      map.on('mouseleave', layer, () => {
        map.getCanvas().style.cursor = latest.current.onPickLocation ? 'crosshair' : '';
      });
    }

    const preview = (id: string, patch: Record<string, unknown> | null) => {
      previewRef.current = patch ? { id, patch, items: latest.current.items } : null;
      syncPlan();
    };
    const detachHandles = attachHandleDrag(map, {
      target: () =>
        latest.current.tool ? null : (findItem(latest.current.items, latest.current.selectedId) ?? null),
      onPreview: preview,
      onDrop: (id, patch) => {
        preview(id, patch);
        void latest.current.onHandleEdit(id, patch).then((saved) => {
          if (!saved && previewRef.current?.patch === patch) preview(id, null);
        });
      },
    });

    return () => {
      detachHandles();
      readyRef.current = false;
      drawRef.current?.stop();
      drawRef.current = null;
      overlayRef.current = null;
      if (window.bulwarkMap === map) delete window.bulwarkMap;
      map.remove();
      mapRef.current = null;
    };
    // The map lives as long as the site is open: the parent keys this component by site id.
  }, []);

  /** Saved items on the map, without the one being reshaped. */
  function syncPlan() {
    const map = mapRef.current;
    if (!map || !readyRef.current) return;
    const { items, selectedId, tool, site } = latest.current;
    const preview = previewRef.current;
    const shown = preview?.items === items ? previewItems(items, preview.id, preview.patch) : items;
    map.getSource<GeoJSONSource>(PLAN_SOURCE)?.setData(planFeatures(shown, tool ? null : selectedId));
    setSiteArea(map, site.areaOfInterest);
  }

  /** The drawing library: the active tool's mode, or the selected item under edit handles. */
  function syncDrawing() {
    const draw = drawRef.current;
    if (!draw || !readyRef.current) return;
    const { items, selectedId, tool } = latest.current;
    const selected = tool ? undefined : findItem(items, selectedId);
    // Leaving select mode first clears its vertex handles, which the store holds as features too.
    const mode = tool ? tool.mode : 'select';
    if (draw.getMode() !== mode) draw.setMode(mode);
    const stale = draw
      .getSnapshot()
      .filter((f) => DRAWN_MODES.has(String(f.properties.mode)))
      .filter(
        (f) =>
          !selected ||
          f.id !== selected.id ||
          JSON.stringify(f.geometry.coordinates) !== JSON.stringify(selected.geometry.coordinates),
      )
      .map((f) => f.id)
      .filter((id): id is string | number => id !== undefined);
    if (stale.length > 0) draw.removeFeatures(stale);
    aimRef.current = null;
    if (tool || !selected) return;
    if (!draw.hasFeature(selected.id)) {
      draw.addFeatures([
        {
          type: 'Feature',
          id: selected.id,
          geometry: selected.geometry,
          properties: { mode: modeOf(selected.geometry) },
        },
      ]);
    }
    // A camera is aimed by dragging a handle at the end of its view; the camera itself moves when clicked.
    const aim =
      selected.geometry.type === 'Point'
        ? aimPoint(selected.geometry.coordinates, selected.properties)
        : null;
    if (aim && selected.geometry.type === 'Point') {
      const handleId = crypto.randomUUID();
      // terra-draw refuses coordinates more precise than its coordinatePrecision (9 decimals).
      const coordinates = aim.map((c) => Math.round(c * 1e7) / 1e7);
      const [added] = draw.addFeatures([
        {
          type: 'Feature',
          id: handleId,
          geometry: { type: 'Point', coordinates },
          properties: { mode: 'point' },
        },
      ]);
      if (added?.valid) {
        aimRef.current = { handleId, cameraId: selected.id, position: selected.geometry.coordinates };
        draw.selectFeature(handleId);
        return;
      }
    }
    draw.selectFeature(selected.id);
  }

  useEffect(() => {
    syncPlan();
    syncDrawing();
  }, [props.items, props.selectedId, props.tool, props.site]);

  useEffect(() => {
    overlayRef.current?.setProps({ layers: props.layers });
  }, [props.layers]);

  const picking = props.onPickLocation !== undefined;
  useEffect(() => {
    const canvas = mapRef.current?.getCanvas();
    if (canvas) canvas.style.cursor = picking ? 'crosshair' : '';
  }, [picking]);

  useEffect(() => {
    if (props.focus) mapRef.current?.fitBounds(props.focus, { padding: 80, maxZoom: 18, duration: 600 });
  }, [props.focus]);

  return (
    <div
      ref={container}
      className="map"
      role="application"
      aria-label="Site map. Use the tool buttons or their keys to draw; arrow keys pan, + and − zoom."
      data-testid="map"
    />
  );
}
