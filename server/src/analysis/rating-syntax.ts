/**
 * Recognises the written forms of vehicle crash ratings (DOMAIN.md §1). A syntax recogniser only: it says
 * which scheme a string follows and pulls out its numbers; comparing a rating with a threat comes later.
 * Pure: no I/O, usable in the client.
 */

/** ISO 22343-1 / IWA 14-1 / PAS 68: `V/<kg>[<class>]/<km/h>/<angle°>:<penetration m>[/<debris m>]`. */
export interface VehicleImpactRating {
  scheme: 'iso-iwa-pas';
  massKg: number;
  vehicleClass: string;
  speedKmh: number;
  angleDeg: number;
  penetrationM: number;
  debrisM: number | null;
}

/** ASTM F2656: `<vehicle code><mph>[-P<n>]`, e.g. `M50-P1`; the C7 code takes a colon (`C7:50-P3`). */
export interface AstmRating {
  scheme: 'astm-f2656';
  vehicle: string;
  speedMph: number;
  penetrationClass: number | null;
}

/** US DoS SD-STD-02.01: `K4` / `K8` / `K12`, optionally with a penetration level (`K12-L3`). */
export interface DosRating {
  scheme: 'dos-k';
  kRating: 4 | 8 | 12;
  penetrationLevel: number | null;
}

export type RatingSyntax = VehicleImpactRating | AstmRating | DosRating;

/** One valid string per scheme, for messages and documentation. */
export const RATING_EXAMPLES = {
  isoIwaPas: 'V/7200[N2A]/48/90:0.2',
  pas68WithDebris: 'V/7500[N2]/80/90:0.8/18.1',
  astm: 'M50-P1',
  astmC7: 'C7:50-P3',
  dos: 'K12',
} as const;

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const VEHICLE_IMPACT = new RegExp(
  String.raw`^V/(\d{3,5})\[([MN][1-3][A-Z]?)\]/(\d{2,3})/(\d{1,2}):${NUMBER}(?:/${NUMBER})?$`,
);
// F2656-15 codes (SC, FS, PU, M, C7, H) and the F2656-07 ones still printed on older products (C, P).
const ASTM = /^(SC|FS|PU|C7:|M|H|C|P)(\d{2})(?:-?P([1-4]))?$/;
const ASTM_SPEEDS_MPH = new Set([30, 40, 50, 60]);
const DOS = /^K(4|8|12)(?:[-/]?L([1-3]))?$/;

function vehicleImpact(match: RegExpMatchArray): VehicleImpactRating | null {
  const [, mass, vehicleClass, speed, angle, penetration, debris] = match;
  const rating: VehicleImpactRating = {
    scheme: 'iso-iwa-pas',
    massKg: Number(mass),
    vehicleClass: vehicleClass ?? '',
    speedKmh: Number(speed),
    angleDeg: Number(angle),
    penetrationM: Number(penetration),
    debrisM: debris === undefined ? null : Number(debris),
  };
  // Test vehicles run from 1500 kg cars to 30 000 kg artics, at 16–112 km/h, at up to 90°.
  const plausible =
    rating.massKg >= 500 &&
    rating.massKg <= 60_000 &&
    rating.speedKmh >= 10 &&
    rating.speedKmh <= 130 &&
    rating.angleDeg > 0 &&
    rating.angleDeg <= 90;
  return plausible ? rating : null;
}

/**
 * The scheme and numbers of a crash-rating string, or null when it is not in a recognised form.
 * Whitespace is ignored and letters may be in either case (`v/7200[n2a]/48/90:0.2` is recognised).
 */
export function recogniseRating(text: string): RatingSyntax | null {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  const impact = compact.match(VEHICLE_IMPACT);
  if (impact) return vehicleImpact(impact);
  const astm = compact.match(ASTM);
  if (astm) {
    const speedMph = Number(astm[2]);
    if (!ASTM_SPEEDS_MPH.has(speedMph)) return null;
    return {
      scheme: 'astm-f2656',
      vehicle: (astm[1] ?? '').replace(':', ''),
      speedMph,
      penetrationClass: astm[3] === undefined ? null : Number(astm[3]),
    };
  }
  const dos = compact.match(DOS);
  if (dos) {
    return {
      scheme: 'dos-k',
      kRating: Number(dos[1]) as 4 | 8 | 12,
      penetrationLevel: dos[2] === undefined ? null : Number(dos[2]),
    };
  }
  return null;
}

/** What a planner should write instead, guessed from how the unrecognised string starts. */
export function ratingHint(text: string): string {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  if (compact.startsWith('V/')) {
    return (
      'An ISO 22343-1, IWA 14-1 or PAS 68 rating reads V/<test mass kg>[<vehicle class>]/<speed km/h>/<angle°>:' +
      `<penetration m>, optionally /<debris m>, for example ${RATING_EXAMPLES.isoIwaPas} or ${RATING_EXAMPLES.pas68WithDebris}.`
    );
  }
  if (/^K\d/.test(compact))
    return `A US DoS rating is K4, K8 or K12 (optionally with L1–L3), for example ${RATING_EXAMPLES.dos}.`;
  if (/^(SC|FS|PU|C7|M|H|C|P)\d/.test(compact)) {
    return (
      'An ASTM F2656 rating is the vehicle code and speed in mph (30, 40, 50 or 60), optionally with -P1 to -P4, ' +
      `for example ${RATING_EXAMPLES.astm} or ${RATING_EXAMPLES.astmC7}.`
    );
  }
  return (
    `Write it as on the test certificate, for example ${RATING_EXAMPLES.isoIwaPas} (ISO 22343-1, IWA 14-1, PAS 68), ` +
    `${RATING_EXAMPLES.astm} (ASTM F2656) or ${RATING_EXAMPLES.dos} (US DoS).`
  );
}
