import { describe, expect, it } from 'vitest';
import type { CoverageResult, VectorTailProperties } from '../api/coverage-types.js';
import {
  accessPointRows,
  cameraRows,
  formatArea,
  formatShare,
  redundancy,
  vectorRows,
  zoneRows,
} from './coverage-rows.js';

const tail = (over: Partial<VectorTailProperties>) => ({
  type: 'Feature' as const,
  geometry: { type: 'LineString' as const, coordinates: [] },
  properties: {
    zoneId: 'z1',
    vehicleClass: 'M1' as const,
    status: 'unmitigated' as const,
    impactSpeedKmh: 60,
    impactPoint: [0, 0],
    tailM: 50,
    seenM: 0,
    share: 0,
    impactSeen: false,
    impactSeenBy: [],
    ...over,
  },
});

const result: CoverageResult = {
  detailLevel: 'detect',
  vectorTailM: 50,
  cameras: [
    {
      id: 'c1',
      name: 'Gate camera',
      position: [0, 0],
      heightM: 6,
      bearingDeg: 45,
      hfovDeg: 67.74,
      resolutionPx: 3840,
      levels: [],
      viewAreaM2: 5295.3,
      coverageAreaM2: 1384.6,
      privacyAreaM2: 313.3,
      warnings: ['tiltDeg not set: our default 15 used.'],
    },
    {
      id: 'c2',
      name: null,
      position: [0, 0],
      heightM: 4,
      bearingDeg: 0,
      hfovDeg: 90,
      resolutionPx: 1920,
      levels: [],
      viewAreaM2: 0,
      coverageAreaM2: 7.46,
      privacyAreaM2: 0,
      warnings: [],
    },
  ],
  bands: { type: 'FeatureCollection', features: [] },
  coverage: { type: 'FeatureCollection', features: [] },
  zones: [
    {
      zoneId: 'z1',
      zoneName: 'Square',
      areaM2: 7998.9,
      seenAreaM2: 958.4,
      areaShare: 0.1198,
      redundantShare: 0,
      perimeterM: 360,
      seenPerimeterM: 359.2,
      perimeterShare: 0.9978,
      cameraIds: ['c1'],
    },
  ],
  blindSpots: { type: 'FeatureCollection', features: [] },
  vectors: {
    type: 'FeatureCollection',
    features: [
      tail({ vehicleClass: 'N3F', impactSpeedKmh: 48 }),
      tail({ impactSpeedKmh: 116.9, seenM: 50, share: 1, impactSeen: true, impactSeenBy: ['c1', 'c2'] }),
      tail({ impactSpeedKmh: 121.6, tailM: 31.4, seenM: 7.25, share: 0.2309, impactSeenBy: [] }),
    ],
  },
  accessPoints: [
    { measureId: 'k1', index: 0, kind: 'vehicle', position: [0, 0], seen: true, seenBy: ['c1'] },
    { measureId: 'k1', index: 1, kind: 'emergency', position: [0, 0], seen: false, seenBy: [] },
  ],
  privacy: { type: 'FeatureCollection', features: [] },
};

describe('coverage formatting', () => {
  it('gives areas in m², tenths below 10 m², thousands separated', () => {
    expect(formatArea(7998.9)).toBe('7,999 m²');
    expect(formatArea(7.46)).toBe('7.5 m²');
    expect(formatArea(0)).toBe('0 m²');
  });

  it('never rounds a share up to all or down to none', () => {
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.004)).toBe('<1%');
    expect(formatShare(0.1198)).toBe('12%');
    expect(formatShare(0.9978)).toBe('>99%');
    expect(formatShare(1)).toBe('100%');
  });
});

describe('coverage table rows', () => {
  it('gives each zone the share of its area and perimeter seen, with the metres behind them', () => {
    expect(zoneRows(result)).toEqual([
      {
        zoneId: 'z1',
        name: 'Square',
        area: '958 m² of 7,999 m²',
        areaShare: '12%',
        perimeter: '359 m of 360 m',
        perimeterShare: '>99%',
        redundant: '0%',
        cameras: 1,
      },
    ]);
  });

  it('lists each camera with its resolution, view, area at the level and privacy area', () => {
    expect(cameraRows(result)).toEqual([
      {
        id: 'c1',
        name: 'Gate camera',
        resolution: '3,840 px',
        fov: '67.7°',
        area: '1,385 m²',
        privacy: '313 m²',
        warnings: ['tiltDeg not set: our default 15 used.'],
      },
      {
        id: 'c2',
        name: 'Unnamed camera',
        resolution: '1,920 px',
        fov: '90°',
        area: '7.5 m²',
        privacy: 'none',
        warnings: [],
      },
    ]);
  });

  it('orders vectors by zone, class and fastest first, pointing back at each tail', () => {
    const rows = vectorRows(result, 'kmh');
    expect(rows.map((r) => [r.tail.properties.vehicleClass, r.speed, r.index])).toEqual([
      ['M1', '122 km/h', 2],
      ['M1', '117 km/h', 1],
      ['N3F', '48 km/h', 0],
    ]);
    expect(rows[0]).toMatchObject({
      zone: 'Square',
      seen: '7.3 m of 31 m',
      share: '23%',
      impact: 'not seen',
    });
    expect(rows[1]).toMatchObject({ seen: '50 m of 50 m', share: '100%', impact: 'seen by 2 cameras' });
    expect(vectorRows(result, 'mph')[0]!.speed).toBe('76 mph');
  });

  it('names access points by their cordon and says which are seen', () => {
    const rows = accessPointRows(result, new Map([['k1', 'North cordon']]));
    expect(rows.map((r) => [r.label, r.seen])).toEqual([
      ['North cordon, point 1 (vehicle)', 'seen by 1 camera'],
      ['North cordon, point 2 (emergency)', 'not seen'],
    ]);
    expect(accessPointRows(result, new Map())[0]!.label).toBe('Cordon, point 1 (vehicle)');
  });

  it('counts the impact and access points seen by two cameras or more', () => {
    expect(redundancy(result)).toEqual({ impactPoints: 1, accessPoints: 0 });
  });
});
