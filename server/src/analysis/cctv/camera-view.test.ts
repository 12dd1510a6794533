import type { Polygon } from 'polygon-clipping';
import { describe, expect, it } from 'vitest';
import type { CameraSpec } from './camera-model.js';
import { computeCameraView } from './camera-view.js';
import { prepareObstacles, type ObstacleFeatures } from './obstacles.js';
import { pointInMultiPolygon } from './planar.js';

const rect = (w: number, s: number, e: number, n: number): Polygon => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
];

const scene = (features: Partial<ObstacleFeatures>) =>
  prepareObstacles({ buildings: [], walls: [], privateLand: [], ...features });

/** Looking straight down (no near blind zone), all round, out to `maxRangeM`. */
const dome = (heightM: number, maxRangeM: number): CameraSpec => ({
  heightM,
  bearingDeg: 0,
  tiltDeg: 90,
  hfovDeg: 360,
  resolutionPx: 100_000,
  maxRangeM,
});

const view = (features: Partial<ObstacleFeatures>, spec: CameraSpec, at: [number, number] = [0, 0]) =>
  computeCameraView(scene(features), { id: 'c', x: at[0], y: at[1], spec }, 'monitor');

describe('a camera’s view on hand-made scenes with exact answers', () => {
  const open = view({}, dome(5, 50));

  it('sees a disc in open ground (the circle drawn as chords, 0.02 % short)', () => {
    expect(open.viewAreaM2).toBeCloseTo(Math.PI * 2500, -1);
    expect(Math.abs(open.viewAreaM2 / (Math.PI * 2500) - 1)).toBeLessThan(3e-4);
  });

  it('a 360° camera in an enclosed square sees exactly the square', () => {
    // A 40 m × 40 m square closed by four buildings of unknown height; the camera off-centre.
    const blocks = [
      rect(-30, -30, 30, -20),
      rect(-30, 20, 30, 30),
      rect(-30, -20, -20, 20),
      rect(20, -20, 30, 20),
    ];
    const v = view(
      { buildings: blocks.map((polygon) => ({ polygon, heightM: null, private: false })) },
      dome(5, 100),
      [3, -7],
    );
    expect(v.viewAreaM2).toBeCloseTo(1600, 6);
  });

  it('one square building in view: its shadow is the sector behind its near face', () => {
    // Building 10 × 10 m at x 20…30, y −5…5; the camera at the origin. From the origin its outline spans
    // ±atan(5/20), and everything beyond its near face in that sector is hidden: the sector of radius 50
    // less the triangle to the near face, 2500·atan(0.25) − ½·10·20 = 512.45 m² (footprint included).
    const v = view(
      { buildings: [{ polygon: rect(20, -5, 30, 5), heightM: 12, private: false }] },
      dome(5, 50),
    );
    const hidden = open.viewAreaM2 - v.viewAreaM2;
    const exact = 2500 * Math.atan(0.25) - 100;
    expect(Math.abs(hidden / exact - 1)).toBeLessThan(5e-4);
    expect(pointInMultiPolygon([19.9, 0], v.view)).toBe(true);
    expect(pointInMultiPolygon([45, 8], v.view)).toBe(false);
    expect(pointInMultiPolygon([45, 12], v.view)).toBe(true);
  });

  it('a building lower than the camera hides only the ground its roof shades from the lens', () => {
    // Camera 10 m up, building 5 m high at x 20…24, y −2…2: k = 10 / (10 − 5) = 2. The hidden ground is the
    // footprint's hull with its copy scaled ×2 from the camera, (20,±2) (40,±4) (48,±4): 2·(60 + 32) = 184 m².
    const v = view(
      { buildings: [{ polygon: rect(20, -2, 24, 2), heightM: 5, private: false }] },
      dome(10, 50),
    );
    expect(open.viewAreaM2 - v.viewAreaM2).toBeCloseTo(184, 6);
    // A target's ground point beyond the shadow is seen over the roof; one inside it is not.
    expect(pointInMultiPolygon([49, 0], v.view)).toBe(true);
    expect(pointInMultiPolygon([45, 0], v.view)).toBe(false);
    // As high as the camera, the same building hides everything behind it.
    const tall = view(
      { buildings: [{ polygon: rect(20, -2, 24, 2), heightM: 10, private: false }] },
      dome(10, 50),
    );
    expect(pointInMultiPolygon([49, 0], tall.view)).toBe(false);
  });

  it('a low wall in front casts a shadow k times its distance', () => {
    // 2 m wall across x = 10 (y −5…5), camera 4 m up: k = 2, hidden from x 10 to the wall's copy at x 20:
    // the trapezoid between them, ½·(10 + 20)·10 = 150 m².
    const v = view(
      {
        walls: [
          {
            line: [
              [10, -5],
              [10, 5],
            ],
            heightM: 2,
          },
        ],
      },
      dome(4, 50),
    );
    expect(open.viewAreaM2 - v.viewAreaM2).toBeCloseTo(150, 6);
  });

  it('cuts detail bands by distance within the field of view', () => {
    // 1920 px, 90°, at face height, looking east along the ground: identify to 3.84 m, recognise to 7.68 m,
    // observe to 15.36 m; each band a quarter annulus (the near blind zone first).
    const spec: CameraSpec = {
      heightM: 1.6,
      bearingDeg: 90,
      tiltDeg: 0,
      hfovDeg: 90,
      resolutionPx: 1920,
      maxRangeM: 15.36,
    };
    const v = view({}, spec);
    const quarter = (r1: number, r2: number) => (Math.PI / 4) * (r2 * r2 - r1 * r1);
    const near = v.geometry.nearM;
    const areas = Object.fromEntries(v.bands.map((b) => [b.level, b.areaM2]));
    expect(areas.identify! / quarter(near, 3.84)).toBeCloseTo(1, 3);
    expect(areas.recognise! / quarter(3.84, 7.68)).toBeCloseTo(1, 3);
    expect(areas.observe! / quarter(7.68, 15.36)).toBeCloseTo(1, 3);
    // Looking east: a point east is seen, one north is not.
    expect(pointInMultiPolygon([10, 0], v.view)).toBe(true);
    expect(pointInMultiPolygon([0, 10], v.view)).toBe(false);
  });

  it('is not blocked by the building it is mounted on', () => {
    const host = { polygon: rect(-10, -10, 0.5, 10), heightM: 20, private: false };
    const spec: CameraSpec = { ...dome(5, 30), hfovDeg: 180, tiltDeg: 0, bearingDeg: 90 };
    const v = view({ buildings: [host] }, spec);
    expect(v.stats.mountedOn).toBe(0);
    expect(pointInMultiPolygon([20, 0], v.view)).toBe(true);
  });

  it('measures the view into a residential building, facade to far wall', () => {
    // A private building 10 × 10 m at x 20…30 whose near face the camera sees whole: every ray through
    // that face crosses the footprint to its far or side wall, so the view into it is the footprint,
    // 100 m²; behind it (x > 30) nothing is counted.
    const v = view(
      { buildings: [{ polygon: rect(20, -5, 30, 5), heightM: null, private: true }] },
      dome(5, 50),
    );
    expect(v.privacy.buildingAreaM2).toBeCloseTo(100, 6);
    // And private land it sees: a garden 10 × 10 m in the open.
    const g = view({ privateLand: [rect(-30, -5, -20, 5)] }, dome(5, 50));
    expect(g.privacy.landAreaM2).toBeCloseTo(100, 6);
    // Half of it inside the site's public space (a protected zone): not private.
    const zoned = computeCameraView(
      scene({ privateLand: [rect(-30, -5, -20, 5)] }),
      { id: 'c', x: 0, y: 0, spec: dome(5, 50) },
      'monitor',
      [rect(-30, -5, -25, 5)],
    );
    expect(zoned.privacy.landAreaM2).toBeCloseTo(50, 6);
  });
});
