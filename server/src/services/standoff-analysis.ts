/**
 * The standoff analysis of a site (issue 5, DOMAIN.md §4): the approach analysis's achieved standoff per
 * zone and class, read against the bomb stand-off chart for each class's charge, and the rings within the
 * building evacuation distance of where each vehicle can get (buffer-region.ts).
 */
import type { MultiPolygon } from 'geojson';
import { bufferRegion } from '../analysis/buffer-region.js';
import { distancesForCharge, largestChargeForStandoff, type ThreatTable } from '../analysis/threats.js';
import { OSM_ATTRIBUTION } from '../attribution.js';
import type { StandoffResult } from '../schemas/standoff-analysis.js';
import type { StandoffRequest } from '../validation/standoff-input.js';
import type { ApproachAnalysisService } from './approach-analysis.js';

export async function standoffAnalysis(
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
  return {
    standoff,
    rings: {
      type: 'FeatureCollection',
      features: outlines.flatMap((f) => {
        const charge = chargeOf(f.properties.vehicleClass);
        // The approach analysis's outlines are MultiPolygons (the schema leaves geometries open).
        const ring = bufferRegion(f.geometry as MultiPolygon, charge.buildingEvacuationM);
        if (!ring) return [];
        return [
          {
            type: 'Feature' as const,
            geometry: ring,
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
