/**
 * Reads data/camera-presets.json once (kept apart from the pure modules, which the client may import),
 * with each lens preset's field of view worked out (DOMAIN.md §5: φ = 2·atan(w / 2f)).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../config.js';
import type { CameraPresets } from '../../schemas/coverage-analysis.js';
import { lensFieldOfViewDeg } from './pixel-density.js';

export const CAMERA_PRESETS_FILE = path.join(repoRoot, 'data/camera-presets.json');

type PresetFile = {
  description: string;
  presets: (Omit<CameraPresets['presets'][number], 'hfovDeg'> & { hfovDeg?: number })[];
};

let presets: CameraPresets | undefined;

export function loadCameraPresets(): CameraPresets {
  if (!presets) {
    const file = JSON.parse(readFileSync(CAMERA_PRESETS_FILE, 'utf8')) as PresetFile;
    presets = {
      description: file.description,
      presets: file.presets.map((p) => {
        const lens =
          p.sensorWidthMm !== undefined && p.focalLengthMm !== undefined
            ? Math.round(lensFieldOfViewDeg(p.sensorWidthMm, p.focalLengthMm) * 100) / 100
            : undefined;
        const hfovDeg = p.hfovDeg ?? lens;
        if (hfovDeg === undefined) throw new Error(`camera preset ${p.key}: give hfovDeg or a lens`);
        return { ...p, hfovDeg };
      }),
    };
  }
  return presets;
}
