import { describe, expect, it } from 'vitest';
import {
  aimFrom,
  aimPoint,
  cameraSector,
  DEFAULT_VIEW_RANGE_M,
  fovHandlePoints,
  fovPatch,
  fovTo,
  horizontalFov,
  MAX_LENS_FOV_DEG,
} from './camera-view.js';

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

describe('widening a camera’s view by its edge handles', () => {
  const camera = [7.42, 43.73];

  it('puts a handle at each end of the sector’s arc', () => {
    const handles = fovHandlePoints(camera, { bearingDeg: 90, hfovDeg: 60, maxRangeM: 50 })!;
    expect(aimFrom(camera, handles.left)).toEqual({ bearingDeg: 60, maxRangeM: 50 });
    expect(aimFrom(camera, handles.right)).toEqual({ bearingDeg: 120, maxRangeM: 50 });
    expect(fovHandlePoints(camera, { bearingDeg: 90 })).toBeNull();
  });

  it('reads the field of view back from where an edge handle is dropped, either side, across north', () => {
    const at = (bearingDeg: number) => aimPoint(camera, { bearingDeg, maxRangeM: 30 })!;
    expect(fovTo(camera, 90, at(45))).toBe(90);
    expect(fovTo(camera, 90, at(135))).toBe(90);
    expect(fovTo(camera, 10, at(340))).toBe(60);
    expect(fovTo(camera, 350, at(20.25))).toBe(61);
    // Behind the camera: all round; on the bearing: the narrowest view.
    expect(fovTo(camera, 0, at(180))).toBe(360);
    expect(fovTo(camera, 0, at(0))).toBe(1);
    // The distance does not matter, only the direction.
    expect(fovTo(camera, 90, aimPoint(camera, { bearingDeg: 60, maxRangeM: 5 })!)).toBe(60);
  });

  it('changes hfovDeg, or the focal length of a camera given by sensor and lens', () => {
    expect(fovPatch({ hfovDeg: 60 }, 90)).toEqual({ hfovDeg: 90 });
    expect(fovPatch({}, 90)).toEqual({ hfovDeg: 90 });
    // A 6.4 mm sensor sees 90° through a 3.2 mm lens.
    const lens = fovPatch({ sensorWidthMm: 6.4, focalLengthMm: 8 }, 90);
    expect(lens).toEqual({ focalLengthMm: 3.2 });
    expect(horizontalFov({ sensorWidthMm: 6.4, ...lens })).toBeCloseTo(90);
    // No lens sees 180° or more: the widest is MAX_LENS_FOV_DEG.
    const widest = fovPatch({ sensorWidthMm: 6.4, focalLengthMm: 8 }, 300);
    expect(horizontalFov({ sensorWidthMm: 6.4, ...widest })).toBeCloseTo(MAX_LENS_FOV_DEG, 0);
  });
});
