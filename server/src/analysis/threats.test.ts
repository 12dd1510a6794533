import { describe, expect, it } from 'vitest';
import { loadThreatTable } from './load-threats.js';
import { distancesForCharge, kgToLb, largestChargeForStandoff, lbToKg, readThreatTable } from './threats.js';

const table = loadThreatTable();

describe('the bomb stand-off chart (DOMAIN.md §4)', () => {
  // Every row as DOMAIN.md gives it: TNT equivalent → building / outdoor evacuation distance.
  const CHART: [string, number, number, number][] = [
    ['pipe-bomb', 2.3, 21, 366],
    ['suicide-vest', 9.2, 34, 518],
    ['briefcase', 23, 46, 564],
    ['sedan', 227, 98, 580],
    ['suv-van', 454, 122, 732],
    ['small-delivery-truck', 1814, 195, 1159],
    ['container-truck', 4536, 263, 1555],
    ['semi-trailer', 27216, 479, 2835],
  ];

  it('holds every chart row, and answers each row exactly', () => {
    expect(table.rows.map((r) => [r.key, r.chargeKg, r.buildingEvacuationM, r.outdoorEvacuationM])).toEqual(
      CHART,
    );
    for (const [key, kg, building, outdoor] of CHART) {
      expect(distancesForCharge(table, kg)).toMatchObject({
        inTable: true,
        buildingEvacuationM: building,
        outdoorEvacuationM: outdoor,
        row: { key },
      });
    }
  });

  it('maps each vehicle class to its default charge row', () => {
    const rows = Object.fromEntries(
      Object.entries(table.vehicleCharges).map(([c, { row }]) => [c, row.chargeKg]),
    );
    expect(rows).toEqual({ M1: 227, N1G: 454, N1: 454, N2: 1814, N3D: 4536, N3F: 27216 });
    expect(table.minimumVehicleStandoffM.value).toBe(10);
  });

  it('interpolates between rows linearly in the cube root of the charge', () => {
    // 1000 kg between 454 kg (122 m / 732 m) and 1814 kg (195 m / 1159 m):
    // t = (10 − ∛454) / (∛1814 − ∛454) = (10 − 7.68573) / (12.19586 − 7.68573) = 0.51313
    // → 122 + 0.51313·73 = 159.46 m; 732 + 0.51313·427 = 951.11 m (R ≈ 15.9·∛1000 = 159 m agrees).
    const t = (10 - Math.cbrt(454)) / (Math.cbrt(1814) - Math.cbrt(454));
    expect(t).toBeCloseTo(0.51313, 5);
    const d = distancesForCharge(table, 1000);
    expect(d).toMatchObject({ inTable: true, row: null });
    if (!d.inTable) return;
    expect(d.buildingEvacuationM).toBeCloseTo(159.46, 2);
    expect(d.outdoorEvacuationM).toBeCloseTo(951.11, 2);
    expect(d.between.map((r) => r.key)).toEqual(['suv-van', 'small-delivery-truck']);
    // Monotone: more charge, more distance, everywhere between the first and last rows.
    let previous = 0;
    for (let kg = 2.3; kg <= 27216; kg *= 1.07) {
      const r = distancesForCharge(table, kg);
      if (!r.inTable) throw new Error(`${kg} kg should be in the chart`);
      expect(r.buildingEvacuationM).toBeGreaterThanOrEqual(previous);
      previous = r.buildingEvacuationM;
    }
  });

  it('refuses to extrapolate beyond the first and last rows, and non-numbers', () => {
    for (const kg of [1, 2.2, 27217, 100000, 0, -5, Number.NaN]) {
      const d = distancesForCharge(table, kg);
      expect(d.inTable).toBe(false);
      if (!d.inTable) expect(d.message).toContain('not extrapolated');
    }
  });

  it('inverts: the largest charge whose building distance fits a standoff', () => {
    const onRow = largestChargeForStandoff(table, 98);
    expect(onRow.fits).toBe('interpolated');
    expect(onRow.chargeKg).toBeCloseTo(227, 9);
    // 159.458 m is the building distance of 1000 kg (above).
    const fit = largestChargeForStandoff(table, 159.45825770676106);
    expect(fit.fits).toBe('interpolated');
    expect(fit.chargeKg).toBeCloseTo(1000, 6);
    // A round trip anywhere in the chart.
    for (const kg of [3, 50, 300, 2500, 20000]) {
      const d = distancesForCharge(table, kg);
      if (!d.inTable) throw new Error('in the chart');
      expect(largestChargeForStandoff(table, d.buildingEvacuationM).chargeKg).toBeCloseTo(kg, 6);
    }
    // Under the smallest row: nothing fits; at or over the largest: at least the largest, said so.
    expect(largestChargeForStandoff(table, 10)).toMatchObject({
      fits: 'none',
      chargeKg: null,
      message: expect.stringContaining('2.3 kg Pipe bomb: 21 m'),
    });
    expect(largestChargeForStandoff(table, 600)).toMatchObject({
      fits: 'at-least-largest',
      chargeKg: 27216,
      message: expect.stringContaining('not extrapolated'),
    });
  });

  it('converts pounds exactly (the chart’s own units)', () => {
    expect(lbToKg(1)).toBe(0.45359237);
    expect(lbToKg(500)).toBeCloseTo(226.796, 3);
    expect(kgToLb(27216)).toBeCloseTo(60001.01, 2);
    for (const r of table.rows)
      expect(Math.abs(lbToKg(r.chargeLb) - r.chargeKg) / r.chargeKg).toBeLessThan(0.02);
  });

  it('rejects a table whose rows are out of order or incomplete, naming the row', () => {
    const raw = JSON.parse(JSON.stringify({ ...table, vehicleCharges: undefined })) as {
      rows: Record<string, unknown>[];
      vehicleCharges?: unknown;
    };
    const withCharges = (rows: unknown[]) => ({
      ...raw,
      rows,
      vehicleCharges: Object.fromEntries(
        Object.entries(table.vehicleCharges).map(([c, v]) => [c, { row: v.row.key, source: v.source }]),
      ),
      minimumVehicleStandoffM: table.minimumVehicleStandoffM,
    });
    expect(readThreatTable(withCharges(raw.rows)).rows).toHaveLength(8);
    const swapped = [...raw.rows];
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    expect(() => readThreatTable(withCharges(swapped))).toThrow('row "sedan" must have a larger charge');
    const missing = raw.rows.map((r, i) => (i === 2 ? { ...r, outdoorEvacuationM: null } : r));
    expect(() => readThreatTable(withCharges(missing))).toThrow(
      'row 3: outdoorEvacuationM must be a positive',
    );
    const unknownRow = { ...withCharges(raw.rows), vehicleCharges: { M1: { row: 'tank' } } };
    expect(() => readThreatTable(unknownRow as unknown)).toThrow('vehicleCharges.M1 must name a row');
    expect(table.source).toContain('NCTC');
  });
});
