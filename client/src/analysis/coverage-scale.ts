/**
 * The colours of the CCTV coverage layers. The detail levels run light to dark in one hue (cyan to deep
 * teal), so they read in order in greyscale and sit apart from the yellow-to-purple speed scale, the
 * standoff class colours and the bomb-threat rings drawn with them. "Not seen" is black throughout
 * (hatched blind spots, dashed vector tails, rings): the one meaning of black on the coverage layers.
 */
import type { DetailLevel } from '../api/coverage-types.js';
import type { Rgb } from './speed-scale.js';

export interface DetailBand {
  level: DetailLevel;
  /** What the level lets an operator do (EN 62676-4), for the legend. */
  label: string;
  /** Pixels per metre at the target from which the level is reached (DOMAIN.md §5). */
  ppm: number;
  colour: Rgb;
}

export const DETAIL_BANDS: readonly DetailBand[] = [
  { level: 'monitor', label: 'Monitor', ppm: 12.5, colour: [178, 228, 236] },
  { level: 'detect', label: 'Detect', ppm: 25, colour: [120, 205, 205] },
  { level: 'observe', label: 'Observe', ppm: 62.5, colour: [44, 160, 168] },
  { level: 'recognise', label: 'Recognise', ppm: 125, colour: [12, 118, 118] },
  { level: 'identify', label: 'Identify', ppm: 250, colour: [10, 84, 72] },
  { level: 'inspect', label: 'Inspect', ppm: 1000, colour: [2, 38, 52] },
];

export function detailBand(level: DetailLevel): DetailBand {
  return DETAIL_BANDS.find((b) => b.level === level) ?? DETAIL_BANDS[0]!;
}

/** Seen at the chosen level: the coverage outline, and the rings round seen impact and access points. */
export const SEEN_COLOUR: Rgb = [0, 128, 128];
export const NOT_SEEN_COLOUR: Rgb = [20, 20, 20];
/** The suggested privacy mask, blacked out as it would be in the camera's picture. */
export const PRIVACY_COLOUR: Rgb = [45, 45, 45];
