/**
 * The standoff analysis of a site (issue 5, DOMAIN.md §4): the approach analysis's achieved standoff per
 * zone and class, read against the bomb stand-off chart for each class's charge, and the rings within the
 * building evacuation distance of where each vehicle can get (PostGIS buffers on the geography).
 */
import { distancesForCharge, largestChargeForStandoff, type ThreatTable } from '../analysis/threats.js';
import { OSM_ATTRIBUTION } from '../attribution.js';
import type { Db } from '../db/db.js';
import type { StandoffResult } from '../schemas/standoff-analysis.js';
import type { StandoffRequest } from '../validation/standoff-input.js';
import type { ApproachAnalysisService } from './approach-analysis.js';

/**
 * The reachable outline is simplified to a tenth of the ring's radius before it is buffered: a ring of
 * 98–479 m needs no metre detail, and buffering the full outline of a town's streets exhausts the embedded
 * PostgreSQL's stack (PGlite: "ERRORDATA_STACK_SIZE exceeded", after which the instance is unusable).
 */
const RING_SIMPLIFY_FRACTION = 0.1;
/** Degrees of latitude per metre, for the simplification tolerance. */
const DEG_PER_M = 1 / 111_320;

export async function standoffAnalysis(
  db: Db,
  approach: ApproachAnalysisService,
  table: ThreatTable,
  siteId: string,
  request: StandoffRequest,
): Promise<StandoffResult> {
  const result = await approach.analyse(siteId, request.approach);
  const chargeOf = (vehicleClass: keyof ThreatTable['vehicleCharges']) => {
    const asked = request.charges[vehicleClass];
    const d = distancesForCharge(table, asked ?? table.vehicleCharges[vehicleClass].row.chargeKg);
    // Requests are checked against the chart, and every default is a row of it.
    if (!d.inTable) throw new Error(d.message);
    const row = table.vehicleCharges[vehicleClass].row;
    return {
      ...d,
      source:
        asked === undefined ? `${row.label} row (${table.vehicleCharges[vehicleClass].source})` : 'request',
    };
  };
  const floor = table.minimumVehicleStandoffM.value;
  const standoff = result.standoff.map((s) => {
    const charge = chargeOf(s.vehicleClass);
    const fit = s.distanceM === null ? null : largestChargeForStandoff(table, s.distanceM);
    return {
      ...s,
      chargeKg: charge.chargeKg,
      chargeSource: charge.source,
      buildingEvacuationM: Math.round(charge.buildingEvacuationM * 10) / 10,
      outdoorEvacuationM: Math.round(charge.outdoorEvacuationM * 10) / 10,
      meetsBuildingDistance: s.distanceM === null || s.distanceM >= charge.buildingEvacuationM,
      largestChargeKg: fit?.chargeKg == null ? null : Math.round(fit.chargeKg * 10) / 10,
      largestChargeNote:
        fit === null ? 'The vehicle gets nowhere.' : fit.fits === 'interpolated' ? null : fit.message,
      underMinimum: s.distanceM !== null && s.distanceM < floor,
    };
  });

  const outlines = result.reachable.features;
  const { rows } = await db.query<{ ring: string | null }>(
    `SELECT CASE WHEN ST_IsEmpty(g) THEN NULL ELSE ST_AsGeoJSON(
        ST_Buffer(ST_SimplifyPreserveTopology(g, r * $3)::geography, r, 'quad_segs=4')::geometry, 7) END AS ring
     FROM json_array_elements($1::json) WITH ORDINALITY AS o(outline, i)
     JOIN unnest($2::float8[]) WITH ORDINALITY AS d(r, j) ON i = j,
     LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(outline), 4326) AS g) x
     ORDER BY i`,
    [
      JSON.stringify(outlines.map((f) => f.geometry)),
      outlines.map((f) => chargeOf(f.properties.vehicleClass).buildingEvacuationM),
      RING_SIMPLIFY_FRACTION * DEG_PER_M,
    ],
  );
  return {
    standoff,
    rings: {
      type: 'FeatureCollection',
      features: outlines.flatMap((f, i) => {
        const ring = rows[i]?.ring;
        if (!ring) return [];
        const charge = chargeOf(f.properties.vehicleClass);
        return [
          {
            type: 'Feature' as const,
            geometry: JSON.parse(ring) as unknown,
            properties: {
              vehicleClass: f.properties.vehicleClass,
              chargeKg: charge.chargeKg,
              buildingEvacuationM: Math.round(charge.buildingEvacuationM * 10) / 10,
            },
          },
        ];
      }),
    },
    chart: { source: table.source, edition: table.edition, minimumVehicleStandoffM: floor },
    starts: request.approach.starts,
    attribution: OSM_ATTRIBUTION,
  };
}
