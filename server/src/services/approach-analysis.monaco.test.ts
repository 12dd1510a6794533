import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/helpers/test-db.js';
import { loadVehicleProfiles } from '../analysis/load-vehicles.js';
import { createSpeedModel } from '../analysis/physics.js';
import { repoRoot } from '../config.js';
import { loadMonacoDemo, type VenueSite } from '../demo/monaco-demo.js';
import { hasSharedOsmData, sharedOsmFile, SKIP_MESSAGE } from '../import/shared-test-data.js';
import type { ApproachResult } from '../schemas/approach-analysis.js';
import { parseApproachRequest } from '../validation/approach-input.js';
import { ApproachAnalysisService } from './approach-analysis.js';

/**
 * Golden fixtures: the approach analysis of the three Monaco venues (shared/data/osm/venues.geojson) on
 * the 2021 extract, all six classes, every default. The fixtures hold a compact summary per venue, zone
 * and class (number of vectors, the three fastest impact speeds to 0.1 km/h with their run-up, entry road,
 * the named roads along the way and required rating): numbers, class and road names only, never geometry from the extract (the project
 * keeps nothing extracted from the shared data). Regenerate with `UPDATE=1 npx vitest run <this file>`;
 * never edit them by hand. To look at the vectors on a map: `npm run vda:export -- <venue-key>`.
 */
const describeShared = hasSharedOsmData ? describe : describe.skip;
if (!hasSharedOsmData) console.warn(SKIP_MESSAGE);

const FIXTURES = path.join(repoRoot, 'server/src/analysis/vda/__fixtures__/monaco');
const DATASET = 'monaco-2021-04-21.planetiler.osm.pbf';

interface Venue {
  key: string;
  name: string;
}

/** What a fixture holds for one venue: per zone and class, the count and the three fastest vectors. */
function goldenSummary(venue: Venue, result: ApproachResult) {
  const vectors = result.vectors.features.map((f) => f.properties);
  return {
    venue: venue.key,
    dataset: DATASET,
    attribution:
      'Derived from OpenStreetMap data, © OpenStreetMap contributors (ODbL): numbers and road names only.',
    zones: [...new Set(result.summary.map((s) => s.zoneName))].map((zoneName) => ({
      zone: zoneName,
      classes: result.summary
        .filter((s) => s.zoneName === zoneName)
        .map((s) => ({
          vehicleClass: s.vehicleClass,
          vectors: s.vectors,
          unmitigated: s.unmitigated,
          fastest: vectors
            .filter((v) => v.zoneId === s.zoneId && v.vehicleClass === s.vehicleClass)
            .sort((a, b) => b.impactSpeedKmh - a.impactSpeedKmh)
            .slice(0, 3)
            .map((v) => ({
              impactSpeedKmh: Number(v.impactSpeedKmh.toFixed(1)),
              runUpM: Number(v.runUpM.toFixed(1)),
              entryRoad: v.entryRoad,
              roads: v.roads,
              requiredRating: v.requiredRating,
            })),
        })),
    })),
  };
}

describeShared('approach analysis of the Monaco venues (2021 extract): golden fixtures', () => {
  let t: TestDb;
  let sites: VenueSite[];
  let venues: Venue[];
  const catalogue = loadVehicleProfiles();

  beforeAll(async () => {
    t = await createTestDb();
    ({ sites } = await loadMonacoDemo(t.db));
    const file = JSON.parse(fs.readFileSync(sharedOsmFile('venues.geojson'), 'utf8')) as {
      features: { properties: Venue }[];
    };
    venues = file.features.map((f) => ({ key: f.properties.key, name: f.properties.name }));
  });
  afterAll(async () => {
    await t?.drop();
  });

  const results = new Map<string, ApproachResult>();

  it('matches __fixtures__/monaco/<venue>.json for every venue (UPDATE=1 rewrites them)', async () => {
    const service = new ApproachAnalysisService(t.db, catalogue);
    for (const venue of venues) {
      const site = sites.find((s) => s.name === venue.name)!;
      const result = await service.analyse(site.siteId, parseApproachRequest({}, catalogue));
      results.set(venue.key, result);
      const summary = goldenSummary(venue, result);
      const file = path.join(FIXTURES, `${venue.key}.json`);
      if (process.env.UPDATE) {
        fs.mkdirSync(FIXTURES, { recursive: true });
        fs.writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
      }
      expect(summary).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
      // Every class finds a way in to each venue: these are open urban sites.
      for (const zone of summary.zones) expect(zone.classes.every((c) => c.vectors > 0)).toBe(true);
    }
  });

  it('every vector’s run-up is its length measured by PostGIS, and its last leg follows the physics', async () => {
    // After the last drop of its speed profile (a corner), a vector accelerates flat out to the impact:
    // its arrival speed (the profile's end) must be speedAfter(v, L) for the speed v it leaves that corner
    // with and the rest L of its path, measured on the ellipsoid by PostGIS; and the path shown, the
    // shortest run-in, arrives within the 0.5 km/h tolerance of the best impact speed. Paths near the two ways with a numeric incline
    // tag in the extract (graded edges) are left out.
    const models = new Map(
      catalogue.profiles.map((p) => [p.vehicleClass, createSpeedModel(p, { friction: 0.6 })]),
    );
    let checked = 0;
    for (const result of results.values()) {
      const vectors = result.vectors.features;
      const { rows } = await t.db.query<{ length: number; graded: boolean }>(
        `SELECT ST_Length(g::geography) AS length,
           EXISTS (SELECT 1 FROM features f WHERE f.tags->>'incline' ~ '^-?[0-9.]+ ?(%|°)$'
             AND ST_DWithin(f.geom::geography, g::geography, 5)) AS graded
         FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(p), 4326) AS g, i
               FROM json_array_elements($1::json) WITH ORDINALITY AS a(p, i)) paths
         ORDER BY i`,
        [JSON.stringify(vectors.map((f) => f.geometry))],
      );
      vectors.forEach(({ properties: v }, i) => {
        const { length, graded } = rows[i]!;
        expect(Math.abs(v.runUpM - length)).toBeLessThanOrEqual(0.5 + length * 1e-3);
        if (graded) return;
        const profile = v.speedProfile as [number, number][];
        let [d0, v0] = [0, v.startSpeedKmh];
        profile.forEach(([d, speed], k) => {
          if (k > 0 && speed < profile[k - 1]![1] - 0.05) [d0, v0] = [d, speed];
        });
        // The profile and run-up are rounded to 0.1 km/h and 0.1 m, and the graph measures in a local plane
        // (< 0.1 % off the ellipsoid): the impact must lie in the bracket those roundings allow.
        const arrival = profile[profile.length - 1]![1];
        expect(v.impactSpeedKmh - arrival).toBeGreaterThanOrEqual(-0.05);
        expect(v.impactSpeedKmh - arrival).toBeLessThanOrEqual(0.55);
        const model = models.get(v.vehicleClass)!;
        const slack = 0.05 + length * 1e-3;
        const low = model.speedAfter(Math.max(0, v0 - 0.05) / 3.6, Math.max(0, length - d0 - slack), 0) * 3.6;
        const high = model.speedAfter((v0 + 0.05) / 3.6, length - d0 + slack, 0) * 3.6;
        expect({
          vector: v,
          low,
          high,
          within: arrival >= low - 0.05 && arrival <= high + 0.05,
        }).toMatchObject({ within: true });
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(100);
  });
});
