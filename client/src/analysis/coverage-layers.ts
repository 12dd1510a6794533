/**
 * deck.gl layers of the CCTV coverage analysis. Areas go under the approach vectors: each camera's view in
 * detail-level bands, the outline of what is seen at the chosen level, the suggested privacy masks, and
 * the blind spots (zone area hatched, zone edge dashed). Markers go over them: each vector's scored tail
 * (solid if all of it is seen, dashed black if not) and rings round impact and access points, seen or not.
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { MultiLineString, MultiPolygon, Position } from 'geojson';
import type { AccessPointCoverage, CoverageResult, VectorTail } from '../api/coverage-types.js';
import { dashes, hatchLines } from './coverage-geometry.js';
import { DETAIL_BANDS, NOT_SEEN_COLOUR, PRIVACY_COLOUR, SEEN_COLOUR, detailBand } from './coverage-scale.js';
import type { Rgb } from './speed-scale.js';

const rgba = ([r, g, b]: Rgb, a: number): [number, number, number, number] => [r, g, b, a];
const WHITE: [number, number, number, number] = [255, 255, 255, 230];
// Alphas are high: the overlaid deck.gl canvas is composited with its alpha applied twice (0.7 shows as
// about 0.5 over the map).
const levelOrder = (level: string) => DETAIL_BANDS.findIndex((b) => b.level === level);

/** Hatch spacing and dash pattern, metres: a few pixels apart at the zoom a venue is planned at. */
const HATCH_M = 4;
const DASH_M = 4;
const GAP_M = 3;

/** A vector's tail counts as seen when all of it is (the share is rounded on the server). */
export const tailSeen = (tail: VectorTail) => tail.properties.share >= 0.999;

export function coverageAreaLayers(result: CoverageResult): Layer[] {
  // Lower levels first: where views overlap, the better detail is drawn on top.
  const bands = [...result.bands.features].sort(
    (a, b) => levelOrder(a.properties.level) - levelOrder(b.properties.level),
  );
  const blindAreas = result.blindSpots.features.filter((f) => f.properties.part === 'area');
  const hatch = blindAreas.flatMap((f) =>
    (f.geometry as MultiPolygon).coordinates.flatMap((polygon) => hatchLines(polygon, HATCH_M)),
  );
  const blindEdges = result.blindSpots.features
    .filter((f) => f.properties.part === 'perimeter')
    .flatMap((f) => (f.geometry as MultiLineString).coordinates);
  return [
    new GeoJsonLayer({
      id: 'coverage-bands',
      data: bands,
      filled: true,
      stroked: false,
      getFillColor: (f) => rgba(detailBand(f.properties.level).colour, 180),
    }),
    new GeoJsonLayer({
      id: 'coverage-privacy',
      data: result.privacy.features,
      filled: true,
      stroked: true,
      getFillColor: rgba(PRIVACY_COLOUR, 200),
      getLineColor: WHITE,
      getLineWidth: 1.5,
      lineWidthUnits: 'pixels',
    }),
    new PathLayer<Position[]>({
      id: 'coverage-blind-hatch',
      data: hatch,
      getPath: (p) => p as [number, number][],
      getColor: rgba(NOT_SEEN_COLOUR, 220),
      getWidth: 1.5,
      widthUnits: 'pixels',
    }),
    new PathLayer<Position[]>({
      id: 'coverage-blind-edge-halo',
      data: blindEdges,
      getPath: (p) => p as [number, number][],
      getColor: WHITE,
      getWidth: 7,
      widthUnits: 'pixels',
    }),
    new PathLayer<Position[]>({
      id: 'coverage-blind-edge',
      data: blindEdges.flatMap((line) => dashes(line, DASH_M, GAP_M)),
      getPath: (p) => p as [number, number][],
      getColor: rgba(NOT_SEEN_COLOUR, 255),
      getWidth: 4,
      widthUnits: 'pixels',
    }),
    new GeoJsonLayer({
      id: 'coverage-outline',
      data: result.coverage.features,
      filled: false,
      stroked: true,
      getLineColor: rgba(SEEN_COLOUR, 255),
      getLineWidth: 2,
      lineWidthUnits: 'pixels',
    }),
  ];
}

const ring = (id: string, radius: number) =>
  ({
    id,
    radiusUnits: 'pixels',
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    getRadius: radius,
  }) as const;

export function coverageMarkerLayers(result: CoverageResult): Layer[] {
  const tails = result.vectors.features;
  const unseen = tails.filter((t) => !tailSeen(t));
  type Point = { position: Position; seen: boolean };
  const points: Point[] = [
    ...tails.map((t) => ({ position: t.properties.impactPoint, seen: t.properties.impactSeen })),
    ...result.accessPoints.map((a: AccessPointCoverage) => ({ position: a.position, seen: a.seen })),
  ];
  return [
    new PathLayer<VectorTail>({
      id: 'coverage-tails-seen',
      data: tails.filter(tailSeen),
      getPath: (t) => t.geometry.coordinates as [number, number][],
      getColor: rgba(SEEN_COLOUR, 255),
      getWidth: 2.5,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
    }),
    new PathLayer<Position[]>({
      id: 'coverage-tails-unseen',
      data: unseen.flatMap((t) => dashes(t.geometry.coordinates, DASH_M, GAP_M)),
      getPath: (p) => p as [number, number][],
      getColor: rgba(NOT_SEEN_COLOUR, 255),
      getWidth: 2.5,
      widthUnits: 'pixels',
    }),
    new ScatterplotLayer<Point>({
      ...ring('coverage-rings-halo', 12),
      data: points,
      getPosition: (p) => p.position as [number, number],
      getLineColor: WHITE,
      getLineWidth: 6,
    }),
    new ScatterplotLayer<Point>({
      ...ring('coverage-rings', 12),
      data: points,
      getPosition: (p) => p.position as [number, number],
      getLineColor: (p) => rgba(p.seen ? SEEN_COLOUR : NOT_SEEN_COLOUR, 255),
      getLineWidth: 3,
    }),
  ];
}
