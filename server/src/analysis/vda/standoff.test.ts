import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { nodesInZones } from './approach-vectors.js';
import { toLocal } from './projection.js';
import { propagateSpeeds, type MeasureEffectFn } from './propagate.js';
import { achievedStandoff } from './standoff.js';
import { buildTestGraph, constantAccelModel, TEST_PROJECTION, type XY } from './test-graph.js';

const car = constantAccelModel();
const line = (from: XY, to: XY, step: number): XY[] => {
  const n = Math.round(Math.hypot(to[0] - from[0], to[1] - from[1]) / step);
  return Array.from({ length: n + 1 }, (_, i) => [
    from[0] + ((to[0] - from[0]) * i) / n,
    from[1] + ((to[1] - from[1]) * i) / n,
  ]);
};
/** The zone: x from 110 to 130, y from −10 to 10 (local metres). */
const ZONE: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [110, -10],
      [130, -10],
      [130, 10],
      [110, 10],
      [110, -10],
    ],
  ],
};

describe('achieved standoff (DOMAIN.md §4) on a road into a zone', () => {
  // A road from x = 0 to x = 120, into the zone at x = 110; a barrier across it at x = 95 (mid-edge of
  // 90 → 100). Vehicles start only west of the barrier, at x ≤ 90 (the side a perimeter keeps them on).
  const scene = () =>
    buildTestGraph([{ coords: line([0, 0], [120, 0], 10), widthM: 7 }], {
      measures: [
        {
          id: 'barrier',
          kind: 'barrier',
          coords: [
            [95, -5],
            [95, 5],
          ],
        },
      ],
    });
  const run = (effect: MeasureEffectFn) => {
    const graph = scene();
    const restStart = new Uint8Array(graph.nodeCount);
    for (let n = 0; n < graph.nodeCount; n++) if (graph.nodeX[n]! <= 90) restStart[n] = 1;
    const field = propagateSpeeds(graph, car, {
      restStart,
      endNodes: nodesInZones(graph, [ZONE]),
      measureEffect: effect,
    });
    return { graph, standoff: achievedStandoff(graph, field, ZONE)! };
  };

  it('a rated barrier that stops the car: the barrier line plus its 0.2 m penetration, 14.8 m', () => {
    // Stopped at x = 95, carried 0.2 m past it: x = 95.2; the zone begins at x = 110 → 14.8 m.
    const { standoff } = run(() => ({ effect: 'stop', penetrationM: 0.2 }));
    expect(standoff.how).toBe('stopped');
    expect(standoff.measureIndex).toBe(0);
    expect(standoff.penetrationM).toBe(0.2);
    expect(standoff.distanceM).toBeCloseTo(14.8, 2);
    const [vx, vy] = toLocal(TEST_PROJECTION, standoff.vehiclePoint[0]!, standoff.vehiclePoint[1]!);
    expect(vx).toBeCloseTo(95.2, 2);
    expect(vy).toBeCloseTo(0, 2);
    const [zx] = toLocal(TEST_PROJECTION, standoff.zonePoint[0]!, standoff.zonePoint[1]!);
    expect(zx).toBeCloseTo(110, 2);
  });

  it('the same barrier under-rated: the car gets in, 0 m', () => {
    const { standoff } = run(() => ({ effect: 'pass' }));
    expect(standoff).toMatchObject({ how: 'enters', distanceM: 0, measureIndex: null });
    const [zx, zy] = toLocal(TEST_PROJECTION, standoff.zonePoint[0]!, standoff.zonePoint[1]!);
    expect(zx).toBeCloseTo(110, 2);
    expect(zy).toBeCloseTo(0, 2);
  });

  it('nearest reach off to the side: a road passing 25 m from the zone, no way in', () => {
    // A road along y = 35 from x = 0 to 200: the zone's north side is y = 10, so 25 m, from any x in
    // 110…130 (the first found).
    const graph = buildTestGraph([{ coords: line([0, 35], [200, 35], 10), widthM: 7 }]);
    const field = propagateSpeeds(graph, car, { endNodes: nodesInZones(graph, [ZONE]) });
    const standoff = achievedStandoff(graph, field, ZONE)!;
    expect(standoff).toMatchObject({ how: 'reached', distanceM: 25 });
    const [vx, vy] = toLocal(TEST_PROJECTION, standoff.vehiclePoint[0]!, standoff.vehiclePoint[1]!);
    expect(vy).toBeCloseTo(35, 2);
    // Points go out to 7 decimals (about 1 cm).
    expect(vx).toBeGreaterThanOrEqual(110 - 0.01);
    expect(vx).toBeLessThanOrEqual(130 + 0.01);
  });

  it('a vehicle that gets nowhere has no standoff', () => {
    const graph = scene();
    const field = propagateSpeeds(graph, car, { restStart: new Uint8Array(graph.nodeCount) });
    expect(achievedStandoff(graph, field, ZONE)).toBeNull();
  });
});
