import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { assembleMultipolygon, joinWaysIntoRings, splitAtRepeatedNodes } from './multipolygon.js';
import { ringSignedArea } from './ring-geometry.js';

/**
 * Node n sits on a 10×10 grid: id = 100·x + y (x, y in 0..9), so rings can be drawn by id.
 * Outer square A: corners 0,0 → 6,0 → 6,6 → 0,6. Hole B inside A: 2,2 → 4,2 → 4,4 → 2,4.
 * Separate square C: 8,0 → 9,0 → 9,1 → 8,1.
 */
const coordOf = (id: number): Position | null =>
  id >= 0 && id < 1000 ? [Math.floor(id / 100), id % 100] : null;

describe('joinWaysIntoRings', () => {
  it('joins ways end to end, reversing ways drawn the other way', () => {
    // A drawn as three ways; the middle one reversed.
    const rings = joinWaysIntoRings([
      [0, 600],
      [606, 600],
      [606, 6, 0],
    ]);
    expect(rings).toEqual([[0, 600, 606, 6, 0]]);
  });

  it('keeps already-closed ways as rings and finds several rings', () => {
    const rings = joinWaysIntoRings([
      [800, 900, 901, 801, 800],
      [0, 600, 606],
      [606, 6, 0],
    ]);
    expect(rings).toHaveLength(2);
  });

  it('splits a figure-eight (two holes touching at a node) into simple rings', () => {
    // 202 → 302 → 303 (shared) → 403 → 404 → 304 → 303 → 203 → 202
    expect(splitAtRepeatedNodes([202, 302, 303, 403, 404, 304, 303, 203, 202])).toEqual([
      [303, 403, 404, 304, 303],
      [202, 302, 303, 203, 202],
    ]);
    expect(
      joinWaysIntoRings([
        [202, 302, 303, 403, 404],
        [404, 304, 303, 203, 202],
      ]),
    ).toHaveLength(2);
  });

  it('returns null when a chain cannot be closed', () => {
    expect(
      joinWaysIntoRings([
        [0, 600],
        [600, 606],
      ]),
    ).toBeNull();
  });
});

describe('assembleMultipolygon', () => {
  it('outer with a hole → Polygon, wound per RFC 7946', () => {
    const result = assembleMultipolygon(
      [
        { role: 'outer', refs: [0, 600, 606] },
        { role: 'outer', refs: [0, 6, 606] }, // reversed relative to the first
        { role: 'inner', refs: [202, 402, 404, 204, 202] }, // drawn counter-clockwise; must become clockwise
      ],
      coordOf,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.geometry.type).toBe('Polygon');
    const rings = result.geometry.coordinates as Position[][];
    expect(rings).toHaveLength(2);
    expect(ringSignedArea(rings[0] ?? [])).toBeCloseTo(36);
    expect(ringSignedArea(rings[1] ?? [])).toBeCloseTo(-4);
  });

  it('several outers → MultiPolygon, each inner in the outer that contains it', () => {
    const result = assembleMultipolygon(
      [
        { role: 'outer', refs: [800, 900, 901, 801, 800] },
        { role: 'inner', refs: [202, 402, 404, 204, 202] },
        { role: '', refs: [0, 600, 606, 6, 0] }, // empty role = outer (old-style)
      ],
      coordOf,
    );
    expect(result.ok).toBe(true);
    if (!result.ok || result.geometry.type !== 'MultiPolygon') throw new Error('expected a MultiPolygon');
    const [small, big] = result.geometry.coordinates;
    expect(small).toHaveLength(1);
    expect(big).toHaveLength(2);
  });

  it('drops (and counts) an inner ring outside every outer', () => {
    const result = assembleMultipolygon(
      [
        { role: 'outer', refs: [0, 600, 606, 6, 0] },
        { role: 'inner', refs: [800, 900, 901, 801, 800] },
      ],
      coordOf,
    );
    expect(result).toMatchObject({ ok: true, droppedInnerRings: 1, geometry: { type: 'Polygon' } });
  });

  it('reports missing nodes, unclosed rings and missing outers', () => {
    expect(assembleMultipolygon([{ role: 'outer', refs: [0, 600, 606, 5000, 0] }], coordOf)).toEqual({
      ok: false,
      reason: 'missing-node',
    });
    expect(assembleMultipolygon([{ role: 'outer', refs: [0, 600, 606] }], coordOf)).toEqual({
      ok: false,
      reason: 'unclosed-ring',
    });
    expect(assembleMultipolygon([{ role: 'inner', refs: [0, 600, 606, 0] }], coordOf)).toEqual({
      ok: false,
      reason: 'no-outer',
    });
    expect(assembleMultipolygon([{ role: 'outer', refs: [0, 600, 0] }], coordOf)).toEqual({
      ok: false,
      reason: 'degenerate-ring',
    });
  });
});
