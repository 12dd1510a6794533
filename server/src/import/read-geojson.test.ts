import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Geometry, Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureRecord } from './feature-record.js';
import { featuresFromGeoJson, MAX_GEOJSON_BYTES, readGeoJsonFile } from './read-geojson.js';
import { OsmReadError } from './read-error.js';
import { readOsmFile, type ReadResult } from './read-osm.js';
import {
  hasSharedOsmData,
  sharedFileMatchesChecksum,
  sharedOsmFile,
  SKIP_MESSAGE,
} from './shared-test-data.js';

const tmp = mkdtempSync(join(tmpdir(), 'bulwark-read-geojson-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tmpFile(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

const square: Position[] = [
  [7.42, 43.73],
  [7.42, 43.731],
  [7.421, 43.731],
  [7.421, 43.73],
  [7.42, 43.73],
]; // drawn clockwise on purpose

const collection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [7.42, 43.73],
          [7.43, 43.74],
        ],
      },
      properties: { highway: 'primary' },
    },
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [square] },
      properties: { building: 'yes', height: 9 },
    },
    { type: 'Feature', geometry: null, properties: { building: 'yes' } },
    {
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: [[square]] },
      properties: { '@type': 'way', '@id': 42, barrier: 'fence', leisure: 'pitch' },
    },
    {
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: [[square]] },
      properties: { '@type': 'way', '@id': 43, barrier: 'wall' },
    },
    {
      type: 'Feature',
      id: 'way/44',
      geometry: { type: 'LineString', coordinates: square },
      properties: { 'area:highway': 'footway' },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [7.42, 43.73] },
      properties: { '@type': 'node', '@id': '7', barrier: 'bollard' },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [7.42, 43.73] },
      properties: { amenity: 'bench' },
    },
  ],
};

describe('featuresFromGeoJson', () => {
  const { features, counts } = featuresFromGeoJson(collection);
  const byId = (id: number): FeatureRecord | undefined => features.find((f) => f.osmId === id);

  it('gives features without @type/@id synthetic negative ids by position', () => {
    expect(byId(-1)).toMatchObject({ osmType: 'way', layer: 'roads', kind: 'primary' });
    expect(byId(-2)).toMatchObject({ osmType: 'way', layer: 'buildings', heightM: 9 });
    expect(featuresFromGeoJson(collection).features.map((f) => f.osmId)).toEqual(
      features.map((f) => f.osmId),
    );
  });

  it('reads OSM identity from @type/@id and from "way/44"-style feature ids', () => {
    expect(byId(7)).toMatchObject({ osmType: 'node', layer: 'furniture', kind: 'bollard' });
    expect(byId(44)).toMatchObject({
      osmType: 'way',
      layer: 'areas',
      kind: 'footway',
      geometry: { type: 'Polygon' },
    });
  });

  it('winds polygons per RFC 7946 and unwraps one-polygon MultiPolygons', () => {
    const ring = (byId(-2)?.geometry as Geometry & { type: 'Polygon' }).coordinates[0];
    expect(ring).toEqual([...square].reverse());
  });

  it('applies the OSM reader’s closed-way rules: a fence ring exported as a polygon is a line', () => {
    expect(byId(42)).toMatchObject({ layer: 'areas', kind: 'pitch', geometry: { type: 'Polygon' } });
    expect(byId(43)).toMatchObject({ layer: 'furniture', kind: 'wall', geometry: { type: 'LineString' } });
  });

  it('skips null geometries and features it does not keep', () => {
    expect(counts.skippedInvalid).toBe(1);
    expect(features).toHaveLength(6);
  });

  it.each([
    ['not a collection', { type: 'Feature', geometry: null, properties: {} }],
    ['features not a list', { type: 'FeatureCollection', features: {} }],
    [
      'bad coordinates',
      {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: ['a', 1] }, properties: {} }],
      },
    ],
    [
      'projected metres',
      {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', geometry: { type: 'Point', coordinates: [826000, 5420000] }, properties: {} },
        ],
      },
    ],
    [
      'unknown geometry',
      {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', geometry: { type: 'Circle', coordinates: [0, 0] }, properties: {} }],
      },
    ],
  ])('%s → INVALID_GEOJSON', (_label, data) => {
    expect(() => featuresFromGeoJson(data)).toThrow(expect.objectContaining({ code: 'INVALID_GEOJSON' }));
  });
});

describe('readGeoJsonFile', () => {
  it('reads plain and gzipped files', async () => {
    const text = JSON.stringify(collection);
    const plain = await readGeoJsonFile(tmpFile('c.geojson', text));
    const gz = await readGeoJsonFile(tmpFile('c.geojson.gz', gzipSync(text)));
    expect(plain.stats).toMatchObject({
      format: 'geojson',
      features: 6,
      byLayer: { roads: 1, buildings: 1, areas: 2, furniture: 2 },
    });
    expect(gz.stats.format).toBe('geojson-gzip');
    expect(gz.features).toEqual(plain.features);
  });

  it('refuses a small gzip that unpacks past the size bound (a zip bomb) without unpacking it all', async () => {
    // starts like GeoJSON so format detection passes; then megabytes of spaces compress ~1000:1
    const bomb = gzipSync(
      Buffer.concat([
        Buffer.from('{"type":"FeatureCollection","features":['),
        Buffer.alloc(MAX_GEOJSON_BYTES + 1, ' '),
      ]),
      { level: 1 },
    );
    expect(bomb.length).toBeLessThan(2 * 2 ** 20);
    const error = await readGeoJsonFile(tmpFile('bomb.geojson.gz', bomb)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OsmReadError);
    expect(error).toMatchObject({ code: 'OSM_UNREADABLE', message: expect.stringContaining('256 MB') });
  });

  it('readOsmFile hands GeoJSON content to the GeoJSON reader', async () => {
    const result = await readOsmFile(tmpFile('upload.bin', JSON.stringify(collection)));
    expect(result.stats.format).toBe('geojson');
  });

  it.each([
    {
      name: 'broken.geojson',
      code: 'INVALID_GEOJSON',
      content: '{"type": "FeatureCollection", "features": [',
    },
    { name: 'text.geojson', code: 'INVALID_GEOJSON', content: 'hello world' },
    { name: 'empty.geojson', code: 'OSM_EMPTY', content: '' },
  ])('$name → $code', async ({ name, content, code }) => {
    const error: unknown = await readGeoJsonFile(tmpFile(name, content)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OsmReadError);
    expect((error as OsmReadError).code).toBe(code);
  });
});

/** Ring compared up to its starting vertex (osmium starts assembled rings elsewhere than the way). */
function canonicalRing(ring: Position[]): string {
  const open = ring.slice(0, -1).map((p) => `${p[0]},${p[1]}`);
  let best = 0;
  open.forEach((p, i) => {
    if (p < (open[best] ?? '')) best = i;
  });
  return [...open.slice(best), ...open.slice(0, best)].join(' ');
}

/** Polygon compared up to ring start points and the order of its holes. */
function canonicalPolygon(rings: Position[][]): string {
  const [outer, ...holes] = rings.map(canonicalRing);
  return [outer, ...holes.sort()].join(' | ');
}

function canonicalGeometry(geometry: Geometry): string {
  if (geometry.type === 'Polygon') return canonicalPolygon(geometry.coordinates);
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.map(canonicalPolygon).sort().join(' || ');
  return JSON.stringify(geometry);
}

describe.skipIf(!hasSharedOsmData)(
  hasSharedOsmData
    ? 'monaco-2021-04-21.planetiler.geojson (osmium export)'
    : `GeoJSON real file: ${SKIP_MESSAGE}`,
  () => {
    const exact =
      sharedFileMatchesChecksum('monaco-2021-04-21.planetiler.geojson') &&
      sharedFileMatchesChecksum('monaco-2021-04-21.planetiler.osm.pbf');
    let fromGeoJson: ReadResult;
    let fromPbf: ReadResult;
    beforeAll(async () => {
      fromGeoJson = await readGeoJsonFile(sharedOsmFile('monaco-2021-04-21.planetiler.geojson'));
      fromPbf = await readOsmFile(sharedOsmFile('monaco-2021-04-21.planetiler.osm.pbf'));
    });

    it.skipIf(!exact)('the 6,461 exported features, with the same 1,207 buildings as the PBF', () => {
      expect(fromGeoJson.stats).toMatchObject({
        nodes: 2_379,
        ways: 4_043,
        relations: 39,
        skippedInvalid: 0,
      });
      const buildings = fromGeoJson.features.filter((f) => f.layer === 'buildings');
      expect(buildings).toHaveLength(1_207);
      expect(buildings.filter((f) => f.osmType === 'relation')).toHaveLength(24);
    });

    it.skipIf(!exact)(
      'keeps exactly the same objects as the PBF reader, with the same attributes and shapes',
      () => {
        expect(fromGeoJson.stats.byLayer).toEqual(fromPbf.stats.byLayer);
        const key = (f: FeatureRecord): string => `${f.osmType}/${f.osmId}`;
        const pbfByKey = new Map(fromPbf.features.map((f) => [key(f), f]));
        expect(new Set(fromGeoJson.features.map(key))).toEqual(new Set(pbfByKey.keys()));
        for (const feature of fromGeoJson.features) {
          const other = pbfByKey.get(key(feature));
          if (other === undefined) throw new Error(`missing ${key(feature)}`);
          const { geometry, ...attributes } = feature;
          const { geometry: otherGeometry, ...otherAttributes } = other;
          expect(attributes).toEqual(otherAttributes);
          expect(canonicalGeometry(geometry)).toBe(canonicalGeometry(otherGeometry));
        }
      },
    );
  },
);
