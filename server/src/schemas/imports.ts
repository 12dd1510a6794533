import { Type } from 'typebox';

const Count = Type.Integer({ minimum: 0 });
const LayerCounts = Type.Object({
  roads: Count,
  paths: Count,
  areas: Count,
  buildings: Count,
  furniture: Count,
});
const KindCounts = Type.Record(Type.String(), Count);

export const ImportCountsSchema = Type.Object({
  features: Count,
  byLayer: LayerCounts,
  byKind: Type.Object(
    { roads: KindCounts, paths: KindCounts, areas: KindCounts, buildings: KindCounts, furniture: KindCounts },
    { description: 'per layer: highway class, area type, building type or barrier type → count' },
  ),
  buildingsFromWays: Count,
  buildingsFromRelations: Count,
  skippedIncomplete: Type.Integer({ minimum: 0, description: 'objects cut off by the extract boundary' }),
  skippedInvalid: Type.Integer({ minimum: 0, description: 'objects with broken geometry in the file' }),
  repaired: Type.Integer({ minimum: 0, description: 'geometries repaired with ST_MakeValid' }),
  dropped: Type.Integer({ minimum: 0, description: 'records without usable geometry' }),
  duplicates: Type.Integer({ minimum: 0, description: 'records repeating an OSM object already stored' }),
  partialWays: Type.Integer({ minimum: 0, description: 'lines cut by the extract boundary, kept in part' }),
  droppedInnerRings: Type.Integer({ minimum: 0, description: 'multipolygon holes outside every outer ring' }),
});

export const ImportSummarySchema = Type.Object({
  sourceId: Type.Integer(),
  name: Type.String(),
  format: Type.Union([
    Type.Literal('pbf'),
    Type.Literal('xml'),
    Type.Literal('xml.gz'),
    Type.Literal('geojson'),
  ]),
  sizeBytes: Count,
  sha256: Type.String(),
  replaced: Type.Boolean({
    description: 'true when an earlier import of the same name or content was replaced',
  }),
  counts: ImportCountsSchema,
  timingsMs: Type.Object({ read: Count, write: Count, total: Count }),
});

export const ImportJobSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    sizeBytes: Count,
    status: Type.Union([
      Type.Literal('queued'),
      Type.Literal('running'),
      Type.Literal('succeeded'),
      Type.Literal('failed'),
    ]),
    phase: Type.Union([Type.Literal('reading'), Type.Literal('writing'), Type.Literal('done'), Type.Null()]),
    progress: Type.Number({ minimum: 0, maximum: 1 }),
    detail: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    summary: Type.Union([ImportSummarySchema, Type.Null()]),
    error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
  },
  { title: 'ImportJob' },
);

export const SourceSchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    format: Type.String(),
    sizeBytes: Count,
    sha256: Type.String(),
    bbox: Type.Union([Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }), Type.Null()]),
    counts: Type.Unknown({ description: 'the import summary counts' }),
    importedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'Source' },
);
