import { describe, expect, it } from 'vitest';
import { nearestSnap } from './snap.js';

describe('snapping', () => {
  const square = [
    [
      [0, 0],
      [100, 0],
      [100, 100],
      [0, 100],
      [0, 0],
    ],
  ] as [number, number][][];

  it('prefers a corner within reach', () => {
    expect(nearestSnap([4, 3], square, 8)).toEqual([0, 0]);
  });

  it('else takes the nearest point on an edge', () => {
    expect(nearestSnap([50, 5], square, 8)).toEqual([50, 0]);
  });

  it('leaves a point far from everything alone', () => {
    expect(nearestSnap([50, 50], square, 8)).toBeNull();
    expect(nearestSnap([50, 50], [], 8)).toBeNull();
  });
});
