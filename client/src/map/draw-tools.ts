/** The drawing tools: what each draws, the terra-draw mode that draws it, its key and starting properties. */
import type { ItemCollection } from '../api/endpoints.js';
import type { ItemKind } from '../plan/plan-item.js';

export type DrawMode = 'polygon' | 'linestring' | 'point';

export interface DrawTool {
  kind: ItemKind;
  collection: ItemCollection;
  mode: DrawMode;
  label: string;
  /** A single key, pressed without modifiers. */
  key: string;
  hint: string;
  /** Properties a new item starts with (the planner edits them in the properties panel). */
  defaults: Record<string, unknown>;
}

export const DRAW_TOOLS: readonly DrawTool[] = [
  {
    kind: 'zone',
    collection: 'zones',
    mode: 'polygon',
    label: 'Protected zone',
    key: 'z',
    hint: 'Click the corners; click the first corner or press Enter to finish.',
    defaults: { kind: 'crowd' },
  },
  {
    kind: 'bollard_line',
    collection: 'measures',
    mode: 'linestring',
    label: 'Bollard line',
    key: 'b',
    hint: 'Click along the line; click the last point again or press Enter to finish.',
    // A common fixed bollard: 200 mm steel at 1.4 m centres leaves a 1.2 m gap.
    defaults: { kind: 'bollard_line', diameterM: 0.2, spacingM: 1.4 },
  },
  {
    kind: 'barrier',
    collection: 'measures',
    mode: 'linestring',
    label: 'Barrier',
    key: 'r',
    hint: 'Click along the barrier; click the last point again or press Enter to finish.',
    defaults: { kind: 'barrier' },
  },
  {
    kind: 'gate',
    collection: 'measures',
    mode: 'linestring',
    label: 'Gate',
    key: 'g',
    hint: 'Click across the opening; click the last point again or press Enter to finish.',
    defaults: { kind: 'gate', open: false },
  },
  {
    kind: 'chicane',
    collection: 'measures',
    mode: 'linestring',
    label: 'Chicane',
    key: 'c',
    hint: 'Click along the chicane; click the last point again or press Enter to finish.',
    defaults: { kind: 'chicane', designSpeedKmh: 30 },
  },
  {
    kind: 'camera',
    collection: 'measures',
    mode: 'point',
    label: 'Camera',
    key: 'k',
    hint: 'Click where the camera is mounted.',
    defaults: { kind: 'camera', heightM: 6, bearingDeg: 0, hfovDeg: 60, resolutionPx: 1920 },
  },
  {
    kind: 'cordon',
    collection: 'measures',
    mode: 'polygon',
    label: 'Cordon',
    key: 'o',
    hint: 'Click around the cordoned area; click the first corner or press Enter to finish.',
    defaults: { kind: 'cordon' },
  },
];

export function toolForKey(key: string): DrawTool | undefined {
  return DRAW_TOOLS.find((t) => t.key === key.toLowerCase());
}
