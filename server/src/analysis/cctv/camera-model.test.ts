import { describe, expect, it } from 'vitest';
import { CAMERA_DEFAULTS, resolveCamera, verticalFieldOfViewDeg, viewGeometry } from './camera-model.js';

const RAD = Math.PI / 180;

describe('camera model', () => {
  it('takes the field of view from the lens and says which values are defaults', () => {
    const { spec, sources } = resolveCamera({ sensorWidthMm: 5.37, focalLengthMm: 4, heightM: 6 });
    expect(spec.hfovDeg).toBeCloseTo(67.74, 2);
    expect(spec).toMatchObject({ heightM: 6, resolutionPx: CAMERA_DEFAULTS.resolutionPx, maxRangeM: null });
    expect(sources).toEqual({
      heightM: 'measure',
      bearingDeg: 'default',
      tiltDeg: 'default',
      hfovDeg: 'lens',
      resolutionPx: 'default',
    });
  });

  it('puts the near blind zone where the bottom of the image meets the ground', () => {
    // 90° × 16:9: vertical field of view 2·atan(9/16) = 58.72°; tilted 15° down, the bottom edge is 44.36°
    // below the horizontal, so from 4 m up the ground is seen from 4 / tan(44.36°) = 4.09 m out.
    expect(verticalFieldOfViewDeg(90)).toBeCloseTo(58.7155, 3);
    const g = viewGeometry({
      heightM: 4,
      bearingDeg: 0,
      tiltDeg: 15,
      hfovDeg: 90,
      resolutionPx: 1920,
      maxRangeM: null,
    });
    expect(g.nearM).toBeCloseTo(4 / Math.tan((15 + 58.7155 / 2) * RAD), 3);
    expect(g.farM).toBe(Infinity);
    // Tilted down 60°, the top of the image meets the ground at 4 / tan(60° − 29.36°) = 6.75 m.
    const spec = { heightM: 4, bearingDeg: 0, tiltDeg: 60, hfovDeg: 90, resolutionPx: 1920, maxRangeM: null };
    const steep = { spec, ...viewGeometry(spec) };
    expect(steep.nearM).toBeCloseTo(4 / Math.tan((60 + 58.7155 / 2) * RAD), 3);
    expect(viewGeometry({ ...steep.spec, tiltDeg: 61 }).nearM).toBe(0);
    expect(steep.farM).toBeCloseTo(4 / Math.tan((60 - 58.7155 / 2) * RAD), 3);
    expect(steep.rangeM).toBeCloseTo(steep.farM, 9);
  });

  it('reads the detail levels at a face: ground distances shrink under a high camera', () => {
    const level = (heightM: number, name: string) =>
      viewGeometry({
        heightM,
        bearingDeg: 0,
        tiltDeg: 0,
        hfovDeg: 90,
        resolutionPx: 1920,
        maxRangeM: null,
      }).levels.find((l) => l.level === name)!;
    // A camera at face height: the DOMAIN.md distances on the ground.
    expect(level(1.6, 'identify').groundM).toBeCloseTo(3.84, 10);
    expect(level(1.6, 'monitor').groundM).toBeCloseTo(76.8, 10);
    // 2.4 m above the face: √(3.84² − 2.4²) = 2.9976 m.
    expect(level(4, 'identify').slantM).toBeCloseTo(3.84, 10);
    expect(level(4, 'identify').groundM).toBeCloseTo(2.9976, 4);
    // 10 m above the face, identify (3.84 m) is out of reach.
    expect(level(11.6, 'identify').groundM).toBe(0);
  });

  it('bands the ground by the highest level reached, cut at the range and the blind zone', () => {
    const g = viewGeometry({
      heightM: 1.6,
      bearingDeg: 0,
      tiltDeg: 0,
      hfovDeg: 90,
      resolutionPx: 1920,
      maxRangeM: 50,
    });
    expect(g.bands.map((b) => [b.level, +b.fromM.toFixed(2), +b.toM.toFixed(2)])).toEqual([
      ['identify', +g.nearM.toFixed(2), 3.84],
      ['recognise', 3.84, 7.68],
      ['observe', 7.68, 15.36],
      ['detect', 15.36, 38.4],
      ['monitor', 38.4, 50],
    ]);
  });

  it('sees no ground when tilted up past half its vertical field of view', () => {
    const g = viewGeometry({
      heightM: 4,
      bearingDeg: 0,
      tiltDeg: -40,
      hfovDeg: 90,
      resolutionPx: 1920,
      maxRangeM: null,
    });
    expect(g.seesNoGround).toBe(true);
    expect(g.bands).toEqual([]);
  });
});
