/**
 * What a measure does to a vehicle crossing it (DOMAIN.md §1, §3, §6): stops it (with the rating's
 * penetration), lets it through (a gap, an under-rated or unrated measure) or caps its speed (a chicane).
 * Pure. The speed search prepares each measure once (`prepareMeasure` parses its rating) and asks
 * `measureVerdict` per vehicle and impact speed.
 */
import type { MeasureProperties } from '../schemas/measures.js';
import { msToKmh, kmhToMs, reverseCurveRadius, type VehicleSpeedModel } from './physics.js';
import { assessRating, parseRating, ratedSpeedText, type Rating, type RatingAssessment } from './ratings.js';

/** Largest clear gap in a pedestrian-permeable HVM line (UK DfT Traffic Advisory Leaflet 1/11), m. */
export const PEDESTRIAN_MAX_GAP_M = 1.2;
/** Speed a chicane holds vehicles to when neither a design speed nor its geometry is given: our default. */
export const DEFAULT_CHICANE_SPEED_KMH = 25;
/** Widths are measured to the millimetre: 1.368 m − 0.168 m is a 1.2 m gap, not 1.2000000000000002 m. */
const WIDTH_TOLERANCE_M = 1e-6;

export type VerdictStatus =
  'stopped' | 'energy_equivalent' | 'under_rated' | 'gap' | 'unrated' | 'capped' | 'no_effect';

export interface MeasureVerdict {
  effect: 'stop' | 'pass' | 'cap';
  status: VerdictStatus;
  /** For a stop: how far past the measure's face the vehicle travels (m); null when not known. */
  penetrationM?: number | null;
  /** For a cap: the highest speed through the measure (m/s). */
  capSpeed?: number;
  detail: string;
  /** Set when the verdict rests on an assumption the planner should check. */
  warning?: string;
  /** The rating decision, when a rating was compared. */
  assessment?: RatingAssessment;
  /** Bollard lines: clear gap between bollards (m) and whether it breaks the 1.2 m pedestrian-line rule. */
  clearGapM?: number;
  pedestrianGapBreach?: boolean;
}

export interface PreparedMeasure {
  properties: MeasureProperties;
  /** `"North line" (bollard line)` or `the bollard line`, for messages. */
  title: string;
  rating: Rating | null;
}

const KIND_NAMES: Record<MeasureProperties['kind'], string> = {
  bollard_line: 'bollard line',
  barrier: 'barrier',
  gate: 'gate',
  chicane: 'chicane',
  camera: 'camera',
  cordon: 'cordon',
};

/** A measure ready for many verdicts: its rating parsed once (INVALID_RATING if it cannot be read). */
export function prepareMeasure(properties: MeasureProperties): PreparedMeasure {
  const kind = KIND_NAMES[properties.kind];
  return {
    properties,
    title: properties.name === undefined ? `the ${kind}` : `"${properties.name}" (${kind})`,
    rating: properties.rating === undefined ? null : parseRating(properties.rating),
  };
}

/** Clear gap of a bollard line: spacing (centre to centre) minus diameter; the spacing alone if no diameter. */
export function bollardClearGap(properties: { spacingM?: number; diameterM?: number }): number | null {
  if (properties.spacingM === undefined) return null;
  return properties.spacingM - (properties.diameterM ?? 0);
}

/** The lane and offset of a chicane, when the caller measured them from its geometry. */
export interface ChicaneGeometry {
  /** Sideways shift of the lane between entry and exit (m). */
  lateralShiftM: number;
  /** Length along the road over which the shift happens (m). */
  lengthM: number;
  /** Usable lane width through the chicane (m). */
  laneWidthM: number;
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits)).toString();
const kmh = (ms: number) => `${round(msToKmh(ms))} km/h`;
const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function describeVehicle(vehicle: VehicleSpeedModel): string {
  const { label } = vehicle.profile;
  return `${article(label)} ${label} (${vehicle.vehicleClass}, ${round(vehicle.widthM, 2)} m wide, ${vehicle.massKg} kg)`;
}

const penetrationText = (penetrationM: number | null) =>
  penetrationM === null
    ? 'penetration not bounded by the rating'
    : `penetration up to ${round(penetrationM, 2)} m`;

/** A rated measure against the vehicle; an unrated one by its `blocking` flag. */
function byRating(measure: PreparedMeasure, vehicle: VehicleSpeedModel, speedMs: number): MeasureVerdict {
  const { rating, title } = measure;
  const who = describeVehicle(vehicle);
  if (rating === null) {
    if ('blocking' in measure.properties && measure.properties.blocking)
      return {
        effect: 'stop',
        status: 'unrated',
        penetrationM: null,
        detail: `${capitalise(title)} has no crash rating but is marked blocking: assumed to stop ${who}.`,
        warning: 'No crash rating: assumed to stop — check.',
      };
    return {
      effect: 'pass',
      status: 'unrated',
      detail:
        `${capitalise(title)} has no crash rating: unrated street furniture is assumed passable ` +
        '(mark it blocking to treat it as an obstacle).',
    };
  }
  const impactKmh = msToKmh(speedMs);
  const assessment = assessRating(rating, { massKg: vehicle.massKg, speedKmh: impactKmh });
  const rated = `${capitalise(title)}, rated ${rating.text},`;
  if (assessment.outcome === 'stops')
    return {
      effect: 'stop',
      status: 'stopped',
      penetrationM: rating.penetrationM,
      assessment,
      detail: `${rated} stops ${who} at ${kmh(speedMs)}: ${penetrationText(rating.penetrationM)}.`,
    };
  if (assessment.outcome === 'energy_equivalent')
    return {
      effect: 'stop',
      status: 'energy_equivalent',
      penetrationM: rating.penetrationM,
      assessment,
      detail:
        `${rated} was tested with ${rating.massKg} kg at ${ratedSpeedText(rating)}, not with ${who} at ` +
        `${kmh(speedMs)}: energy-equivalent only, ${Math.round(assessment.threatEnergyKj)} kJ within the ` +
        `${Math.round(assessment.ratedEnergyKj)} kJ rated; ${penetrationText(rating.penetrationM)} as tested.`,
      warning: 'Energy-equivalent, untested: the rating covers the energy, not this vehicle at this speed.',
    };
  const shortfalls = [
    rating.speedKmh < impactKmh ? `rated ${ratedSpeedText(rating)}, impact ${kmh(speedMs)}` : null,
    rating.massKg < vehicle.massKg
      ? `rated for ${rating.massKg} kg, the vehicle weighs ${vehicle.massKg} kg`
      : null,
  ].filter((s) => s !== null);
  return {
    effect: 'pass',
    status: 'under_rated',
    assessment,
    detail:
      `${capitalise(title)} is ${shortfalls.join('; ')}: it does not stop ${who}, ` +
      `${Math.round(assessment.threatEnergyKj)} kJ against ${Math.round(assessment.ratedEnergyKj)} kJ rated.`,
  };
}

/**
 * The chicane's speed cap: its design speed; else, from its geometry, the path of two reverse arcs the
 * vehicle can drive through it — the sideways shift it must make is the lane's shift less the slack the
 * lane leaves beside the vehicle, y = shift − (lane width − vehicle width), over the chicane's length L,
 * so r = (L² + y²) / (4y) and the cap is the vehicle's skid / roll-over speed at r; else our default.
 */
function chicaneVerdict(
  measure: PreparedMeasure,
  vehicle: VehicleSpeedModel,
  geometry: ChicaneGeometry | undefined,
): MeasureVerdict {
  const { properties, title } = measure;
  const design = properties.kind === 'chicane' ? properties.designSpeedKmh : undefined;
  if (design !== undefined)
    return {
      effect: 'cap',
      status: 'capped',
      capSpeed: kmhToMs(design),
      detail: `${capitalise(title)} holds vehicles to its design speed of ${round(design)} km/h.`,
    };
  if (geometry !== undefined) {
    const shift = geometry.lateralShiftM - (geometry.laneWidthM - vehicle.widthM);
    const radius = reverseCurveRadius(geometry.lengthM, shift);
    if (!Number.isFinite(radius))
      return {
        effect: 'pass',
        status: 'gap',
        detail:
          `${capitalise(title)} shifts its ${round(geometry.laneWidthM)} m lane by only ` +
          `${round(geometry.lateralShiftM)} m: ${describeVehicle(vehicle)} drives straight through.`,
      };
    const capSpeed = vehicle.speedAtRadius(radius);
    return {
      effect: 'cap',
      status: 'capped',
      capSpeed,
      detail:
        `${capitalise(title)} makes ${describeVehicle(vehicle)} swerve ${round(shift, 2)} m over ` +
        `${round(geometry.lengthM)} m (radius ${round(radius)} m): at most ${kmh(capSpeed)}.`,
    };
  }
  return {
    effect: 'cap',
    status: 'capped',
    capSpeed: kmhToMs(DEFAULT_CHICANE_SPEED_KMH),
    detail: `${capitalise(title)} has no design speed or geometry: capped at our default of ${DEFAULT_CHICANE_SPEED_KMH} km/h.`,
    warning: `Chicane speed assumed (${DEFAULT_CHICANE_SPEED_KMH} km/h, our default): give its design speed.`,
  };
}

function bollardVerdict(
  measure: PreparedMeasure,
  vehicle: VehicleSpeedModel,
  speedMs: number,
): MeasureVerdict {
  const properties = measure.properties as Extract<MeasureProperties, { kind: 'bollard_line' }>;
  const clearGapM = bollardClearGap(properties);
  if (clearGapM === null) {
    const verdict = byRating(measure, vehicle, speedMs);
    return {
      ...verdict,
      detail: `${verdict.detail} Spacing not given: gaps assumed narrower than any vehicle.`,
    };
  }
  const gap = {
    clearGapM,
    pedestrianGapBreach: clearGapM > PEDESTRIAN_MAX_GAP_M + WIDTH_TOLERANCE_M,
  };
  const gapText =
    `${round(clearGapM, 3)} m clear gaps` +
    (properties.diameterM === undefined
      ? ' (bollard diameter not given: the spacing is taken as the gap)'
      : '');
  if (clearGapM > vehicle.widthM + WIDTH_TOLERANCE_M)
    return {
      effect: 'pass',
      status: 'gap',
      ...gap,
      detail: `${capitalise(measure.title)} leaves ${gapText}: wide enough for ${describeVehicle(vehicle)}.`,
    };
  const verdict = byRating(measure, vehicle, speedMs);
  const gapNote =
    verdict.effect === 'pass'
      ? `Its ${gapText} are narrower than the vehicle, but the bollards are not assumed to hold it.`
      : `Its ${gapText} are too narrow for the vehicle.`;
  return { ...verdict, ...gap, detail: `${verdict.detail} ${gapNote}` };
}

/**
 * The effect of `measure` on `vehicle` meeting it at `speedMs` (m/s). Rated barriers, bollard lines and
 * closed gates decide by the DOMAIN.md §1 rule (stops / energy-equivalent: stop with a warning / fails:
 * under-rated, passes); without a rating, `blocking` ones stop (with a warning) and others pass. A bollard
 * gap or gate opening wider than the vehicle lets it through; a gate opening narrower than the vehicle
 * stops it whatever its rating. Chicanes cap the speed; cameras and cordons have no effect.
 */
export function measureVerdict(
  measure: PreparedMeasure,
  vehicle: VehicleSpeedModel,
  speedMs: number,
  options: { chicane?: ChicaneGeometry } = {},
): MeasureVerdict {
  const { properties, title } = measure;
  switch (properties.kind) {
    case 'camera':
    case 'cordon':
      return { effect: 'pass', status: 'no_effect', detail: `${capitalise(title)} does not stop vehicles.` };
    case 'chicane':
      return chicaneVerdict(measure, vehicle, options.chicane);
    case 'bollard_line':
      return bollardVerdict(measure, vehicle, speedMs);
    case 'gate':
      if (properties.widthM !== undefined && properties.widthM < vehicle.widthM - WIDTH_TOLERANCE_M)
        return {
          effect: 'stop',
          status: 'stopped',
          penetrationM: 0,
          detail: `${capitalise(title)}'s ${round(properties.widthM, 2)} m opening is narrower than ${describeVehicle(vehicle)}.`,
        };
      if (properties.open)
        return {
          effect: 'pass',
          status: 'gap',
          detail: `${capitalise(title)} is open: a gap for ${describeVehicle(vehicle)}.`,
        };
      return byRating(measure, vehicle, speedMs);
    case 'barrier':
      return byRating(measure, vehicle, speedMs);
  }
}
