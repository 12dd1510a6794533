import { Type } from 'typebox';
import { OSM_ATTRIBUTION } from '../attribution.js';
import { FEATURE_LAYERS } from '../import/feature-record.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const FeatureLayerSchema = Type.Enum([...FEATURE_LAYERS], {
  description:
    'roads (motor traffic), paths (foot/cycle), areas (squares, parking, grass…), buildings, furniture',
});

/** Properties of one imported feature as the API returns it. */
export const ImportedFeatureProperties = Type.Object({
  id: Type.Integer(),
  sourceId: Type.Integer({ description: 'the import this feature comes from' }),
  osmType: Type.Enum(['node', 'way', 'relation']),
  osmId: Type.Integer(),
  layer: FeatureLayerSchema,
  kind: Type.String({ description: 'highway class, area type, building type or barrier type' }),
  name: Nullable(Type.String()),
  widthM: Nullable(Type.Number({ description: 'estimated carriageway or path width, metres' })),
  widthSource: Nullable(Type.Enum(['tag', 'lanes', 'default'])),
  lanes: Nullable(Type.Integer()),
  oneway: Nullable(Type.Boolean()),
  zLayer: Type.Integer({ description: 'OSM layer (grade separation), 0 when absent' }),
  bridge: Type.Boolean(),
  tunnel: Type.Boolean(),
  heightM: Nullable(Type.Number({ description: 'building height, metres' })),
  levels: Nullable(Type.Number()),
  tags: Type.Record(Type.String(), Type.String(), { description: 'the OSM tags kept by the import' }),
});

export const ImportedFeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  attribution: Type.Literal(OSM_ATTRIBUTION),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.Integer(),
      geometry: Type.Object(
        { type: Type.String() },
        { additionalProperties: true, description: 'GeoJSON geometry, WGS84' },
      ),
      properties: ImportedFeatureProperties,
    }),
  ),
});
