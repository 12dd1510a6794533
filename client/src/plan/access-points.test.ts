import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  accessPointsOf,
  addAccessPoint,
  moveAccessPoint,
  nearestOnOutline,
  removeAccessPoint,
  setAccessPointKind,
  type AccessPoint,
} from './access-points.js';

const gate: AccessPoint = { position: [7.42, 43.73], kind: 'pedestrian' };
const ramp: AccessPoint = { position: [7.421, 43.731], kind: 'vehicle' };

// A square of about 111 m × 111 m at the equator: 0.001° a side.
const square: Polygon = {
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
};

describe('access point updaters', () => {
  it('reads the stored list, and none from anything else', () => {
    expect(accessPointsOf({ accessPoints: [gate, ramp] })).toEqual([gate, ramp]);
    expect(accessPointsOf({})).toEqual([]);
    expect(accessPointsOf({ accessPoints: [{ position: [0, 0], kind: 'tank' }, gate] })).toEqual([gate]);
  });

  it('adds, moves, changes the kind of and removes one point, never touching the input', () => {
    const points = [gate];
    const added = addAccessPoint(points, ramp);
    expect(added).toEqual([gate, ramp]);
    expect(points).toEqual([gate]);
    expect(moveAccessPoint(added, 1, [7.5, 43.5])).toEqual([
      gate,
      { position: [7.5, 43.5], kind: 'vehicle' },
    ]);
    expect(setAccessPointKind(added, 0, 'emergency')).toEqual([{ ...gate, kind: 'emergency' }, ramp]);
    expect(removeAccessPoint(added, 0)).toEqual([ramp]);
    expect(added).toEqual([gate, ramp]);
  });
});

describe('the nearest point of a cordon’s outline', () => {
  it('drops a point inside onto the nearest edge, with its distance in metres', () => {
    const { position, distanceM } = nearestOnOutline(square, [0.0005, 0.0001]);
    expect(position).toEqual([0.0005, 0]);
    expect(distanceM).toBeCloseTo(11.132, 2);
  });

  it('takes a corner for a point beyond it, and leaves a point on the edge where it is', () => {
    expect(nearestOnOutline(square, [0.002, 0.002]).position).toEqual([0.001, 0.001]);
    const onEdge = nearestOnOutline(square, [0.001, 0.0004]);
    expect(onEdge.position).toEqual([0.001, 0.0004]);
    expect(onEdge.distanceM).toBeCloseTo(0, 6);
  });
});
