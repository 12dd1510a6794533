import { Type, type Static, type TSchema } from 'typebox';

/**
 * RFC 7946 GeoJSON geometries with bounded sizes. These schemas describe the shape for OpenAPI and the
 * request validator; what JSON Schema cannot say (coordinate ranges, closed rings, the vertex total)
 * is checked by `validation/geometry.ts`, and polygon validity by PostGIS.
 */

/** Most positions one geometry may have (all rings together, closing positions included). */
export const MAX_VERTICES = 10_000;
/** Most rings in one polygon (the outer ring and its holes). */
export const MAX_RINGS = 100;

export const PositionSchema = Type.Array(Type.Number(), {
  minItems: 2,
  maxItems: 3,
  description:
    '[longitude, latitude] in WGS84 degrees (RFC 7946: longitude first); an optional third element ' +
    '(altitude) is accepted and dropped',
  examples: [[7.4246, 43.7384]],
});

export const BBoxSchema = Type.Array(Type.Number(), {
  minItems: 4,
  maxItems: 4,
  description: '[west, south, east, north] in WGS84 degrees',
});

// RFC 7946 allows a `bbox` member on any geometry; it is accepted and ignored (recomputed on output).
const geometry = <T extends string, C extends TSchema>(type: T, coordinates: C, description: string) =>
  Type.Object(
    {
      type: Type.Literal(type),
      coordinates,
      bbox: Type.Optional(Type.Array(Type.Number(), { minItems: 4, maxItems: 6 })),
    },
    { additionalProperties: false, title: type, description },
  );

export const PointSchema = geometry('Point', PositionSchema, 'GeoJSON Point');

export const LineStringSchema = geometry(
  'LineString',
  Type.Array(PositionSchema, { minItems: 2, maxItems: MAX_VERTICES }),
  `GeoJSON LineString: 2 to ${MAX_VERTICES} positions, at least two of them distinct`,
);

const LinearRingSchema = Type.Array(PositionSchema, {
  minItems: 4,
  maxItems: MAX_VERTICES,
  description: 'closed ring: at least 4 positions, the last equal to the first',
});

export const PolygonSchema = geometry(
  'Polygon',
  Type.Array(LinearRingSchema, { minItems: 1, maxItems: MAX_RINGS }),
  `GeoJSON Polygon: an outer ring, then up to ${MAX_RINGS - 1} holes; ${MAX_VERTICES} positions at most in all; ` +
    'edges must not cross',
);

export type Point = Static<typeof PointSchema>;
export type LineString = Static<typeof LineStringSchema>;
export type Polygon = Static<typeof PolygonSchema>;
export type Geometry = Point | LineString | Polygon;
export type GeometryType = Geometry['type'];

/** A stored item as a GeoJSON Feature: its uuid, geometry and properties. */
export const FeatureSchema = <G extends TSchema, P extends TSchema>(
  geometrySchema: G,
  properties: P,
  title: string,
) =>
  Type.Object(
    {
      type: Type.Literal('Feature'),
      id: Type.String({ description: 'uuid' }),
      geometry: geometrySchema,
      properties,
    },
    { additionalProperties: false, title },
  );

/** A GeoJSON FeatureCollection of the given Feature schema. */
export const FeatureCollectionSchema = <F extends TSchema>(feature: F, title: string) =>
  Type.Object(
    { type: Type.Literal('FeatureCollection'), features: Type.Array(feature) },
    { additionalProperties: false, title },
  );
