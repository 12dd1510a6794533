import { describe, expect, it } from 'vitest';
import type { StandoffEntry } from '../api/threat-types.js';
import { standoffRows } from './standoff-rows.js';

const entry = (over: Partial<StandoffEntry>): StandoffEntry => ({
  zoneId: 'z1',
  zoneName: 'Square',
  vehicleClass: 'M1',
  distanceM: 0,
  vehiclePoint: [0, 0],
  zonePoint: [0, 0],
  how: 'enters',
  measureId: null,
  penetrationM: null,
  chargeKg: 227,
  chargeSource: 'Car (sedan) row',
  buildingEvacuationM: 98,
  outdoorEvacuationM: 580,
  meetsBuildingDistance: false,
  largestChargeKg: null,
  largestChargeNote: '0 m is less than the building distance of the smallest charge in the chart.',
  underMinimum: true,
  ...over,
});

describe('standoff table rows', () => {
  it('orders by zone, then by vehicle class as the catalogue lists them, pointing back at each entry', () => {
    const rows = standoffRows(
      [
        entry({ zoneName: 'Square', vehicleClass: 'N3F' }),
        entry({ zoneName: 'Arena', zoneId: 'z2', vehicleClass: 'N2' }),
        entry({ zoneName: 'Square', vehicleClass: 'M1' }),
        entry({ zoneName: 'Arena', zoneId: 'z2', vehicleClass: 'N1G' }),
      ],
      10,
    );
    expect(rows.map((r) => [r.entry.zoneName, r.entry.vehicleClass, r.index])).toEqual([
      ['Arena', 'N1G', 3],
      ['Arena', 'N2', 1],
      ['Square', 'M1', 2],
      ['Square', 'N3F', 0],
    ]);
  });

  it('says a vehicle that gets in has no standoff, meets nothing and is under the floor', () => {
    const [row] = standoffRows([entry({})], 10);
    expect(row).toMatchObject({
      achieved: '0 m',
      how: 'gets in',
      required: '98 m (227 kg)',
      meets: 'no',
      largestCharge: 'none',
      underMinimum: 'under 10 m',
    });
  });

  it('gives the largest charge that fits a stopped vehicle’s standoff', () => {
    const [row] = standoffRows(
      [
        entry({
          distanceM: 60.3,
          chargeKg: 1814,
          buildingEvacuationM: 195,
          how: 'stopped',
          meetsBuildingDistance: false,
          largestChargeKg: 52.46,
          largestChargeNote: null,
          underMinimum: false,
        }),
      ],
      10,
    );
    expect(row).toMatchObject({
      achieved: '60 m',
      required: '195 m (1,814 kg)',
      how: 'stopped',
      meets: 'no',
      largestCharge: '52.5 kg',
      largestChargeNote: null,
      underMinimum: '',
    });
  });

  it('claims no more than the chart’s largest row, and any charge for a vehicle that never gets there', () => {
    const [beyond, nowhere] = standoffRows(
      [
        entry({
          vehicleClass: 'M1',
          distanceM: 612,
          how: 'reached',
          meetsBuildingDistance: true,
          largestChargeKg: 27216,
          largestChargeNote: '612 m covers the largest charge in the chart.',
          underMinimum: false,
        }),
        entry({
          vehicleClass: 'N2',
          distanceM: null,
          vehiclePoint: null,
          zonePoint: null,
          how: 'unreachable',
          meetsBuildingDistance: true,
          largestChargeNote: 'The vehicle gets nowhere.',
          underMinimum: false,
        }),
      ],
      10,
    );
    expect(beyond).toMatchObject({
      achieved: '612 m',
      how: 'nearest reach',
      meets: 'yes',
      largestCharge: '≥ 27,216 kg',
    });
    expect(nowhere).toMatchObject({
      achieved: '—',
      how: 'never gets there',
      meets: 'yes',
      largestCharge: 'any',
    });
  });
});
