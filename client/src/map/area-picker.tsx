/** A small map to draw a new site's area of interest on, over the chosen imported data set. */
import { useEffect, useRef } from 'react';
import { Map as MapLibreMap, NavigationControl } from 'maplibre-gl';
import type { Polygon } from 'geojson';
import { TerraDraw, TerraDrawPolygonMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { BBox } from '../api/types.js';
import { basemapStyle, OSM_ATTRIBUTION } from './basemap-style.js';
import './maplibre-setup.js';

export interface AreaPickerProps {
  sourceId: number;
  bbox: BBox;
  /** Called with each finished outline; a new outline replaces the previous one. */
  onArea(area: Polygon): void;
}

export function AreaPicker({ sourceId, bbox, onArea }: AreaPickerProps) {
  const container = useRef<HTMLDivElement>(null);
  const onAreaRef = useRef(onArea);
  onAreaRef.current = onArea;

  useEffect(() => {
    const map = new MapLibreMap({
      container: container.current!,
      style: basemapStyle(`${window.location.origin}/tiles/{z}/{x}/{y}.pbf?source=${sourceId}`),
      bounds: bbox,
      fitBoundsOptions: { padding: 20 },
      attributionControl: { compact: false, customAttribution: OSM_ATTRIBUTION },
    });
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    let draw: TerraDraw | null = null;
    map.on('load', () => {
      draw = new TerraDraw({
        adapter: new TerraDrawMapLibreGLAdapter({ map }),
        modes: [new TerraDrawPolygonMode()],
      });
      draw.start();
      draw.setMode('polygon');
      draw.on('finish', (id, context) => {
        if (context.action !== 'draw' || !draw) return;
        const feature = draw.getSnapshotFeature(id);
        const others = draw
          .getSnapshot()
          .map((f) => f.id)
          .filter((other): other is string | number => other !== undefined && other !== id);
        if (others.length > 0) draw.removeFeatures(others);
        if (feature?.geometry.type === 'Polygon') onAreaRef.current(feature.geometry);
      });
    });
    return () => {
      draw?.stop();
      map.remove();
    };
  }, [sourceId, bbox]);

  return (
    <div
      ref={container}
      className="area-picker"
      role="application"
      aria-label="Draw the site's area: click its corners, then click the first corner or press Enter."
    />
  );
}
