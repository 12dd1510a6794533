/**
 * Which imported features a vehicle can drive on, which stop it, and which say nothing (DOMAIN.md §3).
 * The kinds are the ones `import/classify.ts` produces. The rule for anything not listed: it is neither
 * open space nor an obstacle, i.e. "unmapped land" (blocked by default, open under the conservative
 * policy). Every choice here is **our default**.
 */

/**
 * How an `areas` polygon at ground level is modelled:
 * - open: open space a vehicle can cross (gets grid cells);
 * - deck: a structure over water (pier, quay) that is open space at ground level and overrides water;
 * - water: an obstacle (so is a building);
 * - steps: an obstacle (a flight of steps mapped as an area);
 * - none: says nothing about driving (land use, woods, beaches…): unmapped land.
 */
export type AreaRole = 'open' | 'deck' | 'water' | 'steps' | 'none';

/** Open space other than street surfaces (which are all open, see areaRole). */
const OPEN_AREA_KINDS: ReadonlySet<string> = new Set([
  // Paved open spaces.
  'square',
  'parking',
  'parking_space',
  'marketplace',
  // Soft ground a vehicle drives over (DOMAIN.md §3: "grass"), and running tracks.
  'grass',
  'park',
  'garden',
  'pitch',
  'playground',
  'common',
  'dog_park',
  'recreation_ground',
  'track',
]);

const WATER_AREA_KINDS: ReadonlySet<string> = new Set([
  'water',
  'swimming_pool',
  'fountain',
  'marina',
  'wetland',
  'bay',
]);

/**
 * Piers and quays are decks at ground level: open space that wins over the water polygon they stand in.
 * Breakwaters (rock armour) and bridges (an outline over what passes below) are not.
 */
const DECK_AREA_KINDS: ReadonlySet<string> = new Set(['pier', 'quay']);

/**
 * The role of an `areas` polygon. Street surfaces (`area:highway=*`, or a highway mapped as an area, e.g.
 * a pedestrian square) are open whatever their class: a vehicle crosses kerbs and traffic islands. Their
 * kind can collide with a land use (`residential` is both), so the tags decide which one it is.
 */
export function areaRole(kind: string, tags: Readonly<Record<string, string>>): AreaRole {
  const street = tags['area:highway'] ?? tags.highway;
  if (street !== undefined && street !== 'no') {
    if (kind === 'steps') return 'steps';
    return kind === 'corridor' ? 'none' : 'open';
  }
  if (OPEN_AREA_KINDS.has(kind)) return 'open';
  if (WATER_AREA_KINDS.has(kind)) return 'water';
  if (DECK_AREA_KINDS.has(kind)) return 'deck';
  return 'none';
}

/**
 * `furniture` lines (and barrier areas) that are structures a vehicle cannot drive through: walls, fences,
 * retaining walls (a drop), guard rails, hedges, handrails (which mark drops and steps). Gates, bollards,
 * blocks, chains, kerbs and the like are street furniture: passable unless the user adds them as measures
 * (DOMAIN.md §3: "unrated street furniture is passable").
 */
const BLOCKING_BARRIER_KINDS: ReadonlySet<string> = new Set([
  'wall',
  'city_wall',
  'retaining_wall',
  'fence',
  'wire_fence',
  'guard_rail',
  'hedge',
  'handrail',
]);

export function barrierBlocks(kind: string): boolean {
  return BLOCKING_BARRIER_KINDS.has(kind);
}

/** Half the thickness of a wall or fence line (our default). */
export const BARRIER_HALF_THICKNESS_M = 0.15;

/** Buildings are obstacles except open-sided roofs (canopies a vehicle drives under). */
export function buildingBlocks(kind: string): boolean {
  return kind !== 'roof';
}

/**
 * The drivable strip beyond a road's carriageway on each side (our default): the footway, 2.0 m normal
 * minimum (DOMAIN.md §6), which OSM rarely maps as an area. It joins a street to the square or park beside
 * it across a kerb and an unmapped pavement, and counts towards clear widths; obstacles still win.
 */
export const KERB_STRIP_M = 2;

/** Roads and paths a vehicle cannot use: steps (an obstacle instead) and indoor corridors. */
export function wayIsDrivable(kind: string): boolean {
  return kind !== 'steps' && kind !== 'corridor';
}

/**
 * Grade level of a way: OSM `layer` with bridge/tunnel folded in (a bridge is above ground even when its
 * layer tag is missing, a tunnel below). 0 is the ground, where the open-space grid is.
 */
export function wayLevel(zLayer: number, bridge: boolean, tunnel: boolean): number {
  const level = bridge ? Math.max(1, zLayer) : tunnel ? Math.min(-1, zLayer) : zLayer;
  return Math.max(-128, Math.min(127, level));
}
