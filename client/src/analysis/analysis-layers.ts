/** deck.gl layers of an approach analysis: the speed map under the approach vectors and impact points. */
import type { Layer } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { ApproachVector, SpeedMap, SpeedSegment } from '../api/types.js';
import type { SpeedCell } from './speed-grid-cells.js';
import { speedColour, type Rgb } from './speed-scale.js';

export interface AnalysisLayerOptions {
  vectors: readonly ApproachVector[];
  /** Index into `vectors` of the highlighted one. */
  highlighted: number | null;
  speedMap: SpeedMap | null;
  speedCells: readonly SpeedCell[];
  showSpeedMap: boolean;
}

/** Vectors nothing stops are the residual threat: drawn solid and wide; stopped ones thin and faded. */
const isResidual = (v: ApproachVector) => v.properties.status !== 'stopped';

const withAlpha = ([r, g, b]: Rgb, a: number): [number, number, number, number] => [r, g, b, a];

export function analysisLayers(options: AnalysisLayerOptions): Layer[] {
  const { vectors, highlighted, speedMap, speedCells, showSpeedMap } = options;
  const layers: Layer[] = [];
  if (showSpeedMap && speedCells.length > 0) {
    layers.push(
      new SolidPolygonLayer<SpeedCell>({
        id: 'speed-grid',
        data: speedCells,
        getPolygon: (c) => c.polygon,
        getFillColor: (c) => withAlpha(speedColour(c.speedKmh), 90),
      }),
    );
  }
  if (showSpeedMap && speedMap) {
    layers.push(
      new PathLayer<SpeedSegment>({
        id: 'speed-segments',
        data: speedMap.segments.features,
        getPath: (f) => f.geometry.coordinates as [number, number][],
        getColor: (f) => withAlpha(speedColour(f.properties.speedKmh), 120),
        getWidth: (f) => (f.properties.kind === 'road' ? 5 : 3),
        widthUnits: 'meters',
        widthMinPixels: 2,
        capRounded: true,
      }),
    );
  }
  // Stopped under residual, and the fastest last: what matters most is drawn on top.
  const sorted = [...vectors].sort(
    (a, b) =>
      Number(isResidual(a)) - Number(isResidual(b)) ||
      a.properties.impactSpeedKmh - b.properties.impactSpeedKmh,
  );
  layers.push(
    new PathLayer<ApproachVector>({
      id: 'vector-halo',
      data: sorted,
      getPath: (v) => v.geometry.coordinates as [number, number][],
      getColor: [255, 255, 255, 220],
      getWidth: (v) => (isResidual(v) ? 8 : 4),
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
    }),
    new PathLayer<ApproachVector>({
      id: 'vectors',
      data: sorted,
      getPath: (v) => v.geometry.coordinates as [number, number][],
      getColor: (v) => withAlpha(speedColour(v.properties.impactSpeedKmh), isResidual(v) ? 255 : 110),
      getWidth: (v) => (isResidual(v) ? 5 : 2),
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
    }),
    new ScatterplotLayer<ApproachVector>({
      id: 'impact-points',
      data: sorted,
      getPosition: (v) => v.properties.impactPoint as [number, number],
      getFillColor: (v) => withAlpha(speedColour(v.properties.impactSpeedKmh), isResidual(v) ? 255 : 120),
      getLineColor: (v) => (isResidual(v) ? [20, 20, 20, 255] : [90, 90, 90, 140]),
      getRadius: (v) => (isResidual(v) ? 6 : 4),
      radiusUnits: 'pixels',
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
    }),
  );
  const chosen = highlighted === null ? undefined : vectors[highlighted];
  if (chosen) {
    layers.push(
      new PathLayer<ApproachVector>({
        id: 'vector-highlight',
        data: [chosen],
        getPath: (v) => v.geometry.coordinates as [number, number][],
        getColor: [9, 105, 218, 255],
        getWidth: 11,
        widthUnits: 'pixels',
        capRounded: true,
        jointRounded: true,
      }),
      new PathLayer<ApproachVector>({
        id: 'vector-highlight-core',
        data: [chosen],
        getPath: (v) => v.geometry.coordinates as [number, number][],
        getColor: withAlpha(speedColour(chosen.properties.impactSpeedKmh), 255),
        getWidth: 5,
        widthUnits: 'pixels',
        capRounded: true,
        jointRounded: true,
      }),
      new ScatterplotLayer<ApproachVector>({
        id: 'impact-highlight',
        data: [chosen],
        getPosition: (v) => v.properties.impactPoint as [number, number],
        getFillColor: [255, 255, 255, 255],
        getLineColor: [9, 105, 218, 255],
        getRadius: 9,
        radiusUnits: 'pixels',
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 4,
      }),
    );
  }
  return layers;
}
