/**
 * Parsers for OSM tag values that carry numbers. OSM values are free text typed by people, so each
 * parser accepts the common spellings and returns null (never throws) for anything it cannot read.
 */

const FOOT_M = 0.3048;
const INCH_M = 0.0254;

/** Rounds to the millimetre so converted values do not carry float noise (12'6" → 3.81, not 3.8100000000000005). */
function roundMm(metres: number): number {
  return Math.round(metres * 1000) / 1000;
}

const NUMBER = String.raw`(\d+(?:[.,]\d+)?|[.,]\d+)`;
const FEET_INCHES = new RegExp(
  String.raw`^${NUMBER}\s*(?:'|′|ft|feet|foot)\s*(?:${NUMBER}\s*(?:"|″|''|in|inch|inches))?$`,
);
const INCHES = new RegExp(String.raw`^${NUMBER}\s*(?:"|″|''|in|inch|inches)$`);
const METRIC = new RegExp(String.raw`^${NUMBER}\s*(m|meters?|metres?|cm|mm|km)?$`);
const METRIC_SCALE: Record<string, number> = { m: 1, cm: 0.01, mm: 0.001, km: 1000 };

function toNumber(text: string): number {
  // "3,5" is a decimal comma (common in European data), not a thousands separator.
  return Number(text.replace(',', '.'));
}

/**
 * A length in metres from an OSM value such as "3", "3 m", "3,5", "12.5m", "350 cm", "40'", "12'6\"",
 * "12 ft 6 in" or "6\"". Plain numbers are metres (the OSM default unit). Several values separated by
 * ";" → the first. Approximate markers ("~3", "ca. 3") are dropped. Returns null for zero, negative or
 * unreadable values.
 */
export function parseLengthM(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  let text = raw.trim().toLowerCase();
  text = (text.split(';')[0] ?? '').trim();
  text = text.replace(/^(?:~|ca\.?|approx\.?|about)\s*/, '');
  if (text === '') return null;

  let metres: number | null = null;
  const feet = FEET_INCHES.exec(text);
  const inches = feet ? null : INCHES.exec(text);
  const metric = feet || inches ? null : METRIC.exec(text);
  if (feet) {
    metres = toNumber(feet[1] ?? '0') * FOOT_M + (feet[2] ? toNumber(feet[2]) * INCH_M : 0);
  } else if (inches) {
    metres = toNumber(inches[1] ?? '0') * INCH_M;
  } else if (metric) {
    const unit = metric[2] ?? 'm';
    metres = toNumber(metric[1] ?? '0') * (METRIC_SCALE[unit.startsWith('met') ? 'm' : unit] ?? 1);
  }
  if (metres === null || !Number.isFinite(metres) || metres <= 0) return null;
  return roundMm(metres);
}

/**
 * Tallest structure height we accept from a `height` tag (the tallest building is ~830 m). A value above
 * it is a tagging error — and would overflow the database column — so it reads as unknown.
 */
export const MAX_HEIGHT_M = 1000;

/** A structure height in metres from an OSM `height` value, null when absent, unreadable or implausible. */
export function parseHeightM(raw: string | undefined): number | null {
  const metres = parseLengthM(raw);
  return metres !== null && metres <= MAX_HEIGHT_M ? metres : null;
}

/** The OSM `layer` tag as an integer in −5..5 (the documented range); absent or garbage → 0. */
export function parseZLayer(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const text = raw.trim();
  if (!/^[+-]?\d+$/.test(text)) return 0;
  const value = Number(text);
  return Math.max(-5, Math.min(5, value));
}

/** `lanes` as a positive integer (1..20); "2;3", "two" or "0" → null. */
export function parseLanes(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= 1 && value <= 20 ? value : null;
}

/** `building:levels` (storeys above ground): a non-negative number, fractions allowed ("2.5"). */
export function parseLevels(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const text = raw.trim().replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  return value <= 200 ? value : null;
}

/** Tags like bridge/tunnel/covered: any value other than "no" means yes (bridge=viaduct, tunnel=building_passage…). */
export function isTagSet(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const text = raw.trim().toLowerCase();
  return text !== '' && text !== 'no' && text !== 'false' && text !== '0';
}

/**
 * `oneway`: yes/true/1 and -1/reverse (one-way against the drawing direction) → true; no/false/0 → false;
 * absent or other values (reversible, alternating) → null. Callers add implied one-ways (motorways,
 * roundabouts) themselves.
 */
export function parseOneway(raw: string | undefined): boolean | null {
  if (raw === undefined) return null;
  const text = raw.trim().toLowerCase();
  if (text === 'yes' || text === 'true' || text === '1' || text === '-1' || text === 'reverse') return true;
  if (text === 'no' || text === 'false' || text === '0') return false;
  return null;
}
