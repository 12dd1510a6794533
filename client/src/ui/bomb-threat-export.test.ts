import { describe, expect, it } from 'vitest';
import type { BombThreatResult } from '../api/threat-types.js';
import { bombThreatCsv, bombThreatGeoJson, csvField, exportFileName } from './bomb-threat-export.js';
import { buildingRows, kindSummary, threatLabel } from './bomb-threat-lists.js';

const ring = (which: 'building' | 'outdoor', radiusM: number) => ({
  type: 'Feature' as const,
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  },
  properties: { ring: which, radiusM },
});

const church = { id: 7, osmId: 'way/70', name: 'St Mary, "the old one"', kind: 'church', distanceM: 12.5 };
const house = { id: 9, osmId: 'way/90', name: null, kind: 'house', distanceM: 40 };
const shop = { id: 3, osmId: 'relation/3', name: '=HYPERLINK("x")', kind: 'retail', distanceM: 300.2 };

const RESULT: BombThreatResult = {
  threat: {
    chargeKg: 2.3,
    chargeLb: 5,
    row: { key: 'pipe-bomb', label: 'Pipe bomb' },
    between: null,
    buildingEvacuationM: 21,
    outdoorEvacuationM: 366,
    source: 'NCTC chart',
  },
  location: [0.0045, 51.4813],
  rings: { type: 'FeatureCollection', features: [ring('building', 21), ring('outdoor', 366)] },
  evacuate: {
    building: { count: 1, byKind: { church: 1 }, buildings: [church] },
    outdoor: { count: 3, byKind: { church: 1, house: 1, retail: 1 }, buildings: [church, house, shop] },
  },
  cordonPoints: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [-0.001, 51.48] },
        properties: { cordon: 'traffic', featureId: 11, name: 'Harbour Road', kind: 'primary' },
      },
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [0.002, 51.479] },
        properties: { cordon: 'pedestrian', featureId: 12, name: null, kind: 'footway' },
      },
    ],
  },
  assemblyAreas: [
    {
      id: 20,
      name: 'Town Park',
      kind: 'park',
      areaM2: 12000,
      distanceM: 410,
      at: { type: 'Point', coordinates: [0.01, 51.49] },
    },
  ],
  walkingDistanceM: 500,
  attribution: '© OpenStreetMap contributors',
};

describe('bomb-threat lists', () => {
  it('lists each building once, in the innermost ring it is in, nearest first', () => {
    expect(buildingRows(RESULT).map((b) => [b.id, b.ring])).toEqual([
      [7, 'building'],
      [9, 'outdoor'],
      [3, 'outdoor'],
    ]);
  });

  it('counts buildings by type, most first, then by name', () => {
    expect(kindSummary({ terrace: 18, church: 1, apartments: 2, hotel: 1 })).toBe(
      '18 terrace, 2 apartments, 1 church, 1 hotel',
    );
    expect(kindSummary({})).toBe('');
  });

  it('names the threat by its chart row, or by the rows a typed charge lies between', () => {
    expect(threatLabel(RESULT.threat)).toBe('Pipe bomb, 2.3 kg TNT (5 lb)');
    expect(
      threatLabel({
        ...RESULT.threat,
        chargeKg: 100,
        chargeLb: 220.5,
        row: null,
        between: ['briefcase', 'sedan'],
      }),
    ).toBe('100 kg TNT (220.5 lb), between chart rows briefcase and sedan');
  });
});

describe('CSV export', () => {
  it('quotes fields with commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('Harbour Road')).toBe('Harbour Road');
    expect(csvField('St Mary, "the old one"')).toBe('"St Mary, ""the old one"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });

  it('keeps numbers as numbers (a negative longitude too) and defuses text a spreadsheet would run', () => {
    expect(csvField(-0.001)).toBe('-0.001');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-minus')).toBe("'-minus");
    expect(csvField('@home')).toBe("'@home");
  });

  it('writes one table: the threat, the buildings by ring, the cordon points, the assembly areas', () => {
    const lines = bombThreatCsv(RESULT).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toEqual([
      'list,rank,id,osm_id,name,kind,distance_m,area_m2,longitude,latitude,note',
      'threat,,,,Pipe bomb,,,,0.0045,51.4813,"Pipe bomb, 2.3 kg TNT (5 lb); building evacuation 21 m; ' +
        'outdoor evacuation 366 m; NCTC chart; map data © OpenStreetMap contributors"',
      'building-evacuation,1,7,way/70,"St Mary, ""the old one""",church,12.5,,,,',
      'outdoor-evacuation,2,9,way/90,,house,40,,,,',
      `outdoor-evacuation,3,3,relation/3,"'=HYPERLINK(""x"")",retail,300.2,,,,`,
      'traffic-cordon,,11,,Harbour Road,primary,,,-0.001,51.48,',
      'pedestrian-cordon,,12,,,footway,,,0.002,51.479,',
      'assembly-area,1,20,,Town Park,park,410,12000,0.01,51.49,',
    ]);
  });
});

describe('GeoJSON export', () => {
  it('holds the location, both rings, the buildings (without geometry), cordon points and assembly areas', () => {
    const collection = bombThreatGeoJson(RESULT);
    expect(collection.attribution).toBe('© OpenStreetMap contributors');
    expect(collection.features.map((f) => [f.properties?.list, f.geometry?.type ?? null])).toEqual([
      ['threat', 'Point'],
      ['building-evacuation-ring', 'Polygon'],
      ['outdoor-evacuation-ring', 'Polygon'],
      ['building-evacuation', null],
      ['outdoor-evacuation', null],
      ['outdoor-evacuation', null],
      ['traffic-cordon', 'Point'],
      ['pedestrian-cordon', 'Point'],
      ['assembly-area', 'Point'],
    ]);
    expect(collection.features[3]!.properties).toMatchObject({ id: 7, osmId: 'way/70', kind: 'church' });
    expect(collection.features[8]!.properties).toMatchObject({ rank: 1, areaM2: 12000, name: 'Town Park' });
  });

  it('names the files by the threat and the place', () => {
    expect(exportFileName(RESULT)).toBe('bomb-threat-pipe-bomb-0.00450-51.48130');
    expect(exportFileName({ ...RESULT, threat: { ...RESULT.threat, row: null, chargeKg: 100 } })).toBe(
      'bomb-threat-100kg-0.00450-51.48130',
    );
  });
});
