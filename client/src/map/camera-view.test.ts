import { describe, expect, it } from 'vitest';
import { aimFrom, aimPoint, cameraSector, DEFAULT_VIEW_RANGE_M, horizontalFov } from './camera-view.js';

describe('camera field of view', () => {
  it('takes the field of view as given or from sensor and lens', () => {
    expect(horizontalFov({ hfovDeg: 60 })).toBe(60);
    // A 6.4 mm sensor behind a 3.2 mm lens sees 2·atan(1) = 90°.
    expect(horizontalFov({ sensorWidthMm: 6.4, focalLengthMm: 3.2 })).toBeCloseTo(90);
    expect(horizontalFov({})).toBeNull();
  });

  it('draws a closed sector from the camera along its bearing', () => {
    const sector = cameraSector([0, 0], { bearingDeg: 90, hfovDeg: 10, maxRangeM: 111.32 })!;
    const ring = sector.coordinates[0]!;
    expect(ring[0]).toEqual([0, 0]);
    expect(ring.at(-1)).toEqual([0, 0]);
    // Looking east, 111.32 m is 0.001° of longitude at the equator.
    const middle = ring[Math.floor(ring.length / 2)]!;
    expect(middle[0]).toBeCloseTo(0.001, 5);
    expect(middle[1]).toBeCloseTo(0, 5);
  });

  it('uses the default range when none is set, and draws nothing without a bearing', () => {
    const ring = cameraSector([0, 0], { bearingDeg: 0, hfovDeg: 2 })!.coordinates[0]!;
    expect(ring[1]![1]! * 111_320).toBeCloseTo(DEFAULT_VIEW_RANGE_M, 0);
    expect(cameraSector([0, 0], { hfovDeg: 60 })).toBeNull();
  });
});

describe('aiming a camera by its handle', () => {
  it('puts the handle along the bearing at the range, and reads bearing and range back from it', () => {
    const camera = [7.42, 43.73];
    const handle = aimPoint(camera, { bearingDeg: 135, maxRangeM: 60 })!;
    expect(aimFrom(camera, handle)).toEqual({ bearingDeg: 135, maxRangeM: 60 });
    expect(aimFrom([0, 0], [-0.001, 0]).bearingDeg).toBe(270);
    expect(aimPoint(camera, {})).toBeNull();
  });
});
