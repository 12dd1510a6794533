import fs from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, Polygon } from 'geojson';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-db.js';
import { repoRoot } from '../config.js';
import { demoDistrict, featureCollectionText } from './demo-district.js';
import { DEMO_SITE_FILE, ensureDemoSite } from './ensure-demo-site.js';
import {
  createVenueSites,
  loadMonacoDemo,
  missingMonacoFiles,
  SHARED_OSM_DIR,
  VENUES_FILE,
  type VenueProperties,
} from './monaco-demo.js';

const silent = pino({ level: 'silent' });

describe('demo district generator', () => {
  it('is deterministic and the committed data/ files are its current output', () => {
    const { features, site } = demoDistrict();
    expect(demoDistrict()).toEqual({ features, site });
    expect(fs.readFileSync(path.join(repoRoot, 'data/demo-site.geojson'), 'utf8')).toBe(
      featureCollectionText(features),
    );
    expect(JSON.parse(fs.readFileSync(DEMO_SITE_FILE, 'utf8'))).toEqual(site);
  });

  it('writes osmium-style features with OSM tags as strings and negative (non-OSM) ids', () => {
    const { features } = demoDistrict();
    const ids = new Set<string>();
    for (const f of features.features) {
      const { '@type': type, '@id': id, ...tags } = f.properties as Record<string, unknown>;
      expect(['node', 'way', 'relation']).toContain(type);
      expect(id).toBeLessThan(0);
      ids.add(`${String(type)}${String(id)}`);
      for (const value of Object.values(tags)) expect(typeof value).toBe('string');
    }
    expect(ids.size).toBe(features.features.length);
  });
});

describe('demo sites', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const sites = async () =>
    (
      await t.db.query<{ id: string; name: string; source_id: number | null; zones: number }>(
        'SELECT s.id, s.name, s.source_id, (SELECT count(*)::int FROM zones z WHERE z.site_id = s.id) AS zones FROM sites s ORDER BY s.created_at',
      )
    ).rows;

  it('loads the demo district into an empty database through the GeoJSON import, once', async () => {
    const [first, concurrent] = await Promise.all([
      ensureDemoSite(t.db, silent),
      ensureDemoSite(t.db, silent),
    ]);
    expect([first, concurrent].filter((id) => id !== null)).toHaveLength(1);
    expect(await ensureDemoSite(t.db, silent)).toBeNull();
    const [site, ...others] = await sites();
    expect(others).toEqual([]);
    expect(site).toMatchObject({ name: 'Bulwark Demo Square', zones: 1 });

    const { rows: sources } = await t.db.query<{ id: number; name: string; format: string }>(
      'SELECT id, name, format FROM osm_sources',
    );
    expect(sources).toEqual([{ id: site!.source_id, name: 'demo-site.geojson', format: 'geojson' }]);
    const { rows: layers } = await t.db.query<{ layer: string; n: number }>(
      'SELECT layer, count(*)::int AS n FROM features GROUP BY layer ORDER BY layer',
    );
    expect(layers).toEqual([
      { layer: 'areas', n: 5 },
      { layer: 'buildings', n: 27 },
      { layer: 'furniture', n: 21 },
      { layer: 'paths', n: 6 },
      { layer: 'roads', n: 12 },
    ]);
  });

  it('lays the district out as designed: 560 × 480 m site, 100 × 80 m square, no building on a street or another building', async () => {
    const { rows } = await t.db.query<Record<string, number>>(
      `SELECT
         (SELECT ST_Area(area_of_interest::geography) FROM sites) AS aoi_m2,
         (SELECT ST_Area(geom::geography) FROM zones) AS zone_m2,
         (SELECT count(*) FROM features f, sites s WHERE NOT ST_Intersects(f.geom, s.area_of_interest))::int AS outside,
         (SELECT count(*) FROM features WHERE NOT ST_IsValid(geom))::int AS invalid,
         (SELECT count(*) FROM features b, features r
            WHERE b.layer = 'buildings' AND r.layer IN ('roads', 'paths') AND ST_Intersects(b.geom, r.geom))::int AS on_street,
         (SELECT count(*) FROM features a, features b
            WHERE a.layer = 'buildings' AND b.layer = 'buildings' AND a.id < b.id AND ST_Intersects(a.geom, b.geom))::int AS overlapping,
         (SELECT max(ST_Length(geom::geography)) FROM features WHERE name = 'Meridian Avenue') AS avenue_m`,
    );
    const r = rows[0]!;
    expect(r.aoi_m2! / (560 * 480)).toBeCloseTo(1, 3);
    expect(r.zone_m2! / (100 * 80)).toBeCloseTo(1, 3);
    expect(r.avenue_m).toBeCloseTo(220, 0);
    expect({
      outside: r.outside,
      invalid: r.invalid,
      onStreet: r.on_street,
      overlapping: r.overlapping,
    }).toEqual({
      outside: 0,
      invalid: 0,
      onStreet: 0,
      overlapping: 0,
    });
  });

  it('serves the demo site’s features and tiles', async () => {
    const [site] = await sites();
    const res = await t.app.inject({ method: 'GET', url: `/api/sites/${site!.id}/features?layer=buildings` });
    expect(res.statusCode).toBe(200);
    expect(res.json().features).toHaveLength(27);
    // The tile holding the square at z16 (0.0061 E, 51.4813 N → x 32769, y 21800).
    const tile = await t.app.inject({ method: 'GET', url: `/tiles/16/32769/21800.pbf?site=${site!.id}` });
    expect(tile.statusCode).toBe(200);
  });

  describe.skipIf(missingMonacoFiles().length > 0)(`Monaco demo (needs ${SHARED_OSM_DIR})`, () => {
    it('imports the 2021 extract and creates the three venue sites, each with its protected zone, once', async () => {
      const first = await loadMonacoDemo(t.db);
      expect(first.summary.counts.byLayer.buildings).toBe(1207);
      expect(first.sites.map((s) => s.created)).toEqual([true, true, true]);
      const again = await loadMonacoDemo(t.db);
      expect(again.summary.sourceId).toBe(first.summary.sourceId);
      expect(again.sites).toEqual(first.sites.map((s) => ({ ...s, created: false })));

      const { rows } = await t.db.query<{
        name: string;
        source_id: number;
        zones: number;
        zone_inside: boolean;
        margin_m: number;
      }>(
        `SELECT s.name, s.source_id, count(z.id)::int AS zones, bool_and(ST_Within(z.geom, s.area_of_interest)) AS zone_inside,
           min(ST_Distance(ST_Boundary(s.area_of_interest)::geography, ST_Boundary(z.geom)::geography)) AS margin_m
         FROM sites s JOIN zones z ON z.site_id = s.id
         WHERE s.source_id = $1 GROUP BY s.id ORDER BY s.name`,
        [first.summary.sourceId],
      );
      expect(rows.map((r) => r.name)).toEqual([
        "Place d'Armes / Marche de la Condamine (market square)",
        'Place du Casino / Casino de Monte-Carlo forecourt',
        'Stade Louis-II (stadium, Fontvieille)',
      ]);
      for (const r of rows) {
        expect(r.zones).toBe(1);
        expect(r.zone_inside).toBe(true);
        // The buffer draws its arcs as chords of 1/32 of a circle, which come in to 400 m × cos(π/16) = 392.3 m.
        expect(r.margin_m).toBeGreaterThan(400 * Math.cos(Math.PI / 16));
        expect(r.margin_m).toBeLessThan(400.5);
      }
    });
  });

  it('creates venue sites from any venues file, leaving existing ones (matched by name) alone', async () => {
    const venues = JSON.parse(
      fs.existsSync(path.join(SHARED_OSM_DIR, VENUES_FILE))
        ? fs.readFileSync(path.join(SHARED_OSM_DIR, VENUES_FILE), 'utf8')
        : '{"type":"FeatureCollection","features":[]}',
    ) as FeatureCollection<Polygon, VenueProperties>;
    const made: FeatureCollection<Polygon, VenueProperties> = {
      type: 'FeatureCollection',
      features: [
        ...venues.features.slice(0, 1),
        {
          type: 'Feature',
          properties: { key: 'demo', name: 'A venue on the demo square', kind: 'square' },
          geometry: demoDistrict().site.zones[0]!.geometry,
        },
      ],
    };
    const [site] = await sites();
    const before = (await sites()).length;
    const result = await createVenueSites(t.db, made, site!.source_id!);
    expect(result.at(-1)).toMatchObject({ name: 'A venue on the demo square', created: true });
    expect((await sites()).length).toBe(before + 1);
    expect((await createVenueSites(t.db, made, site!.source_id!)).every((s) => !s.created)).toBe(true);
    expect((await sites()).length).toBe(before + 1);
  });
});
