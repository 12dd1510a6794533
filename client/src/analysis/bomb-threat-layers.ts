/**
 * deck.gl layers of a bomb-threat scenario: the outdoor and building evacuation rings, the suspect
 * item's location, the cordon points on the outer ring and the assembly-area candidates beyond it.
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type {
  AssemblyArea,
  BombThreatResult,
  CordonPoint,
  EvacuationRing,
  RingName,
} from '../api/threat-types.js';
import type { Rgb } from './speed-scale.js';

/** Magenta and brown: neither is on the speed scale nor among the standoff class colours. */
export const RING_COLOURS: Record<RingName, Rgb> = {
  building: [221, 28, 119],
  outdoor: [140, 81, 10],
};
export const CORDON_COLOURS: Record<CordonPoint['properties']['cordon'], Rgb> = {
  traffic: [20, 20, 20],
  pedestrian: [0, 114, 178],
};
export const ASSEMBLY_COLOUR: Rgb = [26, 152, 80];

const rgba = ([r, g, b]: Rgb, a: number): [number, number, number, number] => [r, g, b, a];

/** Markers: pixel-sized, white-edged so they read on the basemap and on the rings' fill. */
const marker = { radiusUnits: 'pixels', stroked: true, lineWidthUnits: 'pixels', getLineWidth: 2 } as const;

export function bombThreatLayers(
  location: [number, number] | null,
  result: BombThreatResult | null,
): Layer[] {
  const layers: Layer[] = [];
  if (result) {
    // The outdoor ring first, so the smaller building ring is drawn over it.
    const rings = [...result.rings.features].sort((a, b) => b.properties.radiusM - a.properties.radiusM);
    layers.push(
      new GeoJsonLayer<EvacuationRing['properties']>({
        id: 'bomb-rings',
        data: rings,
        filled: true,
        stroked: true,
        getFillColor: (f) =>
          rgba(RING_COLOURS[f.properties.ring], f.properties.ring === 'building' ? 60 : 22),
        getLineColor: (f) => rgba(RING_COLOURS[f.properties.ring], 255),
        getLineWidth: 3,
        lineWidthUnits: 'pixels',
      }),
      new ScatterplotLayer<AssemblyArea>({
        id: 'bomb-assembly-areas',
        data: result.assemblyAreas,
        getPosition: (a) => a.at.coordinates as [number, number],
        getFillColor: rgba(ASSEMBLY_COLOUR, 255),
        getLineColor: [255, 255, 255, 255],
        getRadius: 7,
        ...marker,
      }),
      new ScatterplotLayer<CordonPoint>({
        id: 'bomb-cordon-points',
        data: result.cordonPoints.features,
        getPosition: (c) => c.geometry.coordinates as [number, number],
        getFillColor: (c) => rgba(CORDON_COLOURS[c.properties.cordon], 255),
        getLineColor: [255, 255, 255, 255],
        getRadius: 6,
        ...marker,
      }),
    );
  }
  if (location) {
    layers.push(
      new ScatterplotLayer<[number, number]>({
        id: 'bomb-location',
        data: [location],
        getPosition: (p) => p,
        getFillColor: [255, 255, 255, 255],
        getLineColor: rgba(RING_COLOURS.building, 255),
        getRadius: 7,
        ...marker,
        getLineWidth: 4,
      }),
    );
  }
  return layers;
}
