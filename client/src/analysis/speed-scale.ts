/**
 * The one colour scale for speeds (approach vectors and the speed map). Bands follow the impact speeds
 * crash tests use (16, 32, 48, 64, 80 km/h), so a colour says which rating speed a vector needs; above
 * 80 km/h no standard test applies. Colours run light to dark (yellow → purple) so they read in order
 * in greyscale and with red–green colour blindness.
 */
export type Rgb = [number, number, number];

export interface SpeedBand {
  /** Lower bound, km/h (inclusive). */
  fromKmh: number;
  /** Upper bound, km/h (exclusive); null for the last band. */
  toKmh: number | null;
  colour: Rgb;
}

export const SPEED_BANDS: readonly SpeedBand[] = [
  { fromKmh: 0, toKmh: 16, colour: [255, 237, 160] },
  { fromKmh: 16, toKmh: 32, colour: [254, 204, 92] },
  { fromKmh: 32, toKmh: 48, colour: [253, 141, 60] },
  { fromKmh: 48, toKmh: 64, colour: [240, 59, 32] },
  { fromKmh: 64, toKmh: 80, colour: [189, 0, 38] },
  { fromKmh: 80, toKmh: null, colour: [84, 39, 143] },
];

export function speedColour(kmh: number): Rgb {
  for (const band of SPEED_BANDS) {
    if (band.toKmh === null || kmh < band.toKmh) return band.colour;
  }
  return SPEED_BANDS[SPEED_BANDS.length - 1]!.colour;
}

export const rgbCss = ([r, g, b]: Rgb) => `rgb(${r} ${g} ${b})`;
