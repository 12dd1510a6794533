/**
 * Vehicle profiles (DOMAIN.md §1–§2): the catalogue in data/vehicles.json, checked, and merged with the
 * overrides of a site and of an analysis request. Every resolved value keeps the note saying where it came
 * from, so an analysis can list each default it used. Pure: the file is read by ./load-vehicles.ts.
 */
import { AppError } from '../errors.js';

export const VEHICLE_CLASSES = ['M1', 'N1G', 'N1', 'N2', 'N3D', 'N3F'] as const;
export type VehicleClass = (typeof VEHICLE_CLASSES)[number];

interface ParameterSpec {
  unit: string;
  description: string;
  /** Plausible bounds for an override (inclusive). */
  min: number;
  max: number;
  /** What null means, where null is allowed. */
  nullMeans?: string;
}

/** The per-class numbers a site or request may override. */
export const VEHICLE_PARAMETERS = {
  massKg: { unit: 'kg', description: 'mass', min: 500, max: 60_000 },
  powerKw: { unit: 'kW', description: 'engine power', min: 10, max: 2000 },
  gripAccel: { unit: 'm/s²', description: 'grip-limited acceleration', min: 0.3, max: 12 },
  cdA: { unit: 'm²', description: 'drag area (drag coefficient × frontal area)', min: 0.2, max: 20 },
  topSpeedKmh: { unit: 'km/h', description: 'top speed', min: 10, max: 350 },
  widthM: { unit: 'm', description: 'body width', min: 1, max: 4 },
  lengthM: { unit: 'm', description: 'overall length', min: 2, max: 30 },
  maxLateralG: {
    unit: 'g',
    description: 'roll-over limit of lateral acceleration',
    min: 0.1,
    max: 1.5,
    nullMeans: 'the vehicle skids before it rolls',
  },
} as const satisfies Record<string, ParameterSpec>;
export type VehicleParameter = keyof typeof VEHICLE_PARAMETERS;
const PARAMETER_NAMES = Object.keys(VEHICLE_PARAMETERS) as VehicleParameter[];

/** Physical constants shared by every class (DOMAIN.md §2). */
export interface PhysicsConstants {
  /** Drivetrain efficiency η. */
  eta: number;
  /** Rolling resistance coefficient. */
  crr: number;
  /** Air density, kg/m³. */
  rho: number;
  /** Gravity, m/s². */
  g: number;
}
const PHYSICS_CONSTANTS = ['eta', 'crr', 'rho', 'g'] as const;

export interface CatalogueConstants extends PhysicsConstants {
  /** Tyre–road friction of a normal road surface. */
  friction: number;
  /** Friction to use when unsure (conservative: faster corners). */
  frictionConservative: number;
}
const CATALOGUE_CONSTANTS = [...PHYSICS_CONSTANTS, 'friction', 'frictionConservative'] as const;

/** Units of the constants and the fixed per-class values, for parameter listings. */
const OTHER_UNITS: Record<(typeof CATALOGUE_CONSTANTS)[number] | 'testClass' | 'testMassKg', string> = {
  eta: '',
  crr: '',
  rho: 'kg/m³',
  g: 'm/s²',
  friction: '',
  frictionConservative: '',
  testClass: '',
  testMassKg: 'kg',
};

export type ProfileValue = VehicleParameter | keyof PhysicsConstants | 'testClass' | 'testMassKg';

export interface VehicleProfile extends PhysicsConstants {
  vehicleClass: VehicleClass;
  label: string;
  massKg: number;
  powerKw: number;
  gripAccel: number;
  cdA: number;
  topSpeedKmh: number;
  widthM: number;
  lengthM: number;
  /** Roll-over limit (g); null when the vehicle skids before it rolls. */
  maxLateralG: number | null;
  /** ISO 22343-1 test vehicle class and mass a rating for this threat names. */
  testClass: string;
  testMassKg: number;
  /** Where each value came from: the catalogue's note, or "site override" / "request override". */
  sources: Record<ProfileValue, string>;
}

export interface VehicleCatalogue {
  constants: CatalogueConstants;
  constantSources: Record<keyof CatalogueConstants, string>;
  /** One profile per class, in VEHICLE_CLASSES order, with catalogue values only. */
  profiles: VehicleProfile[];
}

/** Per-class overrides, as a site stores them or a request sends them: `{ N2: { massKg: 7500 } }`. */
export type VehicleOverrides = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isVehicleClass = (value: unknown): value is VehicleClass =>
  (VEHICLE_CLASSES as readonly unknown[]).includes(value);

const listOr = (items: readonly string[]) => `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

/** A value of the catalogue file with its source note; a broken file is a deployment error, not user input. */
function sourced<T>(
  record: Record<string, unknown>,
  key: string,
  where: string,
  check: (v: unknown) => v is T,
): { value: T; source: string } {
  const entry = record[key];
  if (!isRecord(entry) || !check(entry.value) || typeof entry.source !== 'string' || entry.source === '')
    throw new Error(`data/vehicles.json: ${where}.${key} must be { "value": …, "source": "…" }`);
  return { value: entry.value, source: entry.source };
}

const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isPositiveOrNull = (v: unknown): v is number | null => v === null || isPositive(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** The catalogue file's contents checked: all six classes, every value positive and sourced. */
export function readVehicleCatalogue(json: unknown): VehicleCatalogue {
  if (!isRecord(json) || !isRecord(json.constants) || !Array.isArray(json.classes))
    throw new Error('data/vehicles.json must hold "constants" and "classes"');
  const rawConstants = json.constants;
  const constants = {} as CatalogueConstants;
  const constantSources = {} as Record<keyof CatalogueConstants, string>;
  for (const key of CATALOGUE_CONSTANTS) {
    const { value, source } = sourced(rawConstants, key, 'constants', isPositive);
    constants[key] = value;
    constantSources[key] = source;
  }
  const byClass = new Map<VehicleClass, VehicleProfile>();
  json.classes.forEach((raw: unknown, i) => {
    const where = `classes[${i}]`;
    if (!isRecord(raw) || !isVehicleClass(raw.vehicleClass) || !isText(raw.label))
      throw new Error(
        `data/vehicles.json: ${where} needs a vehicleClass (${VEHICLE_CLASSES.join(', ')}) and a label`,
      );
    if (byClass.has(raw.vehicleClass))
      throw new Error(`data/vehicles.json: ${raw.vehicleClass} is listed twice`);
    const sources = {} as Record<ProfileValue, string>;
    const take = <T>(key: ProfileValue, check: (v: unknown) => v is T): T => {
      const { value, source } = sourced(raw, key, where, check);
      sources[key] = source;
      return value;
    };
    const profile: VehicleProfile = {
      vehicleClass: raw.vehicleClass,
      label: raw.label,
      massKg: take('massKg', isPositive),
      powerKw: take('powerKw', isPositive),
      gripAccel: take('gripAccel', isPositive),
      cdA: take('cdA', isPositive),
      topSpeedKmh: take('topSpeedKmh', isPositive),
      widthM: take('widthM', isPositive),
      lengthM: take('lengthM', isPositive),
      maxLateralG: take('maxLateralG', isPositiveOrNull),
      testClass: take('testClass', isText),
      testMassKg: take('testMassKg', isPositive),
      eta: constants.eta,
      crr: constants.crr,
      rho: constants.rho,
      g: constants.g,
      sources,
    };
    for (const key of PHYSICS_CONSTANTS) sources[key] = constantSources[key];
    // The catalogue is loaded once and shared: resolveProfiles works on copies.
    Object.freeze(sources);
    byClass.set(raw.vehicleClass, Object.freeze(profile));
  });
  const missing = VEHICLE_CLASSES.filter((c) => !byClass.has(c));
  if (missing.length > 0) throw new Error(`data/vehicles.json lacks ${missing.join(', ')}`);
  return Object.freeze({
    constants: Object.freeze(constants),
    constantSources: Object.freeze(constantSources),
    profiles: VEHICLE_CLASSES.map((c) => byClass.get(c) as VehicleProfile),
  });
}

const refuse = (message: string) => new AppError('INVALID_VEHICLE_PARAMETERS', message);

/** The requested classes, checked and without repeats; all six when none are named. */
function pickClasses(classes: readonly unknown[] | undefined): VehicleClass[] {
  if (classes === undefined) return [...VEHICLE_CLASSES];
  if (classes.length === 0)
    throw refuse(
      `vehicleClasses must name at least one class (${listOr(VEHICLE_CLASSES)}), or be left out for all.`,
    );
  for (const c of classes) {
    if (!isVehicleClass(c))
      throw refuse(
        `vehicleClasses: ${JSON.stringify(c)} is not a vehicle class; use ${listOr(VEHICLE_CLASSES)}.`,
      );
  }
  return [...new Set(classes as VehicleClass[])];
}

function describeBounds(name: VehicleParameter): string {
  const spec: ParameterSpec = VEHICLE_PARAMETERS[name];
  const range = `a number from ${spec.min} to ${spec.max}${spec.unit ? ` ${spec.unit}` : ''}`;
  return spec.nullMeans ? `${range}, or null (${spec.nullMeans})` : range;
}

/** Applies one layer of overrides to the profiles it names (in place on the copies being resolved). */
function applyOverrides(
  profiles: Map<VehicleClass, VehicleProfile>,
  overrides: unknown,
  layer: 'site' | 'request',
): void {
  if (overrides === undefined || overrides === null) return;
  const root = `overrides (${layer})`;
  if (!isRecord(overrides))
    throw refuse(
      `${root} must be an object keyed by vehicle class, for example { "N2": { "massKg": 7500 } }.`,
    );
  for (const [cls, values] of Object.entries(overrides)) {
    if (!isVehicleClass(cls))
      throw refuse(`${root}: "${cls}" is not a vehicle class; use ${listOr(VEHICLE_CLASSES)}.`);
    if (!isRecord(values))
      throw refuse(`${root}.${cls} must be an object of parameters, for example { "massKg": 7500 }.`);
    const profile = profiles.get(cls);
    for (const [name, value] of Object.entries(values)) {
      const path = `${root}.${cls}.${name}`;
      if (!(PARAMETER_NAMES as string[]).includes(name))
        throw refuse(`${path} is not a vehicle parameter; you can set ${listOr(PARAMETER_NAMES)}.`);
      const parameter = name as VehicleParameter;
      const spec: ParameterSpec = VEHICLE_PARAMETERS[parameter];
      const valid =
        (value === null && spec.nullMeans !== undefined) ||
        (typeof value === 'number' && Number.isFinite(value) && value >= spec.min && value <= spec.max);
      if (!valid) {
        const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
        throw refuse(`${path} (${spec.description}) must be ${describeBounds(parameter)}, not ${shown}.`);
      }
      // A class overridden but not requested still gets its values checked, then is left out.
      if (profile) {
        (profile[parameter] as number | null) = value as number | null;
        profile.sources[parameter] = `${layer} override`;
      }
    }
  }
}

/**
 * The profiles of the requested classes (all six by default) with the site's overrides applied, then the
 * request's. Refuses unknown classes and parameters, and values outside plausible bounds, naming the field.
 */
export function resolveProfiles(
  catalogue: VehicleCatalogue,
  classes?: readonly unknown[],
  overrides: { site?: unknown; request?: unknown } = {},
): VehicleProfile[] {
  const wanted = pickClasses(classes);
  const profiles = new Map(
    catalogue.profiles
      .filter((p) => wanted.includes(p.vehicleClass))
      .map((p) => [p.vehicleClass, { ...p, sources: { ...p.sources } }]),
  );
  applyOverrides(profiles, overrides.site, 'site');
  applyOverrides(profiles, overrides.request, 'request');
  for (const p of profiles.values()) {
    // From rest the vehicle must out-pull its rolling resistance, or it never moves.
    if (p.gripAccel <= p.crr * p.g)
      throw refuse(
        `${p.vehicleClass}.gripAccel (${p.gripAccel} m/s²) must exceed rolling resistance ` +
          `(${(p.crr * p.g).toFixed(3)} m/s²): the vehicle could not move.`,
      );
  }
  return wanted.map((c) => profiles.get(c) as VehicleProfile);
}

export interface ParameterRow {
  /** null for constants shared by every class. */
  vehicleClass: VehicleClass | null;
  parameter: string;
  value: number | string | null;
  unit: string;
  source: string;
}

/** Every value the profiles and the catalogue's constants hold, with its unit and source, for the output. */
export function listParameters(
  catalogue: VehicleCatalogue,
  profiles: readonly VehicleProfile[],
): ParameterRow[] {
  const rows: ParameterRow[] = CATALOGUE_CONSTANTS.map((key) => ({
    vehicleClass: null,
    parameter: key,
    value: catalogue.constants[key],
    unit: OTHER_UNITS[key],
    source: catalogue.constantSources[key],
  }));
  for (const p of profiles) {
    for (const key of [...PARAMETER_NAMES, 'testClass', 'testMassKg'] as const) {
      rows.push({
        vehicleClass: p.vehicleClass,
        parameter: key,
        value: p[key],
        unit: key === 'testClass' || key === 'testMassKg' ? OTHER_UNITS[key] : VEHICLE_PARAMETERS[key].unit,
        source: p.sources[key],
      });
    }
  }
  return rows;
}
