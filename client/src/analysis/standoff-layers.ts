/**
 * deck.gl layers of the standoff analysis: per class the ring at the building evacuation distance around
 * where the vehicle can get, and per zone and class the achieved standoff as the line between the nearest
 * point a vehicle gets to and the zone (a dot when it gets in).
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { StandoffEntry, StandoffResult, StandoffRing } from '../api/threat-types.js';
import type { VehicleClass } from '../api/types.js';
import type { Rgb } from './speed-scale.js';

/** Blues, greens and greys: apart from the yellow-to-purple speed scale drawn with them. */
export const CLASS_COLOURS: Record<VehicleClass, Rgb> = {
  M1: [0, 114, 178],
  N1G: [0, 158, 115],
  N1: [86, 180, 233],
  N2: [0, 60, 110],
  N3D: [110, 110, 110],
  N3F: [20, 20, 20],
};

export interface StandoffLayerOptions {
  result: StandoffResult;
  /** Index into `result.standoff` of the highlighted entry. */
  highlighted: number | null;
}

type Drawn = StandoffEntry & { vehiclePoint: [number, number]; zonePoint: [number, number] };

const isDrawn = (s: StandoffEntry): s is Drawn => s.vehiclePoint !== null && s.zonePoint !== null;

const colour = (c: VehicleClass, alpha: number): [number, number, number, number] => [
  ...CLASS_COLOURS[c],
  alpha,
];

export function standoffLayers({ result, highlighted }: StandoffLayerOptions): Layer[] {
  const pairs = result.standoff.filter(isDrawn);
  const chosen = highlighted === null ? undefined : result.standoff[highlighted];
  return [
    // A faint fill says which side of the outline is inside; the outline carries the class colour.
    new GeoJsonLayer<StandoffRing['properties']>({
      id: 'standoff-rings',
      data: result.rings.features,
      filled: true,
      stroked: true,
      getFillColor: (f) => colour(f.properties.vehicleClass, 14),
      getLineColor: (f) => colour(f.properties.vehicleClass, 230),
      getLineWidth: 2,
      lineWidthUnits: 'pixels',
    }),
    new PathLayer<Drawn>({
      id: 'standoff-lines',
      data: pairs,
      getPath: (s) => [s.vehiclePoint, s.zonePoint],
      getColor: (s) => colour(s.vehicleClass, 255),
      getWidth: (s) => (s === chosen ? 6 : 3),
      widthUnits: 'pixels',
      capRounded: true,
      updateTriggers: { getWidth: highlighted },
    }),
    new ScatterplotLayer<Drawn>({
      id: 'standoff-vehicle-points',
      data: pairs,
      getPosition: (s) => s.vehiclePoint,
      getFillColor: [255, 255, 255, 255],
      getLineColor: (s) => colour(s.vehicleClass, 255),
      getRadius: (s) => (s === chosen ? 8 : 5),
      radiusUnits: 'pixels',
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      updateTriggers: { getRadius: highlighted },
    }),
  ];
}
