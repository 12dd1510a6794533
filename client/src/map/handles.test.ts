import { describe, expect, it } from 'vitest';
import type { PlanItem } from '../plan/plan-item.js';
import { aimFrom } from './camera-view.js';
import { handleFeatures, handlePatch, handleRefOf, previewItems } from './handles.js';

const camera: PlanItem = {
  id: 'cam',
  collection: 'measures',
  kind: 'camera',
  geometry: { type: 'Point', coordinates: [7.42, 43.73] },
  properties: { kind: 'camera', bearingDeg: 90, hfovDeg: 60, maxRangeM: 40, version: 1 },
};

const cordon: PlanItem = {
  id: 'cordon',
  collection: 'measures',
  kind: 'cordon',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [0.001, 0],
        [0.001, 0.001],
        [0, 0.001],
        [0, 0],
      ],
    ],
  },
  properties: {
    kind: 'cordon',
    version: 3,
    accessPoints: [
      { position: [0.0005, 0], kind: 'pedestrian' },
      { position: [0.001, 0.0005], kind: 'emergency' },
    ],
  },
};

describe('map handles', () => {
  it('shows a cordon’s access points always, a camera’s edge handles only when it is selected', () => {
    const points = handleFeatures(cordon, false);
    expect(points.map((f) => f.properties)).toEqual([
      { itemId: 'cordon', kind: 'access_point', handle: 'access', index: 0, accessKind: 'pedestrian' },
      { itemId: 'cordon', kind: 'access_point', handle: 'access', index: 1, accessKind: 'emergency' },
    ]);
    expect(handleFeatures(camera, false)).toEqual([]);
    const edges = handleFeatures(camera, true);
    expect(edges.map((f) => f.properties!.side)).toEqual(['left', 'right']);
    expect(aimFrom(camera.geometry.coordinates as number[], edges[0]!.geometry.coordinates)).toEqual({
      bearingDeg: 60,
      maxRangeM: 40,
    });
    expect(handleRefOf(edges[1]!.properties!)).toEqual({ handle: 'fov', side: 'right' });
    expect(handleRefOf(points[1]!.properties!)).toEqual({ handle: 'access', index: 1 });
    expect(handleRefOf({ handle: 'access' })).toBeNull();
  });

  it('widens the view about its bearing when an edge handle is dragged out', () => {
    const [lon, lat] = [7.42, 43.73];
    // Due north of the camera: 90° off its bearing (east), so the view becomes 180° wide.
    expect(handlePatch(camera, { handle: 'fov', side: 'left' }, [lon, lat + 0.0003])).toEqual({
      hfovDeg: 180,
    });
  });

  it('moves an access point onto the cordon’s outline, keeping the others', () => {
    const patch = handlePatch(cordon, { handle: 'access', index: 0 }, [0.0002, 0.00001]);
    expect(patch).toEqual({
      accessPoints: [
        { position: [0.0002, 0], kind: 'pedestrian' },
        { position: [0.001, 0.0005], kind: 'emergency' },
      ],
    });
    expect(handlePatch(cordon, { handle: 'access', index: 5 }, [0, 0])).toBeNull();
    expect(handlePatch(camera, { handle: 'access', index: 0 }, [0, 0])).toBeNull();
  });
});

describe('a drag in progress', () => {
  it('shows the dragged item with the change, the others as they are', () => {
    const items = [camera, cordon];
    const shown = previewItems(items, 'cam', { hfovDeg: 90 });
    expect(shown[0]!.properties).toMatchObject({ hfovDeg: 90, bearingDeg: 90, version: 1 });
    expect(shown[1]).toBe(cordon);
    expect(camera.properties.hfovDeg).toBe(60);
  });
});
