import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { importFile } from '../../import/import-file.js';
import { hasSharedOsmData, sharedOsmFile, SKIP_MESSAGE } from '../../import/shared-test-data.js';
import { siteFeaturesGeoJson } from '../../repositories/site-features.js';
import { buildTraversalGraph } from './build-graph.js';
import { NodeKind, type TraversalGraph } from './graph.js';
import { toLocal } from './projection.js';
import { StudyArea } from './study-area.js';
import { areaRole, buildingBlocks } from './traversable-kinds.js';

/**
 * The traversal graph of the three Monaco venues (shared/data/osm/venues.geojson) on the 2021 extract,
 * features as the site-features query returns them for a site whose area is the venue buffered by the
 * 400 m study radius. Checked against PostGIS: the road/path vertices, and the open ground in the venue.
 */
const describeShared = hasSharedOsmData ? describe : describe.skip;
if (!hasSharedOsmData) console.warn(SKIP_MESSAGE);

const STUDY_RADIUS_M = 400;

interface Venue {
  key: string;
  polygon: Polygon;
  siteId: string;
  study: Polygon;
  features: FeatureCollection;
  graph: TraversalGraph;
}

describeShared('buildTraversalGraph on the Monaco venues (2021 extract)', () => {
  let t: TestDb;
  const venues: Venue[] = [];

  beforeAll(async () => {
    t = await createTestDb();
    await importFile(t.db, sharedOsmFile('monaco-2021-04-21.planetiler.osm.pbf'));
    const file = JSON.parse(readFileSync(sharedOsmFile('venues.geojson'), 'utf8')) as FeatureCollection;
    for (const venue of file.features as Feature<Polygon, { key: string }>[]) {
      const { rows } = await t.db.query<{ id: string; study: string }>(
        `INSERT INTO sites (name, area_of_interest)
         VALUES ($1, ST_Buffer(ST_GeomFromGeoJSON($2)::geography, $3)::geometry)
         RETURNING id, ST_AsGeoJSON(area_of_interest, 9) AS study`,
        [venue.properties.key, JSON.stringify(venue.geometry), STUDY_RADIUS_M],
      );
      const { id, study } = rows[0]!;
      const result = await siteFeaturesGeoJson(t.db, id, { layer: undefined, limit: 100_000 });
      if (result.status !== 'ok') throw new Error(`features of ${venue.properties.key}: ${result.status}`);
      const features = JSON.parse(result.json) as FeatureCollection;
      const studyArea = JSON.parse(study) as Polygon;
      venues.push({
        key: venue.properties.key,
        polygon: venue.geometry,
        siteId: id,
        study: studyArea,
        features,
        graph: buildTraversalGraph({ features, measures: [], studyArea }),
      });
    }
  });

  afterAll(async () => {
    await t?.drop();
  });

  it('has one node per distinct road/path vertex in the study area, as PostGIS counts them', async () => {
    for (const { key, siteId, graph } of venues) {
      // Vertices of every drivable way clipped to the site's area, plus the clip points (boundary nodes).
      const { rows } = await t.db.query<{ n: number }>(
        `SELECT count(DISTINCT ST_AsText(ST_SnapToGrid(d.geom, 1e-7)))::int AS n
         FROM sites s
         JOIN features f ON ST_Intersects(f.geom, s.area_of_interest)
         CROSS JOIN LATERAL ST_DumpPoints(ST_Intersection(f.geom, s.area_of_interest)) d
         WHERE s.id = $1 AND f.layer IN ('roads', 'paths') AND f.kind NOT IN ('steps', 'corridor')`,
        [siteId],
      );
      let nodes = 0;
      for (let n = 0; n < graph.nodeCount; n++) {
        if (graph.nodeKind[n] === NodeKind.vertex || graph.nodeKind[n] === NodeKind.boundary) nodes++;
      }
      expect({ key, nodes }).toEqual({ key, nodes: rows[0]!.n });
      expect(nodes).toBeGreaterThan(1000);
    }
  });

  it('covers the open ground of each venue with cells, as PostGIS measures its area', async () => {
    for (const { key, polygon, features, graph } of venues) {
      // Open areas and obstacles as the graph reads them (traversable-kinds.ts), measured by PostGIS
      // inside the venue: open ground = (open areas ∖ buildings, water) ∩ venue.
      const ids = (pick: (f: Feature) => boolean) =>
        features.features.filter(pick).map((f) => (f.properties as { id: number }).id);
      const props = (f: Feature) =>
        f.properties as { layer: string; kind: string; zLayer: number; tags: Record<string, string> };
      const open = ids(
        (f) =>
          props(f).layer === 'areas' &&
          props(f).zLayer === 0 &&
          areaRole(props(f).kind, props(f).tags) === 'open',
      );
      const blocked = ids(
        (f) =>
          (props(f).layer === 'buildings' && props(f).zLayer >= 0 && buildingBlocks(props(f).kind)) ||
          (props(f).layer === 'areas' && areaRole(props(f).kind, props(f).tags) === 'water'),
      );
      const { rows } = await t.db.query<{ area: number; perimeter: number }>(
        `WITH venue AS (SELECT ST_GeomFromGeoJSON($1) AS g),
         open AS (
           SELECT ST_Intersection(
             ST_Difference(
               (SELECT ST_Union(geom) FROM features WHERE id = ANY($2::bigint[])),
               coalesce((SELECT ST_Union(geom) FROM features WHERE id = ANY($3::bigint[])), 'POLYGON EMPTY'::geometry)),
             venue.g) AS g
           FROM venue)
         SELECT ST_Area(g::geography) AS area, ST_Perimeter(g::geography) AS perimeter FROM open`,
        [JSON.stringify(polygon), open, blocked],
      );
      const { area, perimeter } = rows[0]!;
      // Cells whose centre lies in the venue and that have a node: a cell has one when any of its
      // pixels is open, so the cells cover the open ground and overrun its outline by up to one cell.
      const grid = graph.grid!;
      const venueLocal = new StudyArea(
        polygon.coordinates.map((ring) =>
          Float64Array.from(ring.flatMap(([lon, lat]) => toLocal(graph.projection, lon!, lat!))),
        ),
      );
      let cells = 0;
      for (let r = 0; r < grid.rows; r++) {
        for (let c = 0; c < grid.cols; c++) {
          const inVenue = venueLocal.contains(
            grid.originX + c * grid.cellSizeM,
            grid.originY + r * grid.cellSizeM,
          );
          if (inVenue && grid.cellNode[r * grid.cols + c]! >= 0) cells++;
        }
      }
      const covered = cells * grid.cellSizeM ** 2;
      expect({ key, open: area > 1000 }).toEqual({ key, open: true });
      expect(covered).toBeGreaterThanOrEqual(area * 0.95);
      expect(covered).toBeLessThanOrEqual(area + perimeter * grid.cellSizeM);
    }
  });
});
