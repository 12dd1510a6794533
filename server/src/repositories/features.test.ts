import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { box, line, point, record } from '../../test/helpers/feature-records.js';
import { createTestDb, type TestDb } from '../../test/helpers/test-db.js';
import type { FeatureRecord } from '../import/feature-record.js';
import {
  FEATURE_BATCH_SIZE,
  finishSource,
  geometryUsable,
  replaceSourceFeatures,
  upsertSource,
  type ReplaceProgress,
  type SourceInput,
} from './features.js';

const explicit = { nameIsExplicit: true };
const source = (name: string, sha256: string): SourceInput => ({
  name,
  sha256,
  format: 'pbf',
  sizeBytes: 1234,
});

// A building whose outline touches itself at (1, 1): a bow-tie OSM mappers draw by accident.
const bowTie = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [7, 45],
      [7.002, 45],
      [7.001, 45.001],
      [7.002, 45.002],
      [7, 45.002],
      [7.001, 45.001],
      [7, 45],
    ],
  ],
};

describe('feature store writer', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  const count = async (sourceId: number) =>
    (
      await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM features WHERE source_id = $1', [
        sourceId,
      ])
    ).rows[0]?.n;

  it('replaces by explicit name, else by content; a taken default name gets a number', async () => {
    const upsert = (name: string, sha: string, nameIsExplicit = false) =>
      t.db.transaction((tx) => upsertSource(tx, source(name, sha), { nameIsExplicit }));
    const first = await upsert('monaco.osm.pbf', 'aaa');
    expect(first).toEqual({ id: first.id, name: 'monaco.osm.pbf', replaced: false });
    // same content under another default name: the same data set, its name kept
    expect(await upsert('monaco-copy.osm.pbf', 'aaa')).toEqual({ ...first, replaced: true });
    // another file under the same default name (every openstreetmap.org export is map.osm): a new data set
    const second = await upsert('monaco.osm.pbf', 'bbb');
    expect(second).toMatchObject({ name: 'monaco.osm.pbf (2)', replaced: false });
    expect(await upsert('monaco.osm.pbf', 'ccc')).toMatchObject({ name: 'monaco.osm.pbf (3)' });
    // an explicit name replaces the data set of that name
    expect(await upsert('monaco.osm.pbf', 'ddd', true)).toEqual({
      id: first.id,
      name: 'monaco.osm.pbf',
      replaced: true,
    });
    const { rows } = await t.db.query('SELECT id, name, sha256 FROM osm_sources ORDER BY id');
    expect(rows).toEqual([
      { id: first.id, name: 'monaco.osm.pbf', sha256: 'ddd' },
      { id: second.id, name: 'monaco.osm.pbf (2)', sha256: 'bbb' },
      { id: expect.any(Number), name: 'monaco.osm.pbf (3)', sha256: 'ccc' },
    ]);
  });

  it('stores every typed column and the geometry as given', async () => {
    const sourceId = await t.db.transaction((tx) =>
      upsertSource(tx, source('columns', 'columns'), explicit).then((s) => s.id),
    );
    const road = record('roads', 'primary', line([7.0, 45.0], [7.001, 45.0005]), {
      osmType: 'way',
      osmId: 4242,
      name: 'Rue Test',
      tags: { highway: 'primary', lanes: '2' },
      widthM: 7,
      widthSource: 'lanes',
      lanes: 2,
      oneway: true,
      zLayer: 1,
      bridge: true,
      heightM: null,
      levels: null,
    });
    const result = await t.db.transaction((tx) => replaceSourceFeatures(tx, sourceId, [road]));
    expect(result).toEqual({ stored: 1, repaired: 0, dropped: 0, duplicates: 0 });
    const { rows } = await t.db.query(
      `SELECT osm_type, osm_id, layer, kind, name, tags, width_m, width_source, lanes, oneway, z_layer, bridge, tunnel,
         height_m, levels, ST_AsText(geom) AS wkt, ST_SRID(geom) AS srid FROM features WHERE source_id = $1`,
      [sourceId],
    );
    expect(rows).toEqual([
      {
        osm_type: 'way',
        osm_id: 4242,
        layer: 'roads',
        kind: 'primary',
        name: 'Rue Test',
        tags: { highway: 'primary', lanes: '2' },
        width_m: 7,
        width_source: 'lanes',
        lanes: 2,
        oneway: true,
        z_layer: 1,
        bridge: true,
        tunnel: false,
        height_m: null,
        levels: null,
        wkt: 'LINESTRING(7 45,7.001 45.0005)',
        srid: 4326,
      },
    ]);
  });

  it('repairs invalid geometries, drops unusable ones and keeps the first of duplicates', async () => {
    const sourceId = await t.db.transaction((tx) =>
      upsertSource(tx, source('repairs', 'repairs'), explicit).then((s) => s.id),
    );
    const good = record('buildings', 'yes', box(7.01, 45.01, 7.0102, 45.0101), { heightM: 12.5, levels: 4 });
    const records: FeatureRecord[] = [
      good,
      record('buildings', 'yes', bowTie),
      // Three points in a row: PostGIS reads it, but repairing leaves no area.
      record('areas', 'grass', {
        type: 'Polygon',
        coordinates: [
          [
            [7, 45],
            [7.001, 45],
            [7.002, 45],
            [7, 45],
          ],
        ],
      }),
      // A road of one repeated point: repairs to a point, which is not a road.
      record('roads', 'service', line([7, 45], [7, 45])),
      record('furniture', 'bollard', point(Number.NaN, 45)),
      record('furniture', 'bollard', point(7, 91)),
      record('paths', 'footway', line([7, 45])),
      { ...good, kind: 'duplicate' },
    ];
    const result = await t.db.transaction((tx) => replaceSourceFeatures(tx, sourceId, records));
    expect(result).toEqual({ stored: 2, repaired: 1, dropped: 5, duplicates: 1 });

    const { rows } = await t.db.query<{
      kind: string;
      type: string;
      valid: boolean;
      area: number;
      expected: number;
    }>(
      `SELECT kind, ST_GeometryType(geom) AS type, ST_IsValid(geom) AS valid, ST_Area(geom) AS area,
         ST_Area(ST_MakeValid(ST_GeomFromGeoJSON($2))) AS expected
       FROM features WHERE source_id = $1 ORDER BY id`,
      [sourceId, JSON.stringify(bowTie)],
    );
    expect(rows.map((r) => [r.kind, r.type, r.valid])).toEqual([
      ['yes', 'ST_Polygon', true],
      ['yes', 'ST_MultiPolygon', true],
    ]);
    // The repaired building keeps both triangles of the bow-tie: 2 × ½ × 0.002° × 0.001°.
    expect(rows[1]?.area).toBeCloseTo(2e-6, 12);
    expect(rows[1]?.area).toBeCloseTo(rows[1]?.expected ?? 0, 15);
  });

  it('replaces a source’s features in batches, reporting progress, and leaves other sources alone', async () => {
    const [a, b] = await t.db.transaction(async (tx) => [
      await upsertSource(tx, source('batches-a', 'batches-a'), explicit).then((s) => s.id),
      await upsertSource(tx, source('batches-b', 'batches-b'), explicit).then((s) => s.id),
    ]);
    await t.db.transaction((tx) =>
      replaceSourceFeatures(tx, b!, [record('furniture', 'bollard', point(7.1, 45.1))]),
    );

    const n = 2 * FEATURE_BATCH_SIZE + 500;
    async function* many() {
      for (let i = 0; i < n; i++) yield record('furniture', 'bollard', point(7 + i * 1e-5, 45));
    }
    const progress: ReplaceProgress[] = [];
    const result = await t.db.transaction((tx) =>
      replaceSourceFeatures(tx, a!, many(), (p) => progress.push(p)),
    );
    expect(result.stored).toBe(n);
    expect(progress).toEqual([
      { processed: 1000, stored: 1000 },
      { processed: 2000, stored: 2000 },
      { processed: 2500, stored: 2500 },
    ]);
    expect(await count(a!)).toBe(n);

    const again = await t.db.transaction((tx) =>
      replaceSourceFeatures(tx, a!, [record('roads', 'primary', line([7, 45], [7.1, 45]))]),
    );
    expect(again.stored).toBe(1);
    expect(await count(a!)).toBe(1);
    expect(await count(b!)).toBe(1);
  });

  it('leaves the previous features in place when an import fails part-way', async () => {
    const sourceId = await t.db.transaction((tx) =>
      upsertSource(tx, source('rollback', 'rollback'), explicit).then((s) => s.id),
    );
    await t.db.transaction((tx) =>
      replaceSourceFeatures(tx, sourceId, [record('furniture', 'gate', point(7, 45))]),
    );
    async function* failing() {
      for (let i = 0; i < FEATURE_BATCH_SIZE + 1; i++) yield record('furniture', 'bollard', point(7, 45));
      throw new Error('the file ends in the middle of a block');
    }
    await expect(t.db.transaction((tx) => replaceSourceFeatures(tx, sourceId, failing()))).rejects.toThrow(
      'ends in the middle',
    );
    const { rows } = await t.db.query('SELECT kind FROM features WHERE source_id = $1', [sourceId]);
    expect(rows).toEqual([{ kind: 'gate' }]);
  });

  it('writes counts, the extent (given or computed from the features) and a new import time', async () => {
    const sourceId = await t.db.transaction((tx) =>
      upsertSource(tx, source('finish', 'finish'), explicit).then((s) => s.id),
    );
    await t.db.transaction((tx) =>
      replaceSourceFeatures(tx, sourceId, [
        record('roads', 'primary', line([7.0, 45.0], [7.01, 45.02])),
        record('furniture', 'bollard', point(6.99, 45.005)),
      ]),
    );
    const read = async () =>
      (
        await t.db.query<{ counts: unknown; bbox: string; at: string }>(
          'SELECT counts, ST_AsText(bbox) AS bbox, imported_at::text AS at FROM osm_sources WHERE id = $1',
          [sourceId],
        )
      ).rows[0]!;
    const before = await read();
    await t.db.transaction((tx) => finishSource(tx, sourceId, { roads: 1, furniture: 1 }, null));
    const computed = await read();
    expect(computed.counts).toEqual({ roads: 1, furniture: 1 });
    expect(computed.bbox).toBe('POLYGON((6.99 45,6.99 45.02,7.01 45.02,7.01 45,6.99 45))');
    expect(computed.at > before.at).toBe(true);

    await t.db.transaction((tx) => finishSource(tx, sourceId, {}, [7.4092, 43.7234, 7.4486, 43.7517]));
    expect((await read()).bbox).toBe(
      'POLYGON((7.4092 43.7234,7.4092 43.7517,7.4486 43.7517,7.4486 43.7234,7.4092 43.7234))',
    );
    await expect(t.db.transaction((tx) => finishSource(tx, 999_999, {}, null))).rejects.toThrow(
      'does not exist',
    );
  });
});

describe('geometryUsable', () => {
  it('accepts readable geometries and refuses missing, non-finite, out-of-range or too short ones', () => {
    expect(geometryUsable(point(7, 45))).toBe(true);
    expect(geometryUsable(box(0, 0, 1, 1))).toBe(true);
    expect(
      geometryUsable({
        type: 'MultiLineString',
        coordinates: [
          [
            [0, 0],
            [1, 1],
          ],
        ],
      }),
    ).toBe(true);
    expect(geometryUsable({ type: 'GeometryCollection', geometries: [point(1, 1)] })).toBe(true);
    expect(geometryUsable(null)).toBe(false);
    expect(geometryUsable(point(Infinity, 0))).toBe(false);
    expect(geometryUsable(point(181, 0))).toBe(false);
    expect(geometryUsable(line([0, 0]))).toBe(false);
    expect(
      geometryUsable({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      }),
    ).toBe(false);
    expect(geometryUsable({ type: 'MultiPolygon', coordinates: [] })).toBe(false);
  });
});
