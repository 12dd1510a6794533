/**
 * The bomb-threat scenario (issue 5, DOMAIN.md §4; "suspect item" in the field's exercises): for a location
 * and a charge, the building and outdoor evacuation rings, the buildings inside each, the points where
 * roads and paths cross the outer ring (traffic and pedestrian cordon points) and the open areas beyond it,
 * within a walk, that could take the evacuated crowd. All measured by PostGIS on the ellipsoid.
 */
import type { Feature, Point, Polygon } from 'geojson';
import { distancesForCharge, kgToLb, type ThreatTable } from '../analysis/threats.js';
import { OSM_ATTRIBUTION } from '../attribution.js';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';
import type { BombThreatRequest } from '../validation/bomb-threat-input.js';

/** Open ground that can hold a crowd (OSM kinds as imported). */
const ASSEMBLY_KINDS = [
  'park',
  'grass',
  'garden',
  'square',
  'pitch',
  'recreation_ground',
  'common',
  'marketplace',
  'parking',
  'playground',
];
/** Assembly-area candidates returned, largest first. */
const ASSEMBLY_LIMIT = 10;
/** Circles drawn with this many segments per quarter. */
const QUAD_SEGS = 32;

type BuildingRow = {
  id: number;
  osmId: string;
  name: string | null;
  kind: string;
  distanceM: number;
};

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The imports the query reads: the site's, or every import whose extent holds the location. */
async function sourcesAt(db: Db, request: BombThreatRequest): Promise<number[]> {
  const [lon, lat] = request.location;
  if (request.siteId) {
    const site = await db.query<{ source_id: number | null }>('SELECT source_id FROM sites WHERE id = $1', [
      request.siteId,
    ]);
    if (!site.rows[0]) throw new AppError('SITE_NOT_FOUND', `There is no site with id "${request.siteId}".`);
    if (site.rows[0].source_id !== null) {
      const inside = await db.query(
        'SELECT 1 FROM osm_sources WHERE id = $1 AND ST_Covers(bbox, ST_SetSRID(ST_MakePoint($2, $3), 4326))',
        [site.rows[0].source_id, lon, lat],
      );
      if (inside.rows.length === 0)
        throw new AppError(
          'OUTSIDE_IMPORTED_DATA',
          `[${lon}, ${lat}] is outside the map extract this site is planned on.`,
        );
      return [site.rows[0].source_id];
    }
  }
  const covering = async (x: number, y: number) =>
    (
      await db.query<{ id: number }>(
        'SELECT id FROM osm_sources WHERE ST_Covers(bbox, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY id',
        [x, y],
      )
    ).rows.map((r) => Number(r.id));
  const ids = await covering(lon, lat);
  if (ids.length > 0) return ids;
  const swapped = Math.abs(lat) <= 180 && Math.abs(lon) <= 90 ? await covering(lat, lon) : [];
  throw new AppError(
    'OUTSIDE_IMPORTED_DATA',
    `[${lon}, ${lat}] is outside every imported map extract` +
      (swapped.length > 0
        ? `; [${lat}, ${lon}] is inside one: the location is [longitude, latitude], longitude first.`
        : ': import the area first, or check the coordinates ([longitude, latitude]).'),
  );
}

export async function bombThreat(db: Db, table: ThreatTable, request: BombThreatRequest) {
  const d = distancesForCharge(table, request.chargeKg);
  if (!d.inTable) throw new AppError('VALIDATION_FAILED', d.message);
  const sources = await sourcesAt(db, request);
  const [lon, lat] = request.location;
  const building = d.buildingEvacuationM;
  const outdoor = d.outdoorEvacuationM;
  const reach = outdoor + request.walkingDistanceM;
  // A box around the outer reach for the index, in degrees (longitude degrees shrink with latitude).
  const boxDeg = (1.05 * reach) / (111_320 * Math.max(0.05, Math.cos((lat * Math.PI) / 180)));
  const point = 'ST_SetSRID(ST_MakePoint($1, $2), 4326)';

  const rings = await db.query<{ building: string; outdoor: string }>(
    `SELECT ST_AsGeoJSON(ST_Buffer(${point}::geography, $3, 'quad_segs=${QUAD_SEGS}')::geometry, 7) AS building,
            ST_AsGeoJSON(ST_Buffer(${point}::geography, $4, 'quad_segs=${QUAD_SEGS}')::geometry, 7) AS outdoor`,
    [lon, lat, building, outdoor],
  );
  const buildings = await db.query<BuildingRow>(
    `SELECT f.id, f.osm_type || '/' || f.osm_id AS "osmId", f.name, f.kind,
            ST_Distance(f.geom::geography, ${point}::geography) AS "distanceM"
     FROM features f
     WHERE f.layer = 'buildings' AND f.source_id = ANY($4::bigint[])
       AND f.geom && ST_Expand(${point}, $5) AND ST_DWithin(f.geom::geography, ${point}::geography, $3)
     ORDER BY "distanceM", f.id`,
    [lon, lat, outdoor, sources, boxDeg],
  );
  const cordon = await db.query<{
    id: number;
    layer: string;
    kind: string;
    name: string | null;
    point: string;
  }>(
    `WITH ring AS (SELECT ST_Boundary(ST_Buffer(${point}::geography, $3, 'quad_segs=${QUAD_SEGS}')::geometry) AS b)
     SELECT f.id, f.layer, f.kind, f.name, ST_AsGeoJSON(d.geom, 7) AS point
     FROM features f, ring, LATERAL ST_Dump(ST_Intersection(f.geom, ring.b)) AS d
     WHERE f.layer IN ('roads', 'paths') AND f.source_id = ANY($4::bigint[])
       AND f.geom && ring.b AND ST_Intersects(f.geom, ring.b) AND GeometryType(d.geom) = 'POINT'
     ORDER BY f.layer DESC, f.name NULLS LAST, f.id`,
    [lon, lat, outdoor, sources],
  );
  const assembly = await db.query<{
    id: number;
    name: string | null;
    kind: string;
    areaM2: number;
    distanceM: number;
    at: string;
  }>(
    `SELECT f.id, f.name, f.kind, ST_Area(f.geom::geography) AS "areaM2",
            ST_Distance(f.geom::geography, ${point}::geography) AS "distanceM",
            ST_AsGeoJSON(ST_PointOnSurface(f.geom), 7) AS at
     FROM features f
     WHERE f.layer = 'areas' AND f.kind = ANY($5::text[]) AND f.source_id = ANY($6::bigint[])
       AND f.geom && ST_Expand(${point}, $7)
       AND NOT ST_DWithin(f.geom::geography, ${point}::geography, $3)
       AND ST_DWithin(f.geom::geography, ${point}::geography, $4)
     ORDER BY "areaM2" DESC, f.id LIMIT ${ASSEMBLY_LIMIT}`,
    [lon, lat, outdoor, reach, ASSEMBLY_KINDS, sources, boxDeg],
  );

  const list = (rows: BuildingRow[]) => ({
    count: rows.length,
    byKind: Object.fromEntries(
      [...new Set(rows.map((b) => b.kind))].sort().map((k) => [k, rows.filter((b) => b.kind === k).length]),
    ),
    buildings: rows.map((b) => ({ ...b, id: Number(b.id), distanceM: round(b.distanceM) })),
  });
  const row = request.rowKey ? table.rows.find((r) => r.key === request.rowKey)! : null;
  const ringFeature = (
    geometry: string,
    which: 'building' | 'outdoor',
    radiusM: number,
  ): Feature<Polygon> => ({
    type: 'Feature',
    geometry: JSON.parse(geometry) as Polygon,
    properties: { ring: which, radiusM: round(radiusM) },
  });
  return {
    threat: {
      chargeKg: request.chargeKg,
      chargeLb: round(kgToLb(request.chargeKg)),
      row: row ? { key: row.key, label: row.label } : null,
      between: row ? null : d.between.map((r) => r.key),
      buildingEvacuationM: round(building),
      outdoorEvacuationM: round(outdoor),
      source: table.source,
    },
    location: request.location,
    rings: {
      type: 'FeatureCollection' as const,
      features: [
        ringFeature(rings.rows[0]!.building, 'building', building),
        ringFeature(rings.rows[0]!.outdoor, 'outdoor', outdoor),
      ],
    },
    evacuate: {
      building: list(buildings.rows.filter((b) => b.distanceM <= building)),
      outdoor: list(buildings.rows),
    },
    cordonPoints: {
      type: 'FeatureCollection' as const,
      features: cordon.rows.map((c): Feature<Point> => ({
        type: 'Feature',
        geometry: JSON.parse(c.point) as Point,
        properties: {
          cordon: c.layer === 'roads' ? 'traffic' : 'pedestrian',
          featureId: Number(c.id),
          name: c.name,
          kind: c.kind,
        },
      })),
    },
    assemblyAreas: assembly.rows.map((a) => ({
      id: Number(a.id),
      name: a.name,
      kind: a.kind,
      areaM2: Math.round(a.areaM2),
      distanceM: round(a.distanceM),
      at: JSON.parse(a.at) as Point,
    })),
    walkingDistanceM: request.walkingDistanceM,
    sources,
    attribution: OSM_ATTRIBUTION,
  };
}
