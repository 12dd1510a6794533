import type { FeatureLayer, WidthSource } from './feature-record.js';
import {
  isTagSet,
  parseLanes,
  parseHeightM,
  parseLengthM,
  parseLevels,
  parseOneway,
  parseZLayer,
} from './parse-tag-values.js';

export type OsmTags = Readonly<Record<string, string>>;
export type GeometryKind = 'point' | 'line' | 'area';

/** What the classifier decided for one OSM object; the reader adds ids, name and geometry. */
export interface Classification {
  layer: FeatureLayer;
  kind: string;
  widthM: number | null;
  widthSource: WidthSource | null;
  lanes: number | null;
  oneway: boolean | null;
  zLayer: number;
  bridge: boolean;
  tunnel: boolean;
  heightM: number | null;
  levels: number | null;
  keptTags: Record<string, string>;
}

/** Highways a motor vehicle can drive on (`track` included: passable by a hostile driver). */
const ROAD_HIGHWAYS: ReadonlySet<string> = new Set([
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'motorway_link',
  'trunk_link',
  'primary_link',
  'secondary_link',
  'tertiary_link',
  'unclassified',
  'residential',
  'living_street',
  'service',
  'road',
  'busway',
  'track',
]);

/** Pedestrian/cycle ways. DOMAIN.md §3: open space (plazas, promenades, footways) is part of the approach. */
const PATH_HIGHWAYS: ReadonlySet<string> = new Set([
  'pedestrian',
  'footway',
  'cycleway',
  'path',
  'bridleway',
  'steps',
  'corridor',
]);

/**
 * Per-highway-type width when OSM has neither `width` nor `lanes` — **our default** (DOMAIN.md §2: "widths
 * from OSM `width`, lanes × 3.25 m, or per highway type"), an engineering assumption shown to the user with
 * widthSource 'default'. Roughly: usable carriageway between kerbs for the class, one value per class.
 * Links are single-carriageway ramps (one lane plus margins).
 */
export const DEFAULT_WIDTH_M: Readonly<Record<string, number>> = {
  motorway: 11,
  trunk: 10,
  primary: 9,
  secondary: 8,
  tertiary: 7,
  motorway_link: 5,
  trunk_link: 5,
  primary_link: 5,
  secondary_link: 5,
  tertiary_link: 5,
  unclassified: 6,
  residential: 6,
  road: 6,
  living_street: 5,
  service: 4,
  busway: 4,
  track: 3,
  pedestrian: 6,
  footway: 2,
  cycleway: 2.5,
  path: 1.5,
  bridleway: 2,
  steps: 2,
  corridor: 2,
};

/** DOMAIN.md §2: lane-count width estimate, lanes × 3.25 m. */
export const LANE_WIDTH_M = 3.25;
/** Storey height used when a building has `building:levels` but no `height` — our default. */
export const STOREY_HEIGHT_M = 3;
/** A `width` above this is a typo or a unit mix-up (mm, cm) rather than a street; fall back to estimates. */
const MAX_PLAUSIBLE_WIDTH_M = 100;

/**
 * Tags copied onto the feature record. The brief's list plus `junction` (roundabouts imply one-way),
 * `footway` (sidewalk/crossing) and `service` (driveway, parking aisle), which the analysis uses to tell
 * a sidewalk or a driveway from a street.
 */
export const KEPT_TAG_KEYS: readonly string[] = [
  'highway',
  'width',
  'est_width',
  'lanes',
  'oneway',
  'layer',
  'level',
  'bridge',
  'tunnel',
  'access',
  'motor_vehicle',
  'vehicle',
  'surface',
  'barrier',
  'area',
  'area:highway',
  'name',
  'building',
  'building:levels',
  'height',
  'min_height',
  'amenity',
  'landuse',
  'leisure',
  'natural',
  'place',
  'water',
  'waterway',
  'man_made',
  'incline',
  'smoothness',
  'bollard',
  'maxwidth',
  'covered',
  'junction',
  'footway',
  'service',
];

/** Keys that make a closed way an area (after the OSM wiki's area rules, as in osm-polygon-features). */
const AREA_KEYS: readonly string[] = [
  'building',
  'building:part',
  'area:highway',
  'landuse',
  'leisure',
  'amenity',
  'place',
  'water',
  'tourism',
  'shop',
  'historic',
  'military',
  'office',
  'craft',
  'public_transport',
  'aeroway',
];
/** natural=* and man_made=* values that are lines even when the way is closed. */
const LINEAR_NATURAL: ReadonlySet<string> = new Set([
  'coastline',
  'cliff',
  'ridge',
  'arete',
  'tree_row',
  'earth_bank',
]);
const LINEAR_MAN_MADE: ReadonlySet<string> = new Set(['cutline', 'embankment', 'pipeline', 'groyne']);
const AREA_WATERWAYS: ReadonlySet<string> = new Set(['riverbank', 'dock', 'boatyard', 'dam']);

export function isRoadHighway(value: string | undefined): boolean {
  return value !== undefined && ROAD_HIGHWAYS.has(value);
}

export function isPathHighway(value: string | undefined): boolean {
  return value !== undefined && PATH_HIGHWAYS.has(value);
}

/**
 * Whether a closed way is an area or a closed line (a roundabout, a fence around a garden).
 * - `area=no` → line, `area=yes` → area.
 * - A closed road or path is a loop unless tagged `area=yes` (OSM wiki: highway=pedestrian areas need
 *   area=yes), whatever else it carries.
 * - Barriers stay lines: a wall or fence ring is an obstacle along its line, not a solid block.
 * - Otherwise area when any area key is present (building, landuse, leisure, amenity, place, …).
 */
export function closedWayIsArea(tags: OsmTags): boolean {
  if (tags.area === 'no') return false;
  if (tags.area === 'yes') return true;
  if (isRoadHighway(tags.highway) || isPathHighway(tags.highway)) return false;
  for (const key of AREA_KEYS) {
    if (tags[key] !== undefined && tags[key] !== 'no') return true;
  }
  if (tags.natural !== undefined && !LINEAR_NATURAL.has(tags.natural)) return true;
  if (tags.man_made !== undefined && !LINEAR_MAN_MADE.has(tags.man_made)) return true;
  if (tags.waterway !== undefined && AREA_WATERWAYS.has(tags.waterway)) return true;
  return false;
}

/** Geometry kind of a way: closed (≥ 4 refs, first = last) and area-tagged → area, else line. */
export function wayGeometryKind(tags: OsmTags, isClosed: boolean): GeometryKind {
  return isClosed && closedWayIsArea(tags) ? 'area' : 'line';
}

function keepTags(tags: OsmTags): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const key of KEPT_TAG_KEYS) {
    const value = tags[key];
    if (value !== undefined) kept[key] = value;
  }
  return kept;
}

function tagWidthM(tags: OsmTags): number | null {
  for (const key of ['width', 'est_width'] as const) {
    const width = parseLengthM(tags[key]);
    if (width !== null && width <= MAX_PLAUSIBLE_WIDTH_M) return width;
  }
  return null;
}

function base(layer: FeatureLayer, kind: string, tags: OsmTags): Classification {
  return {
    layer,
    kind,
    widthM: null,
    widthSource: null,
    lanes: null,
    oneway: null,
    zLayer: parseZLayer(tags.layer),
    bridge: isTagSet(tags.bridge),
    tunnel: isTagSet(tags.tunnel),
    heightM: parseHeightM(tags.height),
    levels: null,
    keptTags: keepTags(tags),
  };
}

function classifyWay(layer: 'roads' | 'paths', highway: string, tags: OsmTags): Classification {
  const result = base(layer, highway, tags);
  const lanes = parseLanes(tags.lanes);
  result.lanes = lanes;
  const tagged = tagWidthM(tags);
  if (tagged !== null) {
    result.widthM = tagged;
    result.widthSource = 'tag';
  } else if (lanes !== null && layer === 'roads') {
    result.widthM = Math.round(lanes * LANE_WIDTH_M * 100) / 100;
    result.widthSource = 'lanes';
  } else {
    result.widthM = DEFAULT_WIDTH_M[highway] ?? null;
    result.widthSource = result.widthM === null ? null : 'default';
  }
  // Implied one-ways (OSM wiki: motorways and roundabouts are one-way without an oneway tag).
  const implied =
    highway === 'motorway' ||
    highway === 'motorway_link' ||
    tags.junction === 'roundabout' ||
    tags.junction === 'circular';
  result.oneway = parseOneway(tags.oneway) ?? (implied ? true : null);
  return result;
}

function classifyBuilding(building: string, tags: OsmTags): Classification {
  const result = base('buildings', building === 'yes' ? 'building' : building, tags);
  const levels = parseLevels(tags['building:levels']);
  result.levels = levels;
  if (result.heightM === null && levels !== null && levels > 0) {
    result.heightM = Math.round(levels * STOREY_HEIGHT_M * 100) / 100;
  }
  return result;
}

const SYNONYMS: Readonly<Record<string, string>> = {
  forest: 'wood',
  meadow: 'grass',
  village_green: 'grass',
  grassland: 'grass',
  bare_rock: 'rock',
  reservoir: 'water',
  basin: 'water',
};

/**
 * Short normalised type of an open area, or null when the area is not one we keep. Order matters: the
 * most specific tag wins (a square that is also landuse=retail is a 'square').
 */
export function openAreaKind(tags: OsmTags): string | null {
  const areaHighway = tags['area:highway'];
  if (areaHighway !== undefined && areaHighway !== 'no') return areaHighway;
  if (tags.place === 'square') return 'square';
  const amenity = tags.amenity;
  if (amenity === 'parking' || amenity === 'parking_space') return 'parking';
  if (amenity === 'marketplace' || amenity === 'fountain') return amenity;
  if (
    tags.natural === 'water' ||
    (tags.water !== undefined && tags.water !== 'no') ||
    (tags.waterway !== undefined && AREA_WATERWAYS.has(tags.waterway) && tags.waterway !== 'dam') ||
    tags.landuse === 'reservoir' ||
    tags.landuse === 'basin'
  ) {
    return 'water';
  }
  const leisure = tags.leisure;
  if (leisure !== undefined && leisure !== 'no') return leisure;
  const landuse = tags.landuse;
  if (landuse !== undefined && landuse !== 'no') return SYNONYMS[landuse] ?? landuse;
  const natural = tags.natural;
  if (natural !== undefined && !LINEAR_NATURAL.has(natural) && natural !== 'tree')
    return SYNONYMS[natural] ?? natural;
  const manMade = tags.man_made;
  if (manMade === 'pier' || manMade === 'breakwater' || manMade === 'bridge' || manMade === 'quay')
    return manMade;
  return null;
}

/**
 * Decides whether an OSM object is kept and in which layer. Pure: the same tags and geometry kind always
 * give the same answer. `geometryKind` is what the reader built: 'point' for nodes, 'line' for open ways
 * and closed ways that are not areas (see closedWayIsArea), 'area' for closed area ways and multipolygons.
 * Returns null when the object is not kept.
 */
export function classify(tags: OsmTags, geometryKind: GeometryKind): Classification | null {
  // Buildings: footprints only. building:part is skipped (parts overlap their building's outline).
  const building = tags.building;
  if (building !== undefined && building !== 'no' && geometryKind === 'area') {
    return classifyBuilding(building, tags);
  }

  const highway = tags.highway;
  const isRoad = isRoadHighway(highway);
  const isPath = isPathHighway(highway);
  if (highway !== undefined && (isRoad || isPath)) {
    if (geometryKind === 'line') return classifyWay(isRoad ? 'roads' : 'paths', highway, tags);
    if (geometryKind === 'area') {
      // A mapped street/square surface (highway=pedestrian + area=yes, or a pedestrian multipolygon).
      return base('areas', highway, tags);
    }
  }

  if (geometryKind === 'area') {
    const kind = openAreaKind(tags);
    if (kind !== null) return base('areas', kind, tags);
  }

  const barrier = tags.barrier;
  if (barrier !== undefined && barrier !== 'no') {
    const result = base('furniture', barrier, tags);
    // A gate's or gap's width is the opening a vehicle might fit through (DOMAIN.md §6).
    const width = tagWidthM(tags) ?? parseLengthM(tags.maxwidth);
    if (width !== null && width <= MAX_PLAUSIBLE_WIDTH_M) {
      result.widthM = width;
      result.widthSource = 'tag';
    }
    return result;
  }
  return null;
}
