/**
 * The bomb stand-off chart (DOMAIN.md §4, data/threats.json): rows keyed on TNT-equivalent charge weight,
 * each with its building and outdoor evacuation distances, and the default vehicle-borne charge per vehicle
 * class. Between rows, distances are interpolated linearly in the cube root of the charge: blast distance
 * scales with W^(1/3) (the building column follows R ≈ 15.9·W^(1/3) m), so this is exact at every row and
 * follows the scaling law between them. Never beyond the table: outside it the answer says so.
 *
 * Pure (no Node APIs): the client may import it; ./load-threats.ts reads the file.
 */
import { VEHICLE_CLASSES, type VehicleClass } from './vehicles.js';

/** Exact: the international avoirdupois pound. */
export const KG_PER_LB = 0.45359237;
export const lbToKg = (lb: number) => lb * KG_PER_LB;
export const kgToLb = (kg: number) => kg / KG_PER_LB;

export interface ThreatRow {
  key: string;
  label: string;
  chargeKg: number;
  chargeLb: number;
  buildingEvacuationM: number;
  outdoorEvacuationM: number;
}

export interface ThreatTable {
  source: string;
  edition: string;
  /** By increasing charge (and so increasing distances). */
  rows: ThreatRow[];
  /** Default vehicle-borne charge of each class: a row of the table. */
  vehicleCharges: Record<VehicleClass, { row: ThreatRow; source: string }>;
  /** Smallest vehicle standoff to an inhabited building (UFC 4-010-01). */
  minimumVehicleStandoffM: { value: number; source: string };
}

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** Checks data/threats.json: every row complete, charges and both distances strictly increasing. */
export function readThreatTable(json: unknown): ThreatTable {
  const doc = json as {
    source?: unknown;
    edition?: unknown;
    rows?: unknown;
    vehicleCharges?: Record<string, { row?: unknown; source?: unknown }>;
    minimumVehicleStandoffM?: { value?: unknown; source?: unknown };
  };
  const fail = (what: string): never => {
    throw new Error(`data/threats.json: ${what}`);
  };
  if (!Array.isArray(doc.rows) || doc.rows.length < 2) fail('"rows" must list at least two chart rows');
  const rows = (doc.rows as Partial<ThreatRow>[]).map((r, i): ThreatRow => {
    const fields = ['chargeKg', 'chargeLb', 'buildingEvacuationM', 'outdoorEvacuationM'] as const;
    for (const f of fields) if (!positive(r[f])) fail(`row ${i + 1}: ${f} must be a positive number`);
    if (typeof r.key !== 'string' || typeof r.label !== 'string')
      fail(`row ${i + 1}: key and label are text`);
    return r as ThreatRow;
  });
  rows.forEach((r, i) => {
    const before = rows[i - 1];
    if (
      before &&
      !(
        r.chargeKg > before.chargeKg &&
        r.buildingEvacuationM > before.buildingEvacuationM &&
        r.outdoorEvacuationM > before.outdoorEvacuationM
      )
    )
      fail(`row "${r.key}" must have a larger charge and larger distances than "${before.key}"`);
    // The pound column is the chart's own (rounded) figure: it must agree with the kilograms to 2 %.
    if (Math.abs(lbToKg(r.chargeLb) - r.chargeKg) > 0.02 * r.chargeKg)
      fail(`row "${r.key}": ${r.chargeLb} lb is not ${r.chargeKg} kg`);
  });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const vehicleCharges = Object.fromEntries(
    VEHICLE_CLASSES.map((c) => {
      const entry = doc.vehicleCharges?.[c];
      const row = byKey.get(String(entry?.row));
      if (!row) return fail(`vehicleCharges.${c} must name a row`);
      return [c, { row, source: String(entry?.source ?? '') }];
    }),
  ) as ThreatTable['vehicleCharges'];
  const floor = doc.minimumVehicleStandoffM;
  if (!positive(floor?.value)) fail('minimumVehicleStandoffM.value must be a positive number');
  return {
    source: String(doc.source ?? ''),
    edition: String(doc.edition ?? ''),
    rows,
    vehicleCharges,
    minimumVehicleStandoffM: { value: floor!.value as number, source: String(floor!.source ?? '') },
  };
}

export type ChargeDistances =
  | {
      inTable: true;
      chargeKg: number;
      buildingEvacuationM: number;
      outdoorEvacuationM: number;
      /** The row itself when the charge is one, else null. */
      row: ThreatRow | null;
      /** The rows it lies between (the same row twice on a row). */
      between: [ThreatRow, ThreatRow];
    }
  | { inTable: false; chargeKg: number; message: string };

const cbrt = Math.cbrt;

/** The evacuation distances for a charge of `chargeKg` kg TNT (see the module comment). */
export function distancesForCharge(table: ThreatTable, chargeKg: number): ChargeDistances {
  const { rows } = table;
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  if (!(chargeKg >= first.chargeKg && chargeKg <= last.chargeKg)) {
    return {
      inTable: false,
      chargeKg,
      message:
        `${chargeKg} kg TNT is outside the stand-off chart (${first.chargeKg} kg ${first.label} to ` +
        `${last.chargeKg} kg ${last.label}): the chart is not extrapolated.`,
    };
  }
  const i = Math.max(
    0,
    rows.findIndex((r) => r.chargeKg >= chargeKg),
  );
  const hi = rows[i]!;
  if (hi.chargeKg === chargeKg) {
    return {
      inTable: true,
      chargeKg,
      buildingEvacuationM: hi.buildingEvacuationM,
      outdoorEvacuationM: hi.outdoorEvacuationM,
      row: hi,
      between: [hi, hi],
    };
  }
  const lo = rows[i - 1]!;
  const t = (cbrt(chargeKg) - cbrt(lo.chargeKg)) / (cbrt(hi.chargeKg) - cbrt(lo.chargeKg));
  return {
    inTable: true,
    chargeKg,
    buildingEvacuationM: lo.buildingEvacuationM + t * (hi.buildingEvacuationM - lo.buildingEvacuationM),
    outdoorEvacuationM: lo.outdoorEvacuationM + t * (hi.outdoorEvacuationM - lo.outdoorEvacuationM),
    row: null,
    between: [lo, hi],
  };
}

export type LargestCharge =
  | { fits: 'interpolated'; chargeKg: number; between: [ThreatRow, ThreatRow] }
  /** The standoff reaches the largest row's building distance: at least that charge (not extrapolated). */
  | { fits: 'at-least-largest'; chargeKg: number; row: ThreatRow; message: string }
  /** Shorter than the smallest row's building distance: no charge in the chart fits. */
  | { fits: 'none'; chargeKg: null; message: string };

/** The largest charge whose building evacuation distance is at most `standoffM` (the inverse of the above). */
export function largestChargeForStandoff(table: ThreatTable, standoffM: number): LargestCharge {
  const { rows } = table;
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  if (!(standoffM >= first.buildingEvacuationM)) {
    return {
      fits: 'none',
      chargeKg: null,
      message:
        `${Math.round(standoffM * 10) / 10} m is less than the building distance of the smallest charge in ` +
        `the chart (${first.chargeKg} kg ${first.label}: ${first.buildingEvacuationM} m).`,
    };
  }
  if (standoffM >= last.buildingEvacuationM) {
    return {
      fits: 'at-least-largest',
      chargeKg: last.chargeKg,
      row: last,
      message:
        `${Math.round(standoffM * 10) / 10} m covers the largest charge in the chart (${last.chargeKg} kg ` +
        `${last.label}: ${last.buildingEvacuationM} m); larger charges are not extrapolated.`,
    };
  }
  const i = rows.findIndex((r) => r.buildingEvacuationM > standoffM);
  const lo = rows[i - 1]!;
  const hi = rows[i]!;
  const t = (standoffM - lo.buildingEvacuationM) / (hi.buildingEvacuationM - lo.buildingEvacuationM);
  const root = cbrt(lo.chargeKg) + t * (cbrt(hi.chargeKg) - cbrt(lo.chargeKg));
  return { fits: 'interpolated', chargeKg: root ** 3, between: [lo, hi] };
}
