import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../config.js';
import { loadVehicleProfiles } from './load-vehicles.js';
import { kineticEnergyKj, kmhToMs } from './physics.js';
import {
  assessRating,
  parseRating,
  RATING_EXAMPLES,
  RatingError,
  ratingHint,
  requiredRating,
  tryParseRating,
  type Rating,
} from './ratings.js';
import { resolveProfiles, type VehicleClass, type VehicleProfile } from './vehicles.js';

const profiles = resolveProfiles(loadVehicleProfiles());
const profile = (c: VehicleClass) => profiles.find((p) => p.vehicleClass === c) as VehicleProfile;

describe('parseRating: ISO 22343-1 / IWA 14-1 / PAS 68 (DOMAIN.md §1)', () => {
  it('reads V/<kg>[<class>]/<km/h>/<angle°>:<penetration m>', () => {
    expect(parseRating('V/7200[N2A]/48/90:0.2')).toEqual({
      scheme: 'ISO 22343-1',
      testVehicle: 'N2A',
      massKg: 7200,
      speedKmh: 48,
      angleDeg: 90,
      penetrationM: 0.2,
      notes: [],
      text: 'V/7200[N2A]/48/90:0.2',
    });
    expect(parseRating('V/30000[N3F]/48/90:2.1')).toMatchObject({
      massKg: 30000,
      testVehicle: 'N3F',
      penetrationM: 2.1,
    });
    expect(parseRating('V/1500[M1]/32/90:0')).toMatchObject({
      testVehicle: 'M1',
      speedKmh: 32,
      penetrationM: 0,
    });
    expect(parseRating('V/7200[N2A]/48/45:0')).toMatchObject({ angleDeg: 45 });
  });

  it('reads PAS 68 trucks (N2, N3 without a letter) and debris distances', () => {
    expect(parseRating('V/7500[N2]/80/90:0.8/18.1')).toEqual({
      scheme: 'PAS 68',
      testVehicle: 'N2',
      massKg: 7500,
      speedKmh: 80,
      angleDeg: 90,
      penetrationM: 0.8,
      debrisM: 18.1,
      notes: [],
      text: 'V/7500[N2]/80/90:0.8/18.1',
    });
  });

  it('takes the scheme from a standard named in front, and ignores case and spaces', () => {
    expect(parseRating('IWA 14-1:2013 V/7200[N2A]/48/90:0/9.2')).toMatchObject({
      scheme: 'IWA 14-1',
      debrisM: 9.2,
    });
    expect(parseRating('PAS 68:2013 V/1500[M1]/48/90:0/2.4')).toMatchObject({
      scheme: 'PAS 68',
      testVehicle: 'M1',
    });
    expect(parseRating('ISO 22343-1:2023 V/2500[N1G]/64/90:2.5')).toMatchObject({ scheme: 'ISO 22343-1' });
    expect(parseRating(' v/2500[n1g]/ 64 /90:5.4 ')).toMatchObject({ testVehicle: 'N1G', speedKmh: 64 });
  });

  it('reads a rating without penetration (as requiredRating writes it) and says the distance is unknown', () => {
    const rating = parseRating('V/7200[N2A]/48/90');
    expect(rating.penetrationM).toBeNull();
    expect(rating.notes).toEqual([
      'No penetration given: how far a stopped vehicle travels past the barrier is not known.',
    ]);
  });
});

describe('parseRating: ASTM F2656 (DOMAIN.md §1)', () => {
  it('reads vehicle code, mph (converted exactly) and penetration class', () => {
    // DOMAIN.md §1: M = 6800 kg; 50 mph × 1.609344 = 80.4672 km/h; P1 ≤ 1 m.
    expect(parseRating('M50-P1')).toEqual({
      scheme: 'ASTM F2656',
      testVehicle: 'M',
      massKg: 6800,
      speedKmh: 80.4672,
      speedMph: 50,
      angleDeg: 90,
      penetrationM: 1,
      penetrationClass: 'P1',
      notes: [],
      text: 'M50-P1',
    });
    expect(parseRating('M50-P1').speedKmh).toBeCloseTo(80.47, 2);
    // C7 (7200 kg) takes a colon; P3 ≤ 30 m.
    expect(parseRating('C7:50-P3')).toMatchObject({ testVehicle: 'C7', massKg: 7200, penetrationM: 30 });
    expect(parseRating('M30-P2')).toMatchObject({ speedKmh: 48.28032, penetrationM: 7 });
    expect(parseRating('H30-P1')).toMatchObject({ massKg: 29500 });
    expect(parseRating('SC50-P1')).toMatchObject({ massKg: 1100 });
    expect(parseRating('FS40-P2')).toMatchObject({ massKg: 2100, speedKmh: 64.37376 });
    expect(parseRating('PU60-P1')).toMatchObject({ massKg: 2300, speedKmh: 96.56064 });
    expect(parseRating('ASTM F2656-15 M40 P1')).toMatchObject({ speedMph: 40, penetrationClass: 'P1' });
  });

  it('treats P4 and a missing class as unbounded penetration, with a note', () => {
    expect(parseRating('SC60-P4')).toMatchObject({ penetrationM: null, penetrationClass: 'P4' });
    expect(parseRating('SC60-P4').notes[0]).toMatch(/more than 30 m/);
    const bare = parseRating('PU40');
    expect(bare.penetrationM).toBeNull();
    expect(bare.notes).toEqual(['No penetration class given: read as P4, penetration not bounded.']);
  });

  it('reads the F2656-07 codes C and P as the same test vehicles as SC and PU', () => {
    expect(parseRating('C40-P1')).toMatchObject({ testVehicle: 'C', massKg: 1100 });
    expect(parseRating('P50-P2')).toMatchObject({ testVehicle: 'P', massKg: 2300 });
    expect(parseRating('P50-P2').notes[0]).toMatch(/F2656-07 code: the same test vehicle as PU/);
  });
});

describe('parseRating: US DoS K-ratings (DOMAIN.md §1)', () => {
  it('reads K4 / K8 / K12 as 6800 kg at exactly 30 / 40 / 50 mph', () => {
    expect(parseRating('K4')).toMatchObject({
      scheme: 'DoS K',
      massKg: 6800,
      speedMph: 30,
      speedKmh: 48.28032,
    });
    expect(parseRating('K8')).toMatchObject({ speedMph: 40, speedKmh: 64.37376 });
    expect(parseRating('K12')).toMatchObject({ speedMph: 50, speedKmh: 80.4672, testVehicle: 'M' });
  });

  it('reads L levels (L3 ≤ 1 m, L2 ≤ 6 m, L1 ≤ 15 m); without one, L1 with a note', () => {
    expect(parseRating('K12-L3')).toMatchObject({ penetrationM: 1, penetrationClass: 'L3', notes: [] });
    expect(parseRating('K8 L2')).toMatchObject({ penetrationM: 6, penetrationClass: 'L2' });
    expect(parseRating('K4/L1')).toMatchObject({ penetrationM: 15, penetrationClass: 'L1' });
    expect(parseRating('k12')).toMatchObject({ penetrationM: 15, penetrationClass: 'L1' });
    expect(parseRating('K12').notes[0]).toMatch(/No L level given: read as L1/);
  });

  it('uses exact mph: K12 carries 1.2 % more energy than 80 km/h, K4 7 % less than 50 km/h', () => {
    // DOMAIN.md §1: a K/M rating's energy differs by up to 7 % if mph are rounded to km/h.
    const energy = (r: Rating) => kineticEnergyKj(r.massKg, kmhToMs(r.speedKmh));
    const k12 = energy(parseRating('K12'));
    expect(k12).toBeCloseTo(1698.7, 1);
    expect(k12 / kineticEnergyKj(6800, kmhToMs(80))).toBeCloseTo(1.0117, 4);
    expect(kineticEnergyKj(6800, kmhToMs(50)) / energy(parseRating('K4'))).toBeCloseTo(1.0725, 4);
  });
});

describe('parseRating: strings that are not ratings', () => {
  it.each([
    ['V/7200[N2A]/48', /impact angle \(90 for head-on\) and the penetration are missing/],
    ['V/7200/48/90:0.2', /vehicle class in square brackets \(such as \[N2A\]\) is missing/],
    ['V/7200[N2A]/48/0:0.2', /impact angle of 0° is not possible/],
    [
      'V/7200[N2A]/48/95:0.2',
      /impact angle of 95° is not possible \(more than 0°, up to 90°\)\. An ISO 22343-1/,
    ],
    ['V/100[M1]/48/90:0.2', /test mass of 100 kg is not plausible/],
    ['V/7200[N2A]/300/90:0.2', /test speed of 300 km\/h is not plausible/],
    ['V/7200[X9]/48/90:0.2', /for example V\/7200\[N2A\]\/48\/90:0\.2/],
    ['M55-P1', /55 mph is not an ASTM F2656 test speed\. An ASTM F2656 rating .* for example M50-P1/],
    ['M50-P5', /P5 is not an ASTM F2656 penetration class \(P1 to P4\)/],
    ['C750', /C7 code takes a colon before the speed \(C7:50\)/],
    ['K10', /K10 is not a US DoS rating\. A US DoS rating is K4, K8 or K12/],
    ['K12-L4', /L4 is not a US DoS penetration level/],
    [
      'PAS 68',
      /It names PAS 68 but no rating in its form follows\. An ISO 22343-1, IWA 14-1 or PAS 68 rating/,
    ],
    ['ASTM F2656 V/7200[N2A]/48/90:0.2', /It names ASTM F2656 but no rating in its form follows/],
    [
      'very strong',
      /for example V\/7200\[N2A\]\/48\/90:0\.2 \(ISO 22343-1, IWA 14-1, PAS 68\), M50-P1 \(ASTM F2656\) or K12/,
    ],
    ['', /The rating is empty/],
  ])('refuses %j with the reason and an example', (text, message) => {
    expect(tryParseRating(text)).toBeNull();
    let error: unknown;
    try {
      parseRating(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RatingError);
    const ratingError = error as RatingError;
    expect(ratingError.code).toBe('INVALID_RATING');
    expect(ratingError.statusCode).toBe(400);
    expect(ratingError.message).toMatch(
      new RegExp(`^"${text.replace(/[[\]/.]/g, '\\$&')}" is not a crash rating`),
    );
    expect(ratingError.message).toMatch(message);
    expect(tryParseRating(ratingError.example)).not.toBeNull();
  });

  it('hints at the form of the scheme a string seems to follow', () => {
    expect(ratingHint('M55')).toContain('ASTM F2656');
    expect(ratingHint('K10')).toContain('K4, K8 or K12');
    expect(ratingHint('K12')).toBe(
      'A US DoS rating is K4, K8 or K12 (optionally with L1–L3), for example K12.',
    );
  });

  it('reads every documented example', () => {
    for (const example of Object.values(RATING_EXAMPLES))
      expect(tryParseRating(example), example).not.toBeNull();
  });
});

describe('data/ratings.json', () => {
  const file = JSON.parse(readFileSync(path.join(repoRoot, 'data/ratings.json'), 'utf8')) as {
    ratings: Array<{ text: string; scheme: string; description: string }>;
  };

  it('holds only strings that parse, each to the scheme it names', () => {
    expect(file.ratings.length).toBeGreaterThanOrEqual(30);
    expect(new Set(file.ratings.map((r) => r.text)).size).toBe(file.ratings.length);
    for (const entry of file.ratings) {
      expect(parseRating(entry.text).scheme, entry.text).toBe(entry.scheme);
      expect(entry.description.length, entry.text).toBeGreaterThan(10);
    }
    expect(new Set(file.ratings.map((r) => r.scheme))).toEqual(
      new Set(['ISO 22343-1', 'IWA 14-1', 'PAS 68', 'ASTM F2656', 'DoS K']),
    );
  });

  it('includes the DOMAIN.md §1 examples', () => {
    const texts = file.ratings.map((r) => r.text);
    for (const example of ['V/7200[N2A]/48/90:0.2', 'V/7500[N2]/80/90:0.8/18.1', 'M50-P1', 'C7:50-P3', 'K12'])
      expect(texts).toContain(example);
  });
});

describe('assessRating (DOMAIN.md §1 rule)', () => {
  const n2a48 = parseRating('V/7200[N2A]/48/90:0.2');

  it('stops a car at 45 km/h: rated mass and speed both cover it', () => {
    const result = assessRating(n2a48, { massKg: 1500, speedKmh: 45 });
    expect(result.outcome).toBe('stops');
    // ½ × 7200 × (48/3.6)² = 640.0 kJ; ½ × 1500 × (45/3.6)² = 117.2 kJ.
    expect(result.ratedEnergyKj).toBeCloseTo(640.0, 1);
    expect(result.threatEnergyKj).toBeCloseTo(117.19, 2);
    expect(result.detail).toBe('rated for 7200 kg at 48 km/h: covers 1500 kg at 45 km/h');
  });

  it('fails against a 7200 kg N2 truck at 60 km/h: 1000 kJ against 640 kJ', () => {
    const result = assessRating(n2a48, { massKg: 7200, speedKmh: 60 });
    expect(result.outcome).toBe('fails');
    expect(result.threatEnergyKj).toBeCloseTo(1000.0, 1);
    expect(result.detail).toBe(
      'rated for 7200 kg at 48 km/h: 7200 kg at 60 km/h carries 1000 kJ, more than the 640 kJ rated',
    );
  });

  it('is only energy-equivalent for a 3500 kg van at 60 km/h: 486 kJ within 640 kJ, but faster than tested', () => {
    const result = assessRating(parseRating('V/7200[N2A]/48/90'), { massKg: 3500, speedKmh: 60 });
    expect(result.outcome).toBe('energy_equivalent');
    expect(result.ratedEnergyKj).toBeCloseTo(640.0, 1);
    expect(result.threatEnergyKj).toBeCloseTo(486.1, 1);
    expect(result.detail).toBe(
      'rated for 7200 kg at 48 km/h, not tested for 3500 kg at 60 km/h: energy-equivalent only, 486 kJ within the 640 kJ rated',
    );
  });

  it('is energy-equivalent when the threat is heavier than the test vehicle but slower', () => {
    // K12: ½ × 6800 × 22.352² = 1698.7 kJ; a 30 t artic at 30 km/h carries 1041.7 kJ, at 40 km/h 1851.9 kJ.
    const k12 = parseRating('K12');
    expect(assessRating(k12, { massKg: 30000, speedKmh: 30 }).outcome).toBe('energy_equivalent');
    expect(assessRating(k12, { massKg: 30000, speedKmh: 40 }).outcome).toBe('fails');
  });

  it('compares mph ratings exactly: K12 stops a 6800 kg truck at 80.47 km/h, not at 80.5 km/h', () => {
    const k12 = parseRating('K12');
    expect(assessRating(k12, { massKg: 6800, speedKmh: 80.4672 }).outcome).toBe('stops');
    expect(assessRating(k12, { massKg: 6800, speedKmh: 80.5 })).toMatchObject({
      outcome: 'fails',
      detail:
        'rated for 6800 kg at 80.47 km/h (50 mph): 6800 kg at 80.5 km/h carries 1700 kJ, more than the 1699 kJ rated',
    });
  });
});

describe('requiredRating (DOMAIN.md §3)', () => {
  it('names the test vehicle with the smallest standard speed at or above the impact speed', () => {
    expect(requiredRating(profile('N2'), 62).text).toBe('V/7200[N2A]/64/90');
    expect(requiredRating(profile('M1'), 45).text).toBe('V/1500[M1]/48/90');
    expect(requiredRating(profile('M1'), 48).text).toBe('V/1500[M1]/48/90');
    expect(requiredRating(profile('N1G'), 48.01).text).toBe('V/2500[N1G]/64/90');
    expect(requiredRating(profile('N3F'), 10).text).toBe('V/30000[N3F]/32/90');
    expect(requiredRating(profile('N3D'), 80)).toEqual({
      text: 'V/12000[N3D]/80/90',
      testClass: 'N3D',
      testMassKg: 12000,
      speedKmh: 80,
      message:
        'N3D 12000 kg at 80 km/h or more, head-on. Add the largest penetration the standoff allows to the rating, in metres (e.g. ":0.5").',
    });
  });

  it('appends the largest penetration the planner allows', () => {
    const required = requiredRating(profile('N2'), 62, { maxPenetrationM: 1.5 });
    expect(required.text).toBe('V/7200[N2A]/64/90:1.5');
    expect(parseRating(required.text ?? '')).toMatchObject({ massKg: 7200, speedKmh: 64, penetrationM: 1.5 });
  });

  it('says no standard rating covers a threat above 80 km/h', () => {
    expect(requiredRating(profile('M1'), 92)).toEqual({
      text: null,
      testClass: null,
      testMassKg: null,
      speedKmh: null,
      message:
        'No standard rating covers 92 km/h (tests go up to 80 km/h): reduce the speed first with a chicane, bend or setback.',
    });
  });

  it('moves a threat heavier than its test vehicle (an override) up to one at least as heavy', () => {
    const heavy = { ...profile('N2'), massKg: 9000 };
    expect(requiredRating(heavy, 40)).toMatchObject({ text: 'V/12000[N3D]/48/90', testMassKg: 12000 });
    expect(requiredRating(heavy, 40).message).toMatch(
      /The 9000 kg truck is heavier than its 7200 kg test vehicle/,
    );
    expect(requiredRating({ ...profile('N3F'), massKg: 40000 }, 40).text).toBeNull();
  });

  it('writes strings the parser reads back', () => {
    for (const p of profiles) {
      for (const speed of [20, 40, 60, 80]) {
        const required = requiredRating(p, speed);
        const rating = parseRating(required.text ?? '');
        expect(assessRating(rating, { massKg: p.massKg, speedKmh: speed }).outcome).toBe('stops');
      }
    }
  });
});
