/**
 * Vehicle crash ratings (DOMAIN.md §1): the one parser of rating strings (ISO 22343-1 / IWA 14-1 / PAS 68,
 * ASTM F2656, US DoS K-ratings), the stop / energy-equivalent / fail decision against a threat, and the
 * rating a threat requires. Pure: no I/O, usable in the client. `./rating-syntax.ts` (input validation)
 * delegates here.
 */
import { AppError } from '../errors.js';
import { kineticEnergyKj, kmhToMs, mphToKmh } from './physics.js';
import type { VehicleProfile } from './vehicles.js';

export type RatingScheme = 'ISO 22343-1' | 'IWA 14-1' | 'PAS 68' | 'ASTM F2656' | 'DoS K';

export interface Rating {
  scheme: RatingScheme;
  /** Test vehicle: the class in brackets (ISO/IWA/PAS), the ASTM code, `M` for DoS (the same truck). */
  testVehicle: string;
  massKg: number;
  /** Test speed, km/h; mph ratings converted exactly (× 1.609344). */
  speedKmh: number;
  /** The rated speed in mph, for ASTM and DoS ratings. */
  speedMph?: number;
  /** Impact angle of the test; 90° unless the rating says otherwise. */
  angleDeg: number;
  /**
   * How far a stopped vehicle may travel past the barrier face (m); null when the rating does not bound it
   * (ASTM P4 or no class given; ISO form without a penetration). See `notes`.
   */
  penetrationM: number | null;
  /** ASTM `P1`–`P4`, DoS `L1`–`L3`. */
  penetrationClass?: string;
  /** Major debris distance (m), when the rating gives one. */
  debrisM?: number;
  /** How the string was read where a planner might read it otherwise. */
  notes: string[];
  /** The string as given. */
  text: string;
}

/** One valid string per scheme, for messages and documentation. */
export const RATING_EXAMPLES = {
  isoIwaPas: 'V/7200[N2A]/48/90:0.2',
  pas68WithDebris: 'V/7500[N2]/80/90:0.8/18.1',
  astm: 'M50-P1',
  astmC7: 'C7:50-P3',
  dos: 'K12',
} as const;

type Family = 'iso' | 'astm' | 'dos';

const HINTS: Record<Family | 'any', string> = {
  iso:
    'An ISO 22343-1, IWA 14-1 or PAS 68 rating reads V/<test mass kg>[<vehicle class>]/<speed km/h>/<angle°>:' +
    `<penetration m>, optionally /<debris m>, for example ${RATING_EXAMPLES.isoIwaPas} or ${RATING_EXAMPLES.pas68WithDebris}.`,
  astm:
    'An ASTM F2656 rating is the vehicle code (SC, FS, PU, M, C7 or H) and speed in mph (30, 40, 50 or 60), ' +
    `optionally with -P1 to -P4, for example ${RATING_EXAMPLES.astm} or ${RATING_EXAMPLES.astmC7}.`,
  dos: `A US DoS rating is K4, K8 or K12 (optionally with L1–L3), for example ${RATING_EXAMPLES.dos}.`,
  any:
    `Write it as on the test certificate, for example ${RATING_EXAMPLES.isoIwaPas} (ISO 22343-1, IWA 14-1, PAS 68), ` +
    `${RATING_EXAMPLES.astm} (ASTM F2656) or ${RATING_EXAMPLES.dos} (US DoS).`,
};

/** A rating string that cannot be read: a planner-readable reason and an example of a valid string. */
export class RatingError extends AppError {
  readonly example: string;
  constructor(text: string, hint: string, example: string) {
    super('INVALID_RATING', `"${text}" is not a crash rating Bulwark recognises. ${hint}`);
    this.name = 'RatingError';
    this.example = example;
  }
}

interface Failure {
  family: Family | null;
  reason?: string;
}

// Standards named before the rating, as on certificates and catalogues ("PAS 68:2013 V/…", "ASTM F2656-15 M50-P1").
const PREFIXES: Array<[RegExp, RatingScheme]> = [
  [/^ISO22343-1(?::\d{4})?/, 'ISO 22343-1'],
  [/^IWA14-1(?::\d{4})?/, 'IWA 14-1'],
  [/^(?:BSI)?PAS68(?::\d{4})?/, 'PAS 68'],
  [/^(?:ASTM)?F2656(?:-\d{2})?/, 'ASTM F2656'],
  [/^(?:US)?(?:DOS|SD-STD-02\.01(?:REV\.?A)?)/, 'DoS K'],
];
const FAMILY_OF: Record<RatingScheme, Family> = {
  'ISO 22343-1': 'iso',
  'IWA 14-1': 'iso',
  'PAS 68': 'iso',
  'ASTM F2656': 'astm',
  'DoS K': 'dos',
};

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const ISO_FORM = new RegExp(
  String.raw`^V/(\d{3,5})\[([MN][1-3][A-Z]?)\]/(\d{2,3})/(\d{1,2})(?::${NUMBER}(?:/${NUMBER})?)?$`,
);
// PAS 68 names its trucks N2 and N3 without the letter ISO 22343-1 / IWA 14-1 add (N2A, N3D, …).
const PAS_ONLY_CLASSES = new Set(['N2', 'N3']);

/**
 * ASTM F2656-15 test vehicles (DOMAIN.md §1), and the F2656-07 codes still printed on older products:
 * C (small car) and P (pickup) are the same test vehicles as SC and PU.
 */
const ASTM_MASS_KG: Record<string, number> = {
  SC: 1100,
  FS: 2100,
  PU: 2300,
  M: 6800,
  C7: 7200,
  H: 29500,
  C: 1100,
  P: 2300,
};
const ASTM_FORM = /^(SC|FS|PU|C7:|M|H|C|P)(\d{2})(?:-?P(\d+))?$/;
const ASTM_SPEEDS_MPH = [30, 40, 50, 60];
/** Upper bound of each ASTM penetration class (m); P4 (beyond 30 m) has none. */
const ASTM_PENETRATION_M: Record<number, number | null> = { 1: 1, 2: 7, 3: 30, 4: null };

/**
 * US DoS SD-STD-02.01: a 15,000 lb (6800 kg) medium-duty truck — ASTM's M vehicle — at 30 / 40 / 50 mph.
 * DOMAIN.md rounds these to 50 / 65 / 80 km/h but also says to convert mph exactly, which we do
 * (48.28 / 64.37 / 80.47 km/h): the rounding would misstate the rated energy by up to 7 % (K4: 50 vs 48.28).
 */
const DOS_SPEED_MPH: Record<number, number> = { 4: 30, 8: 40, 12: 50 };
const DOS_MASS_KG = 6800;
/** Upper bound of each DoS penetration level (m): L3 ≤ 1 m, L2 ≤ 6 m, L1 ≤ 15 m. */
const DOS_PENETRATION_M: Record<number, number> = { 3: 1, 2: 6, 1: 15 };

function readIso(body: string, prefixed: RatingScheme | null, text: string): Rating | Failure {
  const match = body.match(ISO_FORM);
  if (!match) {
    const reason = /^V\/\d+\//.test(body)
      ? 'The test vehicle class in square brackets (such as [N2A]) is missing after the mass.'
      : /^V\/\d+\[\w+\]\/\d+\/?$/.test(body)
        ? 'The impact angle (90 for head-on) and the penetration are missing after the speed.'
        : undefined;
    return { family: 'iso', reason };
  }
  const [, mass, testVehicle = '', speed, angle, penetration, debris] = match;
  const massKg = Number(mass);
  const speedKmh = Number(speed);
  const angleDeg = Number(angle);
  // Test vehicles run from 1500 kg cars to 30 000 kg artics, at 16–112 km/h, at up to 90°.
  if (massKg < 500 || massKg > 60_000)
    return { family: 'iso', reason: `A test mass of ${massKg} kg is not plausible (500 to 60000 kg).` };
  if (speedKmh < 10 || speedKmh > 130)
    return { family: 'iso', reason: `A test speed of ${speedKmh} km/h is not plausible (10 to 130 km/h).` };
  if (angleDeg <= 0 || angleDeg > 90)
    return {
      family: 'iso',
      reason: `An impact angle of ${angleDeg}° is not possible (more than 0°, up to 90°).`,
    };
  // Unprefixed, the form is read as ISO 22343-1, which replaced IWA 14-1 and writes ratings the same way.
  const scheme = prefixed ?? (PAS_ONLY_CLASSES.has(testVehicle) ? 'PAS 68' : 'ISO 22343-1');
  const notes: string[] = [];
  if (penetration === undefined)
    notes.push('No penetration given: how far a stopped vehicle travels past the barrier is not known.');
  return {
    scheme,
    testVehicle,
    massKg,
    speedKmh,
    angleDeg,
    penetrationM: penetration === undefined ? null : Number(penetration),
    ...(debris === undefined ? {} : { debrisM: Number(debris) }),
    notes,
    text,
  };
}

function readAstm(body: string, text: string): Rating | Failure {
  const match = body.match(ASTM_FORM);
  if (!match) {
    const reason = /^C7\d/.test(body) ? 'The C7 code takes a colon before the speed (C7:50).' : undefined;
    return { family: 'astm', reason };
  }
  const [, rawCode = '', mph, pClass] = match;
  const code = rawCode.replace(':', '');
  const speedMph = Number(mph);
  if (!ASTM_SPEEDS_MPH.includes(speedMph))
    return { family: 'astm', reason: `${speedMph} mph is not an ASTM F2656 test speed.` };
  const p = pClass === undefined ? null : Number(pClass);
  if (p !== null && !(p in ASTM_PENETRATION_M))
    return { family: 'astm', reason: `P${pClass} is not an ASTM F2656 penetration class (P1 to P4).` };
  const notes: string[] = [];
  if (code === 'C' || code === 'P')
    notes.push(
      `${code} is an ASTM F2656-07 code: the same test vehicle as ${code === 'C' ? 'SC' : 'PU'} today.`,
    );
  if (p === null) notes.push('No penetration class given: read as P4, penetration not bounded.');
  if (p === 4) notes.push('P4: the vehicle may travel more than 30 m past the barrier (not bounded).');
  return {
    scheme: 'ASTM F2656',
    testVehicle: code,
    massKg: ASTM_MASS_KG[code] as number,
    speedKmh: mphToKmh(speedMph),
    speedMph,
    angleDeg: 90,
    penetrationM: p === null ? null : (ASTM_PENETRATION_M[p] as number | null),
    ...(p === null ? {} : { penetrationClass: `P${p}` }),
    notes,
    text,
  };
}

function readDos(body: string, text: string): Rating | Failure {
  const match = body.match(/^K(\d+)(?:[-/]?L(\d+))?$/);
  if (!match) return { family: 'dos' };
  const [, k, l] = match;
  const speedMph = DOS_SPEED_MPH[Number(k)];
  if (speedMph === undefined) return { family: 'dos', reason: `K${k} is not a US DoS rating.` };
  const level = l === undefined ? null : Number(l);
  if (level !== null && DOS_PENETRATION_M[level] === undefined)
    return { family: 'dos', reason: `L${l} is not a US DoS penetration level (L1 to L3).` };
  const notes =
    level === null
      ? [
          'No L level given: read as L1, the least demanding (the vehicle stops within 15 m); check the certificate.',
        ]
      : [];
  return {
    scheme: 'DoS K',
    testVehicle: 'M',
    massKg: DOS_MASS_KG,
    speedKmh: mphToKmh(speedMph),
    speedMph,
    angleDeg: 90,
    penetrationM: DOS_PENETRATION_M[level ?? 1] as number,
    penetrationClass: `L${level ?? 1}`,
    notes,
    text,
  };
}

function read(text: string): Rating | Failure {
  // Whitespace, letter case and typographic dashes vary between catalogues and certificates.
  let body = text
    .replace(/\s+/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toUpperCase();
  if (body === '') return { family: null, reason: 'The rating is empty.' };
  let prefixed: RatingScheme | null = null;
  for (const [pattern, scheme] of PREFIXES) {
    const match = body.match(pattern);
    if (match) {
      prefixed = scheme;
      body = body.slice(match[0].length).replace(/^[:,;-]/, '');
      break;
    }
  }
  const family: Family | null = body.startsWith('V/')
    ? 'iso'
    : /^K\d/.test(body)
      ? 'dos'
      : /^(SC|FS|PU|C7|M|H|C|P)[:\d]/.test(body)
        ? 'astm'
        : null;
  if (prefixed !== null && family !== FAMILY_OF[prefixed])
    return { family: FAMILY_OF[prefixed], reason: `It names ${prefixed} but no rating in its form follows.` };
  if (family === 'iso') return readIso(body, prefixed, text);
  if (family === 'astm') return readAstm(body, text);
  if (family === 'dos') return readDos(body, text);
  return { family: null };
}

const isRating = (result: Rating | Failure): result is Rating => 'scheme' in result;

const EXAMPLE: Record<Family | 'any', string> = {
  iso: RATING_EXAMPLES.isoIwaPas,
  astm: RATING_EXAMPLES.astm,
  dos: RATING_EXAMPLES.dos,
  any: RATING_EXAMPLES.isoIwaPas,
};

const hintFor = (failure: Failure) =>
  [failure.reason, HINTS[failure.family ?? 'any']].filter((s) => s !== undefined).join(' ');

/**
 * A crash-rating string read into its scheme and numbers. Whitespace and letter case are ignored, and a
 * standard named in front is accepted (`PAS 68:2013 V/7500[N2]/80/90:0.8/18.1`). Throws `RatingError`
 * (code INVALID_RATING) with the reason and an example of a valid string.
 */
export function parseRating(text: string): Rating {
  const result = read(text);
  if (isRating(result)) return result;
  throw new RatingError(text, hintFor(result), EXAMPLE[result.family ?? 'any']);
}

/** The rating, or null when the string is not one. */
export function tryParseRating(text: string): Rating | null {
  const result = read(text);
  return isRating(result) ? result : null;
}

/** Why a string is not a rating, and how its scheme writes one (for a valid string: just the latter). */
export function ratingHint(text: string): string {
  const result = read(text);
  return isRating(result) ? HINTS[FAMILY_OF[result.scheme]] : hintFor(result);
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits)).toString();

/** "48 km/h", or "80.47 km/h (50 mph)" for a rating in mph. */
export const ratedSpeedText = (rating: Rating): string =>
  `${round(rating.speedKmh, 2)} km/h${rating.speedMph === undefined ? '' : ` (${rating.speedMph} mph)`}`;

export interface Threat {
  massKg: number;
  speedKmh: number;
}

export interface RatingAssessment {
  outcome: 'stops' | 'energy_equivalent' | 'fails';
  ratedEnergyKj: number;
  threatEnergyKj: number;
  detail: string;
}

// Speeds converted from mph, or rounded for display, must not fail a rating by a rounding error.
const SPEED_TOLERANCE_KMH = 1e-9;

/**
 * The DOMAIN.md §1 rule: stops when the rated mass ≥ the threat's and the rated speed ≥ the impact speed;
 * otherwise energy-equivalent (a warning: untested) when the rating's ½mv² covers the threat's; else fails.
 */
export function assessRating(rating: Rating, threat: Threat): RatingAssessment {
  const ratedEnergyKj = kineticEnergyKj(rating.massKg, kmhToMs(rating.speedKmh));
  const threatEnergyKj = kineticEnergyKj(threat.massKg, kmhToMs(threat.speedKmh));
  const rated = `rated for ${rating.massKg} kg at ${ratedSpeedText(rating)}`;
  const threatText = `${threat.massKg} kg at ${round(threat.speedKmh)} km/h`;
  if (rating.massKg >= threat.massKg && rating.speedKmh + SPEED_TOLERANCE_KMH >= threat.speedKmh)
    return { outcome: 'stops', ratedEnergyKj, threatEnergyKj, detail: `${rated}: covers ${threatText}` };
  const kj = (x: number) => `${Math.round(x)} kJ`;
  if (ratedEnergyKj >= threatEnergyKj)
    return {
      outcome: 'energy_equivalent',
      ratedEnergyKj,
      threatEnergyKj,
      detail:
        `${rated}, not tested for ${threatText}: energy-equivalent only, ` +
        `${kj(threatEnergyKj)} within the ${kj(ratedEnergyKj)} rated`,
    };
  return {
    outcome: 'fails',
    ratedEnergyKj,
    threatEnergyKj,
    detail: `${rated}: ${threatText} carries ${kj(threatEnergyKj)}, more than the ${kj(ratedEnergyKj)} rated`,
  };
}

/** ISO 22343-1 / PAS 68 test speeds in use (DOMAIN.md §1), km/h. */
export const STANDARD_TEST_SPEEDS_KMH = [32, 48, 64, 80] as const;

/** ISO 22343-1 test vehicles by mass (DOMAIN.md §1; N2B and N3C weigh the same as N2A). */
const ISO_TEST_VEHICLES: ReadonlyArray<readonly [string, number]> = [
  ['M1', 1500],
  ['N1G', 2500],
  ['N1', 3500],
  ['N2A', 7200],
  ['N3D', 12000],
  ['N3F', 30000],
];

export interface RequiredRating {
  /** `V/7200[N2A]/64/90`, with `:<m>` when a largest penetration was given; null when no rating covers it. */
  text: string | null;
  testClass: string | null;
  testMassKg: number | null;
  speedKmh: number | null;
  message: string;
}

/**
 * The rating a threat calls for (DOMAIN.md §3): its ISO 22343-1 test vehicle and mass, at the smallest
 * standard test speed at or above the impact speed, head-on (90°). The penetration is the planner's choice,
 * set by the standoff the zone needs: without `maxPenetrationM` the string ends at the angle and the
 * message says to add it; with it, `:<m>` is appended. A profile heavier than its test vehicle (an override)
 * moves up to the lightest test vehicle at least as heavy. Above 80 km/h, or above 30 t, no standard rating
 * covers the threat: `text` is null and the message says what to do instead.
 */
export function requiredRating(
  profile: Pick<VehicleProfile, 'vehicleClass' | 'label' | 'massKg' | 'testClass' | 'testMassKg'>,
  impactSpeedKmh: number,
  options: { maxPenetrationM?: number } = {},
): RequiredRating {
  const none = (message: string): RequiredRating => ({
    text: null,
    testClass: null,
    testMassKg: null,
    speedKmh: null,
    message,
  });
  const speed = STANDARD_TEST_SPEEDS_KMH.find((s) => s + SPEED_TOLERANCE_KMH >= impactSpeedKmh);
  if (speed === undefined)
    return none(
      `No standard rating covers ${round(impactSpeedKmh)} km/h (tests go up to 80 km/h): reduce the speed ` +
        'first with a chicane, bend or setback.',
    );
  const vehicle: readonly [string, number] | undefined =
    profile.massKg <= profile.testMassKg
      ? [profile.testClass, profile.testMassKg]
      : ISO_TEST_VEHICLES.find(([, mass]) => mass >= profile.massKg);
  if (vehicle === undefined)
    return none(
      `No standard rating covers a ${profile.massKg} kg ${profile.label}: the heaviest test vehicle is 30000 kg.`,
    );
  const [testClass, testMassKg] = vehicle;
  const base = `V/${testMassKg}[${testClass}]/${speed}/90`;
  const { maxPenetrationM } = options;
  const heavier =
    testClass === profile.testClass
      ? ''
      : ` The ${profile.massKg} kg ${profile.label} is heavier than its ${profile.testMassKg} kg test vehicle.`;
  return {
    text: maxPenetrationM === undefined ? base : `${base}:${round(maxPenetrationM)}`,
    testClass,
    testMassKg,
    speedKmh: speed,
    message:
      `${testClass} ${testMassKg} kg at ${speed} km/h or more, head-on.${heavier}` +
      (maxPenetrationM === undefined
        ? ' Add the largest penetration the standoff allows to the rating, in metres (e.g. ":0.5").'
        : ` Penetration at most ${round(maxPenetrationM)} m.`),
  };
}
