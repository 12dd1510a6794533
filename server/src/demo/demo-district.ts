import type { Feature, FeatureCollection, Geometry, Polygon, Position } from 'geojson';

/**
 * "Bulwark Demo Square": a small made-up district for the demo site, generated here and committed as our
 * own data (data/demo-site.geojson). It copies no real place: it sits just east of the Greenwich meridian
 * (centre 0.0061 E, 51.4813 N) only so that its coordinates are easy to recognise and all positive; its
 * streets do not match the real map there.
 *
 * Layout, in metres east (x) and north (y) of the square's centre: a 560 m × 480 m grid of streets of
 * several classes around a 100 m × 80 m pedestrian square. A straight avenue runs 220 m into the square
 * from the south with nothing across it (the demo's open approach); the west entry has fixed bollards, the
 * east one rising bollards, the north one two blocks with a gap a car passes. Around it: a park, a car park,
 * a churchyard wall and ~27 buildings with heights. Features are written like `osmium export` output:
 * `@type`, `@id` (negative: not OpenStreetMap objects) and OSM tags as strings.
 */

const DEMO_CENTRE: Position = [0.0061, 51.4813];
const DEMO_SITE_NAME = 'Bulwark Demo Square';

type Tags = Record<string, string>;
type OsmType = 'node' | 'way' | 'relation';
type Xy = [number, number];

interface DemoZone {
  name: string;
  kind: 'crowd';
  geometry: Polygon;
}

export interface DemoSiteDefinition {
  name: string;
  description: string;
  /** The file holding the district's map data, relative to this definition. */
  features: string;
  areaOfInterest: Polygon;
  zones: DemoZone[];
}

// Metres per degree at the centre's latitude on the WGS84 ellipsoid (standard series); a local
// equirectangular frame is exact to well under a centimetre over 600 m.
const PHI = (DEMO_CENTRE[1]! * Math.PI) / 180;
const M_PER_DEG_LAT = 111132.92 - 559.82 * Math.cos(2 * PHI) + 1.175 * Math.cos(4 * PHI);
const M_PER_DEG_LON = 111412.84 * Math.cos(PHI) - 93.5 * Math.cos(3 * PHI);

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
const lonLat = ([x, y]: Xy): Position => [
  round7(DEMO_CENTRE[0]! + x / M_PER_DEG_LON),
  round7(DEMO_CENTRE[1]! + y / M_PER_DEG_LAT),
];

/** A closed counter-clockwise ring (RFC 7946 exterior) from the corners of a rectangle. */
const rect = (x0: number, y0: number, x1: number, y1: number): Xy[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

const SQUARE: Xy[] = rect(-50, -40, 50, 40);
const AREA_OF_INTEREST: Xy[] = rect(-280, -240, 280, 240);

class DistrictWriter {
  readonly features: Feature[] = [];
  private readonly next: Record<OsmType, number> = { node: -1, way: -1001, relation: -2001 };

  private add(type: OsmType, tags: Tags, geometry: Geometry): void {
    const id = this.next[type]--;
    this.features.push({ type: 'Feature', geometry, properties: { '@type': type, '@id': id, ...tags } });
  }

  node(at: Xy, tags: Tags): void {
    this.add('node', tags, { type: 'Point', coordinates: lonLat(at) });
  }

  line(points: Xy[], tags: Tags): void {
    this.add('way', tags, { type: 'LineString', coordinates: points.map(lonLat) });
  }

  area(ring: Xy[], tags: Tags): void {
    this.add('way', tags, { type: 'Polygon', coordinates: [ring.map(lonLat)] });
  }

  /** A multipolygon relation: one outer ring with holes. */
  areaWithHoles(outer: Xy[], holes: Xy[][], tags: Tags): void {
    const rings = [outer, ...holes.map((h) => [...h].reverse())].map((r) => r.map(lonLat));
    this.add('relation', { type: 'multipolygon', ...tags }, { type: 'MultiPolygon', coordinates: [rings] });
  }
}

interface Way {
  points: Xy[];
  tags: Tags;
}

// Streets, east–west (constant y) and north–south (constant x), with ends beyond the area of interest so
// that the network continues past its edge.
const STREETS: Way[] = [
  {
    points: [
      [-300, -200],
      [300, -200],
    ],
    tags: { highway: 'primary', lanes: '2', name: 'Harbour Road' },
  },
  {
    points: [
      [-300, -100],
      [300, -100],
    ],
    tags: { highway: 'residential', name: 'Mill Lane' },
  },
  {
    points: [
      [-300, 0],
      [-50, 0],
    ],
    tags: { highway: 'tertiary', width: '8', name: 'Market Street' },
  },
  {
    points: [
      [50, 0],
      [300, 0],
    ],
    tags: { highway: 'living_street', name: 'Church Lane' },
  },
  {
    points: [
      [300, 100],
      [-300, 100],
    ],
    tags: { highway: 'residential', oneway: 'yes', name: 'Chapel Street' },
  },
  {
    points: [
      [-300, 200],
      [300, 200],
    ],
    tags: { highway: 'secondary', lanes: '2', surface: 'asphalt', name: 'North Street' },
  },
  {
    points: [
      [-240, -260],
      [-240, 260],
    ],
    tags: { highway: 'tertiary', name: 'West Parade' },
  },
  {
    points: [
      [-120, -260],
      [-120, 260],
    ],
    tags: { highway: 'residential', name: 'Bell Street' },
  },
  {
    points: [
      [0, -260],
      [0, -40],
    ],
    tags: { highway: 'secondary', lanes: '2', width: '10', name: 'Meridian Avenue' },
  },
  {
    points: [
      [0, 40],
      [0, 260],
    ],
    tags: { highway: 'pedestrian', name: 'Observatory Row' },
  },
  {
    points: [
      [120, -260],
      [120, 260],
    ],
    tags: { highway: 'residential', name: 'Rope Walk' },
  },
  {
    points: [
      [240, 260],
      [240, -260],
    ],
    tags: { highway: 'tertiary', oneway: 'yes', name: 'East Parade' },
  },
];

const PATHS: Way[] = [
  // Two walks crossing in the middle of the park, the first one joining the streets through its gates.
  {
    points: [
      [-240, 112],
      [-228, 112],
      [-180, 150],
      [-132, 188],
      [-120, 188],
    ],
    tags: { highway: 'footway', name: 'Gardens Walk' },
  },
  {
    points: [
      [-228, 188],
      [-180, 150],
      [-132, 112],
    ],
    tags: { highway: 'footway' },
  },
  {
    points: [
      [-50, 40],
      [-50, 100],
    ],
    tags: { highway: 'footway', name: 'Town Hall Passage' },
  },
  {
    points: [
      [50, -20],
      [56, -20],
      [56, -100],
    ],
    tags: { highway: 'footway', name: 'Hotel Walk' },
  },
  {
    points: [
      [-300, -190],
      [300, -190],
    ],
    tags: { highway: 'cycleway', name: 'Harbour Cycleway' },
  },
  {
    points: [
      [180, -200],
      [180, -130],
    ],
    tags: { highway: 'service', service: 'parking_aisle' },
  },
];

/** Where two axis-parallel segments meet at a right angle (crossing or T-junction), else null. */
function junction(a: Xy, b: Xy, c: Xy, d: Xy): Xy | null {
  const within = (v: number, p: number, q: number) => v >= Math.min(p, q) && v <= Math.max(p, q);
  if (a[1] === b[1] && c[0] === d[0] && within(c[0], a[0], b[0]) && within(a[1], c[1], d[1]))
    return [c[0], a[1]];
  if (a[0] === b[0] && c[1] === d[1] && within(a[0], c[0], d[0]) && within(c[1], a[1], b[1]))
    return [a[0], c[1]];
  return null;
}

/** The way's points plus every junction with another way on its segments, as OSM ways share junction nodes. */
function withJunctions(way: Xy[], others: Xy[][]): Xy[] {
  const out: Xy[] = [];
  for (let i = 0; i < way.length - 1; i++) {
    const [a, b] = [way[i]!, way[i + 1]!];
    const distance = (p: Xy) => Math.abs(p[0] - a[0]) + Math.abs(p[1] - a[1]);
    const inner = new Map<string, Xy>();
    for (const other of others) {
      for (let j = 0; j < other.length - 1; j++) {
        const p = junction(a, b, other[j]!, other[j + 1]!);
        if (p && distance(p) > 0 && (p[0] !== b[0] || p[1] !== b[1])) inner.set(p.join(), p);
      }
    }
    out.push(a, ...[...inner.values()].sort((p, q) => distance(p) - distance(q)));
  }
  out.push(way[way.length - 1]!);
  return out;
}

/** Terraces: a north and a south row of houses in an ordinary block (12 m from the street centre lines). */
function terraces(
  w: DistrictWriter,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  heights: [Tags, Tags],
): void {
  w.area(rect(x0 + 12, y1 - 30, x1 - 12, y1 - 12), { building: 'terrace', ...heights[0] });
  w.area(rect(x0 + 12, y0 + 12, x1 - 12, y0 + 30), { building: 'terrace', ...heights[1] });
}

function buildings(w: DistrictWriter): void {
  // Ordinary blocks, by their street centre lines [x0, y0, x1, y1], with how tall their two rows are
  // (a height tag, a number of levels, or nothing known).
  const blocks: [number, number, number, number, [Tags, Tags]][] = [
    [-240, -200, -120, -100, [{ height: '12' }, { 'building:levels': '3' }]],
    [0, -200, 120, -100, [{ 'building:levels': '4' }, { 'building:levels': '4' }]],
    [-240, -100, -120, 0, [{ height: '9.5' }, {}]],
    [120, -100, 240, 0, [{ 'building:levels': '5' }, { height: '16' }]],
    [-240, 0, -120, 100, [{ 'building:levels': '3' }, { 'building:levels': '2' }]],
    [120, 0, 240, 100, [{ height: '11' }, { 'building:levels': '3' }]],
    [-120, 100, 0, 200, [{ 'building:levels': '6' }, { height: '19.5' }]],
    [0, 100, 120, 200, [{}, { 'building:levels': '4' }]],
    [120, 100, 240, 200, [{ height: '14' }, { height: '14' }]],
  ];
  for (const [x0, y0, x1, y1, heights] of blocks) terraces(w, x0, y0, x1, y1, heights);

  // An office block round a courtyard: a multipolygon with a hole.
  w.areaWithHoles(rect(-108, -188, -12, -112), [rect(-88, -168, -32, -132)], {
    building: 'office',
    name: 'Exchange Court',
    'building:levels': '7',
  });

  // The four blocks at the square's corners, with the buildings that face it.
  w.area(rect(-108, -60, -62, -12), { building: 'retail', name: 'Market Hall', height: '12' });
  w.area(rect(-45, -88, -12, -52), { building: 'apartments', name: 'Avenue Flats', 'building:levels': '6' });
  w.area(rect(62, -88, 108, -12), { building: 'hotel', name: 'Grand Hotel', height: '30' });
  w.area(rect(12, -88, 50, -52), { building: 'retail', name: 'Avenue Shops', 'building:levels': '2' });
  w.area(rect(-108, 12, -62, 60), { building: 'townhall', name: 'Town Hall', height: '18' });
  w.area(rect(-45, 52, -12, 88), { building: 'apartments', name: 'Meridian House', 'building:levels': '5' });
  w.area(rect(12, 52, 50, 88), { building: 'house', 'building:levels': '3' });
  // The church: a nave with a tower at its west end (an L-shaped outline).
  w.area(
    [
      [70, 30],
      [105, 30],
      [105, 70],
      [70, 70],
      [70, 56],
      [62, 56],
      [62, 44],
      [70, 44],
      [70, 30],
    ],
    { building: 'church', name: 'St Meridian', height: '24' },
  );
}

function openSpaces(w: DistrictWriter): void {
  w.area(SQUARE, { highway: 'pedestrian', area: 'yes', name: DEMO_SITE_NAME, surface: 'paving_stones' });
  w.area(rect(-228, 112, -132, 188), { leisure: 'park', name: 'Meridian Gardens' });
  w.area(rect(132, -188, 228, -112), { amenity: 'parking', parking: 'surface', name: 'Harbour Car Park' });
  w.area(rect(58, 14, 112, 88), { landuse: 'grass', name: 'Churchyard' });
  w.area(rect(-108, -88, -62, -70), { landuse: 'grass' });
}

function furniture(w: DistrictWriter): void {
  // West entry (Market Street, 8 m wide): fixed bollards at 1.5 m centres.
  for (let y = -4.5; y <= 4.5; y += 1.5) w.node([-50, y], { barrier: 'bollard', bollard: 'fixed' });
  // East entry (Church Lane): three rising bollards.
  for (const y of [-2, 0, 2]) w.node([50, y], { barrier: 'bollard', bollard: 'rising' });
  // North entry (Observatory Row, pedestrian but drivable): two concrete blocks 5 m apart.
  for (const x of [-2.5, 2.5]) w.node([x, 92], { barrier: 'block' });
  // Churchyard wall with a gate facing the square.
  w.line(
    [
      [58, 22],
      [58, 88],
      [112, 88],
      [112, 14],
      [58, 14],
      [58, 18],
    ],
    { barrier: 'wall', height: '1.8' },
  );
  w.node([58, 20], { barrier: 'gate', width: '3' });
  // Park railings with a gate on each diagonal walk (the walks pass through the corners).
  w.line(
    [
      [-226, 112],
      [-132, 112],
      [-132, 186],
    ],
    { barrier: 'fence' },
  );
  w.line(
    [
      [-134, 188],
      [-228, 188],
      [-228, 114],
    ],
    { barrier: 'fence' },
  );
  w.node([-228, 112], { barrier: 'gate' });
  w.node([-132, 188], { barrier: 'gate' });
  // Car park: a lift gate at the entrance and a low wall along Harbour Road either side of it.
  w.node([180, -188], { barrier: 'lift_gate' });
  w.line(
    [
      [132, -188],
      [175, -188],
    ],
    { barrier: 'wall', height: '0.8' },
  );
  w.line(
    [
      [185, -188],
      [228, -188],
    ],
    { barrier: 'wall', height: '0.8' },
  );
}

const polygon = (ring: Xy[]): Polygon => ({ type: 'Polygon', coordinates: [ring.map(lonLat)] });

/** The district's map data and the site definition that goes with it. Deterministic. */
export function demoDistrict(): { features: FeatureCollection; site: DemoSiteDefinition } {
  const w = new DistrictWriter();
  const ways = [...STREETS, ...PATHS];
  for (const way of ways) {
    const others = ways.filter((o) => o !== way).map((o) => o.points);
    w.line(withJunctions(way.points, others), way.tags);
  }
  openSpaces(w);
  buildings(w);
  furniture(w);
  return {
    features: { type: 'FeatureCollection', features: w.features },
    site: {
      name: DEMO_SITE_NAME,
      description:
        'A made-up district generated by Bulwark (npm run demo:generate) to try the planner: a pedestrian ' +
        'square with a straight avenue running into it from the south. Not a real place.',
      features: 'demo-site.geojson',
      areaOfInterest: polygon(AREA_OF_INTEREST),
      zones: [{ name: 'Square crowd area', kind: 'crowd', geometry: polygon(SQUARE) }],
    },
  };
}

/** GeoJSON text with one feature per line, as `osmium export` writes it: small diffs, easy to read. */
export function featureCollectionText(collection: FeatureCollection): string {
  return `{"type":"FeatureCollection","features":[\n${collection.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}
