/**
 * A camera measure's properties resolved into the numbers the coverage analysis uses (DOMAIN.md §5), with
 * where each came from: the measure, its lens (sensor width and focal length), or our default. Distances
 * on the ground are horizontal, from the foot of the camera's mast.
 */
import { DETAIL_LEVELS, distanceForDensity, lensFieldOfViewDeg, type DetailLevel } from './pixel-density.js';

/** What a camera measure may say about itself (schemas/measures.ts, kind camera). */
export interface CameraProperties {
  heightM?: number | undefined;
  bearingDeg?: number | undefined;
  tiltDeg?: number | undefined;
  hfovDeg?: number | undefined;
  sensorWidthMm?: number | undefined;
  focalLengthMm?: number | undefined;
  resolutionPx?: number | undefined;
  maxRangeM?: number | undefined;
}

export interface CameraSpec {
  heightM: number;
  /** Degrees clockwise from north. */
  bearingDeg: number;
  /** Degrees below the horizontal. */
  tiltDeg: number;
  hfovDeg: number;
  resolutionPx: number;
  maxRangeM: number | null;
}

export type ValueSource = 'measure' | 'lens' | 'default';

/**
 * Our defaults for what a camera measure leaves out (DOMAIN.md: every default is shown and editable): a
 * street-pole camera, 1080p, a 90° lens, looking slightly down. Each resolved camera lists which it used.
 */
export const CAMERA_DEFAULTS = {
  heightM: 4,
  bearingDeg: 0,
  tiltDeg: 15,
  hfovDeg: 90,
  resolutionPx: 1920,
} as const;

/** Our defaults for the view geometry, reported with every analysis. */
export const VIEW_DEFAULTS = {
  /** Image height / width (16:9) for the vertical field of view, which sets the near blind zone. */
  aspectRatio: 9 / 16,
  /** Pixel density is read at a person's face, this high above the ground. */
  targetHeightM: 1.6,
  /** No view is modelled further than this, whatever the lens. */
  maxViewM: 1000,
} as const;

const RAD = Math.PI / 180;

export function resolveCamera(props: CameraProperties): {
  spec: CameraSpec;
  sources: Record<keyof typeof CAMERA_DEFAULTS, ValueSource>;
} {
  const lens =
    props.sensorWidthMm !== undefined && props.focalLengthMm !== undefined
      ? lensFieldOfViewDeg(props.sensorWidthMm, props.focalLengthMm)
      : undefined;
  const pick = <K extends keyof typeof CAMERA_DEFAULTS>(key: K): [number, ValueSource] => {
    const own = props[key];
    if (own !== undefined) return [own, 'measure'];
    if (key === 'hfovDeg' && lens !== undefined) return [lens, 'lens'];
    return [CAMERA_DEFAULTS[key], 'default'];
  };
  const [heightM, heightSource] = pick('heightM');
  const [bearingDeg, bearingSource] = pick('bearingDeg');
  const [tiltDeg, tiltSource] = pick('tiltDeg');
  const [hfovDeg, hfovSource] = pick('hfovDeg');
  const [resolutionPx, resolutionSource] = pick('resolutionPx');
  return {
    spec: { heightM, bearingDeg, tiltDeg, hfovDeg, resolutionPx, maxRangeM: props.maxRangeM ?? null },
    sources: {
      heightM: heightSource,
      bearingDeg: bearingSource,
      tiltDeg: tiltSource,
      hfovDeg: hfovSource,
      resolutionPx: resolutionSource,
    },
  };
}

export interface LevelReach {
  level: DetailLevel;
  ppm: number;
  /** Distance from the lens to a face at which the density falls to the level. */
  slantM: number;
  /** The same on the ground from the camera's foot (0 when the level is not reached at any ground point). */
  groundM: number;
}

export interface ViewGeometry {
  vfovDeg: number;
  /** Ground closer than this is under the bottom edge of the image (the near blind zone). */
  nearM: number;
  /** Ground further than this is above the top edge (Infinity when the image reaches the horizon). */
  farM: number;
  /** How far the view is modelled: the nearest of maxRangeM, farM, the monitor level and maxViewM. */
  rangeM: number;
  levels: LevelReach[];
  /** Ground distance bands by the highest level reached there, highest level first; empty ones left out. */
  bands: { level: DetailLevel; fromM: number; toM: number }[];
  /** The image does not reach the ground at all (tilted up past half the vertical field of view). */
  seesNoGround: boolean;
}

/**
 * The vertical field of view: from the horizontal one and the aspect ratio for a rectilinear lens; a
 * fisheye's angles scale linearly, up to a hemisphere.
 */
export function verticalFieldOfViewDeg(hfovDeg: number, aspect: number = VIEW_DEFAULTS.aspectRatio): number {
  if (hfovDeg < 180) return (2 * Math.atan(Math.tan((hfovDeg * RAD) / 2) * aspect)) / RAD;
  return Math.min(180, hfovDeg * aspect);
}

/** The ground distances of a camera's view: near blind zone, far edge, and the detail bands. */
export function viewGeometry(spec: CameraSpec): ViewGeometry {
  const vfovDeg = verticalFieldOfViewDeg(spec.hfovDeg);
  const bottom = spec.tiltDeg + vfovDeg / 2;
  const top = spec.tiltDeg - vfovDeg / 2;
  const seesNoGround = bottom <= 0;
  const nearM =
    bottom >= 90 || spec.heightM === 0 ? 0 : seesNoGround ? Infinity : spec.heightM / Math.tan(bottom * RAD);
  const farM = top > 0 && spec.heightM > 0 ? spec.heightM / Math.tan(top * RAD) : Infinity;
  const drop = Math.abs(spec.heightM - VIEW_DEFAULTS.targetHeightM);
  const levels = DETAIL_LEVELS.map(({ level, ppm }) => {
    const slantM = distanceForDensity(spec.resolutionPx, spec.hfovDeg, ppm);
    return { level, ppm, slantM, groundM: slantM > drop ? Math.sqrt(slantM * slantM - drop * drop) : 0 };
  });
  const rangeM = Math.min(spec.maxRangeM ?? Infinity, farM, levels[0]!.groundM, VIEW_DEFAULTS.maxViewM);
  const bands: ViewGeometry['bands'] = [];
  for (let i = levels.length - 1; i >= 0; i--) {
    const fromM = Math.max(nearM, levels[i + 1]?.groundM ?? 0);
    const toM = Math.min(rangeM, levels[i]!.groundM);
    if (toM > fromM) bands.push({ level: levels[i]!.level, fromM, toM });
  }
  return { vfovDeg, nearM, farM, rangeM, levels, bands, seesNoGround };
}
