import type { Polygon } from 'geojson';
import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../src/db/db.js';
import type { FeatureRecord } from '../src/import/feature-record.js';
import { finishSource, replaceSourceFeatures } from '../src/repositories/features.js';
import { box, importRecords, line, point, record } from './helpers/feature-records.js';
import { createTestApp, type TestApp } from './helpers/test-db.js';

// A made-up neighbourhood around 7.0 E, 45.0 N: a street grid, footways, squares, buildings and bollards,
// spread over about 800 m × 900 m so that it spans several z16 tiles. Deterministic (seeded).
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function neighbourhood(): FeatureRecord[] {
  const rand = seeded(42);
  const records: FeatureRecord[] = [];
  for (let i = 0; i <= 8; i++) {
    const lat = 44.996 + i * 0.001;
    records.push(
      record('roads', i % 3 === 0 ? 'primary' : 'residential', line([6.995, lat], [7.005, lat]), {
        name: `Street ${i}`,
      }),
    );
    const lon = 6.995 + i * 0.00125;
    records.push(
      record('roads', 'service', line([lon, 44.996], [lon, 45.004]), {
        bridge: i === 4,
        zLayer: i === 4 ? 1 : 0,
      }),
    );
  }
  for (let i = 0; i < 40; i++) {
    const lon = 6.995 + rand() * 0.01;
    const lat = 44.996 + rand() * 0.008;
    records.push(
      record('paths', 'footway', line([lon, lat], [lon + 0.0004, lat + 0.0003], [lon + 0.0008, lat])),
    );
  }
  for (let i = 0; i < 250; i++) {
    const w = 6.995 + rand() * 0.0098;
    const s = 44.996 + rand() * 0.0078;
    records.push(
      record('buildings', 'yes', box(w, s, w + 0.0001 + rand() * 0.0002, s + 0.0001 + rand() * 0.0001), {
        heightM: 6 + Math.round(rand() * 30),
      }),
    );
  }
  for (let i = 0; i < 6; i++) {
    const w = 6.996 + rand() * 0.008;
    const s = 44.997 + rand() * 0.006;
    records.push(record('areas', i % 2 ? 'grass' : 'parking', box(w, s, w + 0.0006, s + 0.0004)));
  }
  // One park larger than a tile: it must be cut to each tile.
  records.push(record('areas', 'park', box(6.9955, 44.9965, 7.0045, 45.0035), { name: 'Big Park' }));
  for (let i = 0; i < 60; i++)
    records.push(record('furniture', 'bollard', point(6.995 + rand() * 0.01, 44.996 + rand() * 0.008)));
  return records;
}

/** The z/x/y of the Web Mercator tile holding a lon/lat (the standard slippy-map formula). */
function tileOf(lon: number, lat: number, z: number): [number, number, number] {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return [
    z,
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n),
  ];
}

async function insertSite(
  db: Queryable,
  name: string,
  aoi: Polygon,
  sourceId: number | null,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO sites (name, area_of_interest, source_id) VALUES ($1, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326), $3) RETURNING id',
    [name, JSON.stringify(aoi), sourceId],
  );
  return rows[0]!.id;
}

const AOI = box(6.9985, 44.9985, 7.0015, 45.0015) as Polygon;

describe('basemap data', () => {
  let t: TestApp;
  let main: number;
  let other: number;
  let siteOnMain: string;
  let siteOnAll: string;

  beforeAll(async () => {
    t = await createTestApp();
    main = (await importRecords(t.db, 'neighbourhood', neighbourhood())).sourceId;
    // A second import overlapping the first: a newer survey of two buildings.
    other = (
      await importRecords(t.db, 'survey', [
        record('buildings', 'church', box(6.9995, 44.9995, 7.0002, 45.0001), {
          heightM: 31.5,
          name: 'Église',
        }),
        record('buildings', 'yes', box(7.0005, 45.0005, 7.0007, 45.0007)),
      ])
    ).sourceId;
    siteOnMain = await insertSite(t.db, 'on main', AOI, main);
    siteOnAll = await insertSite(t.db, 'on every import', AOI, null);
  });
  afterAll(() => t.close());

  const count = async (where: string, params: unknown[]) =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM features f WHERE ${where}`, params))
      .rows[0]!.n;

  describe('GET /api/sites/:id/features', () => {
    it('returns the features of the site’s import that intersect its area, as GeoJSON', async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/sites/${siteOnMain}/features` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = res.json();
      expect(body.type).toBe('FeatureCollection');
      expect(body.attribution).toBe('© OpenStreetMap contributors');
      const expected = await count(
        'f.source_id = $1 AND ST_Intersects(f.geom, (SELECT area_of_interest FROM sites WHERE id = $2))',
        [main, siteOnMain],
      );
      expect(expected).toBeGreaterThan(50);
      expect(body.features).toHaveLength(expected);
      const ids = body.features.map((f: { id: number }) => f.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(
        new Set(body.features.map((f: { properties: { layer: string } }) => f.properties.layer)),
      ).toEqual(new Set(['roads', 'paths', 'areas', 'buildings', 'furniture']));
    });

    it('gives every property of a feature, typed, and its geometry to 7 decimals', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/sites/${siteOnAll}/features?layer=buildings`,
      });
      const church = res
        .json()
        .features.find((f: { properties: { kind: string } }) => f.properties.kind === 'church');
      expect(church).toEqual({
        type: 'Feature',
        id: church.properties.id,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [6.9995, 44.9995],
              [7.0002, 44.9995],
              [7.0002, 45.0001],
              [6.9995, 45.0001],
              [6.9995, 44.9995],
            ],
          ],
        },
        properties: {
          id: expect.any(Number),
          sourceId: other,
          osmType: 'way',
          osmId: expect.any(Number),
          layer: 'buildings',
          kind: 'church',
          name: 'Église',
          widthM: null,
          widthSource: null,
          lanes: null,
          oneway: null,
          zLayer: 0,
          bridge: false,
          tunnel: false,
          heightM: 31.5,
          levels: null,
          tags: {},
        },
      });
    });

    it('restricts to one layer, and to the site’s own import unless it has none', async () => {
      for (const layer of ['roads', 'paths', 'areas', 'buildings', 'furniture']) {
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/sites/${siteOnMain}/features?layer=${layer}`,
        });
        const features = res.json().features as { properties: { layer: string; sourceId: number } }[];
        expect(features.every((f) => f.properties.layer === layer && f.properties.sourceId === main)).toBe(
          true,
        );
        expect(features.length).toBe(
          await count('f.layer = $1 AND f.source_id = $2 AND ST_Intersects(f.geom, ST_GeomFromGeoJSON($3))', [
            layer,
            main,
            JSON.stringify(AOI),
          ]),
        );
      }
      const onAll = await t.app.inject({
        method: 'GET',
        url: `/api/sites/${siteOnAll}/features?layer=buildings`,
      });
      const onMain = await t.app.inject({
        method: 'GET',
        url: `/api/sites/${siteOnMain}/features?layer=buildings`,
      });
      expect(onAll.json().features.length).toBe(onMain.json().features.length + 2);
    });

    it('refuses an answer larger than the limit, and says how to get one', async () => {
      const n = await count(
        'f.layer = $1 AND f.source_id = $2 AND ST_Intersects(f.geom, ST_GeomFromGeoJSON($3))',
        ['buildings', main, JSON.stringify(AOI)],
      );
      const exact = await t.app.inject({
        method: 'GET',
        url: `/api/sites/${siteOnMain}/features?layer=buildings&limit=${n}`,
      });
      expect(exact.json().features).toHaveLength(n);
      const all = await t.app.inject({ method: 'GET', url: `/api/sites/${siteOnMain}/features?limit=50000` });
      expect(all.statusCode).toBe(200);
      const total = all.json().features.length as number;
      const allOver = await t.app.inject({
        method: 'GET',
        url: `/api/sites/${siteOnMain}/features?limit=${total - 1}`,
      });
      expect(allOver.json().message).toBe(
        `The site’s area holds more than ${total - 1} features. Ask for one layer at a time or a larger limit (up to 50000).`,
      );
      const over = await t.app.inject({
        method: 'GET',
        url: `/api/sites/${siteOnMain}/features?layer=buildings&limit=${n - 1}`,
      });
      expect(over.statusCode).toBe(422);
      expect(over.json()).toEqual({
        statusCode: 422,
        code: 'TOO_MANY_FEATURES',
        message: `The site’s area holds more than ${n - 1} features in the buildings layer. Ask for a larger limit (up to 50000).`,
      });
    });

    it.each([
      ['?limit=0', 400, 'VALIDATION_FAILED', 'limit must be a whole number from 1 to 50000, got "0"'],
      ['?limit=50001', 400, 'VALIDATION_FAILED', 'got "50001"'],
      ['?limit=ten', 400, 'VALIDATION_FAILED', 'got "ten"'],
      ['?layer=rivers', 400, 'VALIDATION_FAILED', 'layer'],
    ])('answers %s with %i %s', async (query, status, code, message) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/sites/${siteOnMain}/features${query}` });
      expect(res.statusCode).toBe(status);
      expect(res.json()).toMatchObject({ code, message: expect.stringContaining(message) });
    });

    it.each(['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '1'])(
      'answers site %s with 404 SITE_NOT_FOUND',
      async (id) => {
        const res = await t.app.inject({ method: 'GET', url: `/api/sites/${id}/features` });
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual({
          statusCode: 404,
          code: 'SITE_NOT_FOUND',
          message: `There is no site with id "${id}".`,
        });
      },
    );
  });

  describe('GET /tiles/:z/:x/:y.pbf', () => {
    const fetchTile = (path: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url: `/tiles/${path}`, headers });
    const decode = (raw: Buffer) => new VectorTile(new PbfReader(raw));

    /** PostGIS’s own count of the features of a layer touching the tile grown by `margin` tile units. */
    const envelopeCount = (
      z: number,
      x: number,
      y: number,
      layer: string,
      sourceId: number | null,
      margin = 64,
    ) =>
      count(
        `f.layer = $4 AND ($5::bigint IS NULL OR f.source_id = $5)
         AND ST_Intersects(f.geom, ST_Transform(ST_TileEnvelope($1, $2, $3, margin => $6::float8 / 4096), 4326))`,
        [z, x, y, layer, sourceId, margin],
      );

    const coordinates = (layer: VectorTileLayer) =>
      Array.from({ length: layer.length }, (_, i) => layer.feature(i).loadGeometry().flat()).flat();

    // Every feature reaching into the tile's 64-unit buffer is drawn, except one that reaches in by less than a
    // tile unit (a sliver that rounds away): so the count lies between PostGIS's counts at margins 63 and 64.
    it('draws each layer with as many features as PostGIS finds in the buffered tile, inside the tile extent', async () => {
      for (const [z, x, y] of [tileOf(7.0, 45.0, 16), tileOf(7.003, 45.003, 17), tileOf(7.0, 45.0, 15)]) {
        const res = await fetchTile(`${z}/${x}/${y}.pbf`);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/x-protobuf');
        const tile = decode(res.rawPayload);
        expect(Object.keys(tile.layers).sort()).toEqual([
          'areas',
          'buildings',
          'furniture',
          'paths',
          'roads',
        ]);
        for (const [name, layer] of Object.entries(tile.layers)) {
          expect(layer.extent).toBe(4096);
          expect(layer.version).toBe(2);
          const [inner, outer] = [
            await envelopeCount(z, x, y, name, null, 63),
            await envelopeCount(z, x, y, name, null),
          ];
          expect(inner, `z${z} ${name}`).toBeGreaterThan(0);
          expect(outer - inner, `z${z} ${name}`).toBeLessThanOrEqual(2);
          expect(layer.length, `z${z} ${name}`).toBeGreaterThanOrEqual(inner);
          expect(layer.length, `z${z} ${name}`).toBeLessThanOrEqual(outer);
          for (const p of coordinates(layer)) {
            expect(p.x).toBeGreaterThanOrEqual(-64);
            expect(p.x).toBeLessThanOrEqual(4096 + 64);
            expect(p.y).toBeGreaterThanOrEqual(-64);
            expect(p.y).toBeLessThanOrEqual(4096 + 64);
          }
        }
      }
    });

    it('carries the small properties, the feature id and polygons wound as the spec asks', async () => {
      const [z, x, y] = tileOf(7.0, 45.0, 17);
      const tile = decode((await fetchTile(`${z}/${x}/${y}.pbf`)).rawPayload);
      const buildings = tile.layers.buildings!;
      const features = Array.from({ length: buildings.length }, (_, i) => buildings.feature(i));
      const church = features.find((f) => f.properties.kind === 'church')!;
      expect(church.properties).toEqual({
        kind: 'church',
        name: 'Église',
        zLayer: 0,
        bridge: false,
        tunnel: false,
        heightM: 31.5,
      });
      const { rows } = await t.db.query<{ id: number }>("SELECT id FROM features WHERE kind = 'church'");
      expect(church.id).toBe(rows[0]!.id);
      // Exterior rings have a positive surveyor's-formula area in tile coordinates (y down).
      for (const feature of features) {
        const ring = feature.loadGeometry()[0]!;
        let twiceArea = 0;
        for (let i = 0; i < ring.length - 1; i++)
          twiceArea += ring[i]!.x * ring[i + 1]!.y - ring[i + 1]!.x * ring[i]!.y;
        expect(twiceArea).toBeGreaterThan(0);
      }
      // Back to lon/lat, the church is where it was imported, to within a tile unit (~0.3 m at z17).
      const geometry = church.toGeoJSON(x, y, z).geometry as Polygon;
      const lons = geometry.coordinates[0]!.map((c) => c[0]!);
      expect(Math.min(...lons)).toBeCloseTo(6.9995, 5);
      expect(Math.max(...lons)).toBeCloseTo(7.0002, 5);
    });

    it('draws only roads (and areas from z12) at overview zooms, and nothing below z8', async () => {
      const [z, x, y] = tileOf(7.0, 45.0, 12);
      const tile = decode((await fetchTile(`${z}/${x}/${y}.pbf`)).rawPayload);
      expect(Object.keys(tile.layers).sort()).toEqual(['areas', 'roads']);
      expect(tile.layers.roads!.length).toBe(await envelopeCount(z, x, y, 'roads', null));
      const [z7, x7, y7] = tileOf(7.0, 45.0, 7);
      expect((await fetchTile(`${z7}/${x7}/${y7}.pbf`)).statusCode).toBe(204);
    });

    it('answers a tile without features with 204', async () => {
      const [z, x, y] = tileOf(-70, -30, 16);
      const res = await fetchTile(`${z}/${x}/${y}.pbf`);
      expect(res.statusCode).toBe(204);
      expect(res.rawPayload).toHaveLength(0);
    });

    it('restricts to one source, directly or through a site', async () => {
      const [z, x, y] = tileOf(7.0, 45.0, 16);
      const bySource = decode((await fetchTile(`${z}/${x}/${y}.pbf?source=${other}`)).rawPayload);
      expect(Object.keys(bySource.layers)).toEqual(['buildings']);
      expect(bySource.layers.buildings!.length).toBe(2);
      const bySite = decode((await fetchTile(`${z}/${x}/${y}.pbf?site=${siteOnMain}`)).rawPayload);
      expect(bySite.layers.buildings!.length).toBe(await envelopeCount(z, x, y, 'buildings', main));
      const all = decode((await fetchTile(`${z}/${x}/${y}.pbf?site=${siteOnAll}`)).rawPayload);
      expect(all.layers.buildings!.length).toBe(bySite.layers.buildings!.length + 2);
    });

    it.each([
      ['23/0/0.pbf', 400, 'INVALID_TILE', 'zoom must be a whole number from 0 to 22, got "23"'],
      ['1.5/0/0.pbf', 400, 'INVALID_TILE', 'got "1.5"'],
      [
        '2/4/0.pbf',
        400,
        'INVALID_TILE',
        'At zoom 2 tile x and y must be whole numbers from 0 to 3, got x "4", y "0".',
      ],
      ['2/0/-1.pbf', 400, 'INVALID_TILE', 'got x "0", y "-1"'],
      ['2/a/0.pbf', 400, 'INVALID_TILE', 'got x "a"'],
      ['16/1/1.pbf?source=999999', 404, 'SOURCE_NOT_FOUND', 'There is no imported data set with id 999999.'],
      ['16/1/1.pbf?source=abc', 404, 'SOURCE_NOT_FOUND', 'id "abc"'],
      ['16/1/1.pbf?site=00000000-0000-4000-8000-000000000000', 404, 'SITE_NOT_FOUND', 'There is no site'],
      ['16/1/1.pbf?site=x', 404, 'SITE_NOT_FOUND', 'id "x"'],
      ['16/1/1.pbf?site=00000000-0000-4000-8000-000000000000&source=1', 400, 'VALIDATION_FAILED', 'not both'],
    ])('answers %s with %i %s', async (path, status, code, message) => {
      const res = await fetchTile(path);
      expect(res.statusCode).toBe(status);
      expect(res.json()).toMatchObject({
        statusCode: status,
        code,
        message: expect.stringContaining(message),
      });
    });

    it('revalidates with the ETag until an import changes the data, then draws the new data', async () => {
      const [z, x, y] = tileOf(7.0, 45.0, 16);
      const path = `${z}/${x}/${y}.pbf?source=${other}`;
      const first = await fetchTile(path);
      expect(first.headers['cache-control']).toBe('private, no-cache');
      const etag = String(first.headers.etag);
      expect((await fetchTile(path, { 'if-none-match': etag })).statusCode).toBe(304);

      // Re-import the survey with one more building: new ETag, new tile.
      await t.db.transaction(async (tx) => {
        await replaceSourceFeatures(tx, other, [
          record('buildings', 'church', box(6.9995, 44.9995, 7.0002, 45.0001)),
          record('buildings', 'yes', box(7.0005, 45.0005, 7.0007, 45.0007)),
          record('buildings', 'yes', box(7.0008, 45.0008, 7.0009, 45.0009)),
        ]);
        await finishSource(tx, other, {}, null);
      });
      const after = await fetchTile(path, { 'if-none-match': etag });
      expect(after.statusCode).toBe(200);
      expect(after.headers.etag).not.toBe(etag);
      expect(decode(after.rawPayload).layers.buildings!.length).toBe(3);
    });
  });

  it('GET /tiles/tiles.json describes the tile source with absolute URLs and the OSM attribution', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/tiles/tiles.json?site=${siteOnMain}`,
      headers: { host: 'bulwark.test:8080' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      tilejson: '3.0.0',
      tiles: [`http://bulwark.test:8080/tiles/{z}/{x}/{y}.pbf?site=${siteOnMain}`],
      minzoom: 8,
      maxzoom: 22,
      attribution: '© OpenStreetMap contributors',
      vector_layers: [
        { id: 'roads', minzoom: 8, maxzoom: 22 },
        { id: 'paths', minzoom: 13, maxzoom: 22 },
        { id: 'areas', minzoom: 12, maxzoom: 22 },
        { id: 'buildings', minzoom: 13, maxzoom: 22 },
        { id: 'furniture', minzoom: 15, maxzoom: 22 },
      ],
    });
  });
});
