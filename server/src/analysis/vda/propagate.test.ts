import { describe, expect, it } from 'vitest';
import { loadVehicleProfiles } from '../load-vehicles.js';
import { createSpeedModel } from '../physics.js';
import {
  MeasureOutcome,
  pathTo,
  propagateSpeeds,
  speedAlongStep,
  type MeasureEffectFn,
} from './propagate.js';
import { buildTestGraph, constantAccelModel, edgeBetween, type TestLine, type XY } from './test-graph.js';

// Constant-acceleration car: a = 2.9 m/s², f = 0.6, 1.8 m wide, g = 9.81. From rest v = √(2·a·d).
const car = constantAccelModel();
const A = 2.9;
const G = 9.81;
const fromRest = (d: number) => Math.sqrt(2 * A * d);
const after = (v0: number, d: number) => Math.sqrt(v0 * v0 + 2 * A * d);
/** Sharp corner of deflection Δ in width w: √(f·g·r), r = w / (1 − cos(Δ/2)). */
const corner = (deg: number, w: number) => Math.sqrt((0.6 * G * w) / (1 - Math.cos((deg * Math.PI) / 360)));
const line = (from: XY, to: XY, step: number): XY[] => {
  const n = Math.round(Math.hypot(to[0] - from[0], to[1] - from[1]) / step);
  return Array.from({ length: n + 1 }, (_, i) => [
    from[0] + ((to[0] - from[0]) * i) / n,
    from[1] + ((to[1] - from[1]) * i) / n,
  ]);
};

describe('propagateSpeeds on hand-made scenes', () => {
  it('a straight road: from rest over 100 m is 86.7 km/h, the same in both directions', () => {
    const graph = buildTestGraph([{ coords: line([0, 0], [100, 0], 10), widthM: 7 }]);
    const field = propagateSpeeds(graph, car);
    // √(2 · 2.9 · 100) = 24.083 m/s = 86.7 km/h (DOMAIN.md §2); the reverse direction (a one-way driven
    // against its direction: the graph holds both) the same.
    const east = edgeBetween(graph, [90, 0], [100, 0]);
    const west = edgeBetween(graph, [10, 0], [0, 0]);
    expect(field.speed[east]).toBeCloseTo(24.083, 3);
    expect(field.speed[east]! * 3.6).toBeCloseTo(86.7, 1);
    expect(field.speed[west]).toBeCloseTo(field.speed[east]!, 5);
    // 20 and 50 m from rest: 38.8 and 61.3 km/h.
    expect(field.speed[edgeBetween(graph, [10, 0], [20, 0])]! * 3.6).toBeCloseTo(38.8, 1);
    expect(field.speed[edgeBetween(graph, [40, 0], [50, 0])]! * 3.6).toBeCloseTo(61.3, 1);
    const path = pathTo(field, east);
    expect(path.map((s) => s.edge)[0]).toBe(edgeBetween(graph, [0, 0], [10, 0]));
    expect(path).toHaveLength(10);
    expect(path.at(-1)!.runUp).toBeCloseTo(100, 4);
    expect(field.nodeSpeed[graph.edgeTo[east]!]).toBeCloseTo(24.083, 3);
  });

  it('a 90° bend in a 7 m carriageway caps at 42.7 km/h; the run after it starts from the cap', () => {
    // r = 7 / (1 − cos 45°) = 23.90 m, v = √(0.6 · 9.81 · 23.90) = 11.861 m/s = 42.70 km/h. Arriving at
    // √(2·2.9·100) = 24.08 m/s, the car leaves the corner at 11.861 and reaches √(11.861² + 2·2.9·60) =
    // 22.106 m/s after 60 m; starting at rest at the corner instead gives √(2·2.9·60) = 18.655: less.
    const graph = buildTestGraph([
      {
        coords: [
          [-100, 0],
          [0, 0],
          [0, 60],
        ],
        widthM: 7,
      },
    ]);
    const field = propagateSpeeds(graph, car);
    const out = edgeBetween(graph, [0, 0], [0, 60]);
    expect(corner(90, 7)).toBeCloseTo(11.861, 3);
    expect(corner(90, 7) * 3.6).toBeCloseTo(42.7, 1);
    expect(field.entrySpeed[out]).toBeCloseTo(corner(90, 7), 4);
    expect(field.speed[out]).toBeCloseTo(22.106, 3);
    expect(Math.max(after(corner(90, 7), 60), fromRest(60))).toBeCloseTo(22.106, 3);
    expect(pathTo(field, out)).toHaveLength(2);

    // With only 15 m before the bend the car arrives at √(2·2.9·15) = 9.327 m/s, under the cap: no slowing;
    // √(2·2.9·75) = 20.857 m/s at the end.
    const short = buildTestGraph([
      {
        coords: [
          [-15, 0],
          [0, 0],
          [0, 60],
        ],
        widthM: 7,
      },
    ]);
    const shortField = propagateSpeeds(short, car);
    expect(shortField.speed[edgeBetween(short, [0, 0], [0, 60])]).toBeCloseTo(fromRest(75), 3);
  });

  it('a bend drawn as three 30° vertices 3 m apart caps like one 90° bend', () => {
    // Vertices P1 (0,0), P2, P3 with 30° each, 3 m apart; the road then runs 60 m due north.
    const p2: XY = [3 * Math.cos(Math.PI / 6), 3 * Math.sin(Math.PI / 6)];
    const p3: XY = [p2[0] + 3 * Math.cos(Math.PI / 3), p2[1] + 3 * Math.sin(Math.PI / 3)];
    const end: XY = [p3[0], p3[1] + 60];
    const graph = buildTestGraph([{ coords: [[-100, 0], [0, 0], p2, p3, end], widthM: 7 }]);
    const field = propagateSpeeds(graph, car);
    // At P3 the window over P1…P3 (k = 2: Δ = 90°, span 6 m) is a polygon on an arc of centre-line radius
    // R = 6 / (2·2·tan 15°) = 5.598 m; the driver follows the inner kerb (R − 3.5 = 2.098 m) and cuts the
    // corner: ρ = 2.098 + 7/(1 − cos 45°) = 25.998 m → √(0.6·9.81·25.998) = 12.370 m/s. Single 30°
    // vertices alone would allow √(0.6·9.81·7/(1 − cos 15°)) = 34.8 m/s: no slowing at all.
    const R = 6 / (4 * Math.tan(Math.PI / 12));
    const rho = R - 3.5 + 7 / (1 - Math.cos(Math.PI / 4));
    const cap = Math.sqrt(0.6 * G * rho);
    expect(cap).toBeCloseTo(12.37, 2);
    const out = edgeBetween(graph, p3, end);
    expect(field.entrySpeed[out]).toBeCloseTo(cap, 3);
    expect(field.speed[out]).toBeCloseTo(after(cap, 60), 3);
  });

  it('a smooth curve (radius 60 m, a vertex every 5 m) caps at its own radius, not as sharp corners', () => {
    // 19 chords of 4.958 m over 90°, δ = 4.74° per vertex, 18 vertices. The bend radius at each vertex is
    // the smallest over the runs of vertices around it within 80 m: the longest, 17 vertices over 16
    // chords (79.3 m), turning Θ = 17δ = 80.5° on an arc of R = chord / (2·tan(δ/2)) = 59.95 m:
    // ρ = (R − 3.5) + 7/(1 − cos(Θ/2)) = 56.45 + 29.53 = 85.98 m → √(0.6·9.81·85.98) = 22.50 m/s (a car on
    // a 60 m curve: 18.8 m/s, plus what cutting it gives). From rest at its start the car arrives at vertex
    // j at √(2·2.9·4.958·j): under 22.50 until vertex 18 (22.75), so it leaves the last vertex at 22.50 and
    // reaches √(22.50² + 2·2.9·4.958) = 23.13 m/s. As 18 separate 4.7° corners it would not be slowed at
    // all; as one sharp 85° corner it would be held to 12.5 m/s.
    const R = 60;
    const n = 19;
    const arc: XY[] = Array.from({ length: n + 1 }, (_, i) => {
      const a = (i / n) * (Math.PI / 2);
      return [R * Math.sin(a), R - R * Math.cos(a)];
    });
    const graph = buildTestGraph([{ coords: arc, widthM: 7 }]);
    const field = propagateSpeeds(graph, car);
    const delta = Math.PI / 2 / n;
    const chord = 2 * R * Math.sin(delta / 2);
    const radius = chord / (2 * Math.tan(delta / 2));
    const theta = 17 * delta;
    const cap = Math.sqrt(0.6 * G * (radius - 3.5 + 7 / (1 - Math.cos(theta / 2))));
    expect(cap).toBeCloseTo(22.5, 2);
    expect(fromRest(17 * chord)).toBeLessThan(cap);
    expect(fromRest(18 * chord)).toBeGreaterThan(cap);
    const endEdge = edgeBetween(graph, arc[n - 1]!, arc[n]!);
    expect(field.entrySpeed[endEdge]).toBeCloseTo(cap, 3);
    expect(field.speed[endEdge]).toBeCloseTo(after(cap, chord), 3);
    expect(corner((18 * delta * 180) / Math.PI, 7)).toBeCloseTo(12.5, 1);
  });

  it('a one-way street used against its direction: speeds the same both ways', () => {
    // The builder stores every segment both ways; the search ignores one-way tags. A 40 m street between two
    // 90° corners the same way round (a U): within 80 m of each other they are one 180° bend, polygon
    // radius R = 40/(2·tan 45°) = 20 m, ρ = (20 − 3.5) + 7/(1 − cos 90°) = 23.5 m (a single corner: 23.9 m)
    // → √(0.6·9.81·23.5) = 11.761 m/s at either corner; then 40 m: √(11.761² + 2·2.9·40) = 19.244 m/s.
    const graph = buildTestGraph([
      {
        coords: [
          [-100, 0],
          [0, 0],
        ],
        widthM: 7,
      },
      {
        coords: [
          [0, 0],
          [0, 40],
        ],
        widthM: 7,
        name: 'One-way street',
      },
      {
        coords: [
          [0, 40],
          [-100, 40],
        ],
        widthM: 7,
      },
    ]);
    const field = propagateSpeeds(graph, car);
    const north = edgeBetween(graph, [0, 0], [0, 40]);
    const south = edgeBetween(graph, [0, 40], [0, 0]);
    const cap = Math.sqrt(0.6 * G * 23.5);
    expect(cap).toBeCloseTo(11.761, 3);
    expect(field.entrySpeed[north]).toBeCloseTo(cap, 3);
    expect(field.speed[north]).toBeCloseTo(after(cap, 40), 3);
    expect(field.speed[south]).toBeCloseTo(field.speed[north]!, 5);
  });

  it('cycles terminate: a square ring of 50 m sides with sharp 90° corners', () => {
    // Corners are 50 m apart (beyond the 40 m window): each caps at 11.861 m/s, then 50 m of acceleration:
    // √(11.861² + 2·2.9·50) = 20.750 m/s at the end of every side, both ways round. Starting at rest at a
    // corner gives √(2·2.9·50) = 17.03: less.
    const sq: XY[] = [
      [0, 0],
      [50, 0],
      [50, 50],
      [0, 50],
      [0, 0],
    ];
    const graph = buildTestGraph([{ coords: sq, widthM: 7 }]);
    const field = propagateSpeeds(graph, car);
    for (let e = 0; e < graph.edgeCount; e++) expect(field.speed[e]).toBeCloseTo(after(corner(90, 7), 50), 3);
    expect(after(corner(90, 7), 50)).toBeCloseTo(20.75, 2);
    // A path may go round the ring (a walk), and it still ends.
    for (let e = 0; e < graph.edgeCount; e++) {
      const path = pathTo(field, e);
      expect(path.length).toBeGreaterThan(1);
      expect(path.length).toBeLessThan(10);
      expect(path.at(-1)!.runUp).toBeCloseTo(50 * path.length, 3);
    }
  });

  it('cycles terminate: a 12-sided roundabout of radius 15 m, held to the speed of the circle', () => {
    // Chord 2·15·sin 15° = 7.765 m, 30° per vertex, width 7. Around every vertex, runs of up to 11 vertices
    // lie within 80 m; from 6 vertices (Θ ≥ 180°) on, the polygon radius R = 7.765/(2·tan 15°) = 14.49 m
    // gives ρ = (14.49 − 3.5) + 7/(1 − cos 90°) = 17.99 m (R + w/2: following the outer edge round)
    // → √(0.6·9.81·17.99) = 10.290 m/s at every vertex, and √(10.290² + 2·2.9·7.765) = 12.285 m/s at the
    // end of every chord, both ways round: faster than any start from rest on the ring, and a fixed point
    // the search reaches though every path can loop.
    const R = 15;
    const ring: XY[] = Array.from({ length: 13 }, (_, i) => [
      R * Math.cos((i * Math.PI) / 6),
      R * Math.sin((i * Math.PI) / 6),
    ]);
    const graph = buildTestGraph([{ coords: ring, widthM: 7 }]);
    const field = propagateSpeeds(graph, car);
    const chord = 2 * R * Math.sin(Math.PI / 12);
    const rho = chord / (2 * Math.tan(Math.PI / 12)) - 3.5 + 7;
    const cap = Math.sqrt(0.6 * G * rho);
    expect(cap).toBeCloseTo(10.29, 2);
    for (let e = 0; e < graph.edgeCount; e++) {
      expect(field.entrySpeed[e]).toBeCloseTo(cap, 3);
      expect(field.speed[e]).toBeCloseTo(after(cap, chord), 3);
    }
    expect(after(cap, chord)).toBeCloseTo(12.285, 3);
    expect(field.stats.labels).toBeLessThan(10 * graph.edgeCount);
  });

  it('a roundabout with four roads joining it is still held to the speed of its circle', () => {
    // The 12-gon ring above, drawn as one feature, with a 100 m road joining at every third vertex: the
    // bend windows go on round the ring through the junctions (same feature), so going round it keeps its
    // 10.290 m/s at each vertex and 12.285 m/s at the end of each chord, however fast the roads arrive. The
    // chord right after a junction may be entered from the road, a turn whose own bend is not the ring's:
    // a vehicle coming in is held to the ring's speed from the next vertex on.
    const R = 15;
    const ring: XY[] = Array.from({ length: 13 }, (_, i) => [
      R * Math.cos((i * Math.PI) / 6),
      R * Math.sin((i * Math.PI) / 6),
    ]);
    const spokes: TestLine[] = [0, 3, 6, 9].map((i) => ({
      coords: [ring[i]!, [(R + 100) * Math.cos((i * Math.PI) / 6), (R + 100) * Math.sin((i * Math.PI) / 6)]],
      widthM: 7,
    }));
    const graph = buildTestGraph([{ coords: ring, widthM: 7 }, ...spokes]);
    const field = propagateSpeeds(graph, car);
    const chord = 2 * R * Math.sin(Math.PI / 12);
    const cap = Math.sqrt(0.6 * G * (chord / (2 * Math.tan(Math.PI / 12)) - 3.5 + 7));
    const junction = new Set(
      [0, 3, 6, 9].map((i) => graph.edgeFrom[edgeBetween(graph, ring[i]!, ring[i + 1]!)]),
    );
    let checked = 0;
    for (let e = 0; e < graph.edgeCount; e++) {
      if (graph.edgeFeature[e] !== 0 || junction.has(graph.edgeFrom[e]!)) continue;
      expect(field.entrySpeed[e]).toBeCloseTo(cap, 3);
      expect(field.speed[e]).toBeCloseTo(after(cap, chord), 3);
      checked++;
    }
    expect(checked).toBe(16);
  });

  it('a grid of open space (cycles everywhere) terminates; a straight corridor is not slowed', () => {
    // A one-row corridor of 30 cells, 2 m apart: 58 m from rest with no turn.
    const corridor = buildTestGraph([], {
      grid: { cols: 30, rows: 1, cellSizeM: 2, originX: 0, originY: 0, clearWidthM: 3 },
    });
    const c = propagateSpeeds(corridor, car);
    expect(c.speed[edgeBetween(corridor, [56, 0], [58, 0])]).toBeCloseTo(fromRest(58), 3);
    // A 30 × 30 plaza (clear width 20 m everywhere): the diagonal at least reaches its straight-line
    // value, and the search ends after a few labels per edge.
    const plaza = buildTestGraph([], {
      grid: { cols: 30, rows: 30, cellSizeM: 2, originX: 0, originY: 0, clearWidthM: 20 },
    });
    const field = propagateSpeeds(plaza, car);
    const diagonal = field.speed[edgeBetween(plaza, [56, 56], [58, 58])]!;
    expect(diagonal).toBeGreaterThanOrEqual(fromRest(29 * 2 * Math.SQRT2) - 1e-3);
    // Circling cannot build speed: every turn here is at least 45°, taken within 20 m of run-in:
    // ρ = min(20/(1 − cos 22.5°), 10 + 20/tan 22.5°) = 58.28 m → 18.52 m/s; after the last turn the longest
    // straight is the diagonal, 82.0 m: nothing can exceed √(18.52² + 2·2.9·82.0) = 28.66 m/s.
    const turn = Math.sqrt(
      0.6 * G * Math.min(20 / (1 - Math.cos(Math.PI / 8)), 10 + 20 / Math.tan(Math.PI / 8)),
    );
    expect(turn).toBeCloseTo(18.52, 2);
    const bound = Math.max(after(turn, 29 * 2 * Math.SQRT2), fromRest(29 * 2 * Math.SQRT2));
    for (const v of field.speed) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(bound + 1e-3);
    }
    expect(Math.max(...field.speed)).toBeGreaterThan(fromRest(29 * 2 * Math.SQRT2));
    expect(field.stats.labels).toBeLessThan(10 * plaza.edgeCount);
  });

  it('a path narrower than the vehicle is impassable', () => {
    // The short way (a 1.5 m path, 100 m) is closed to a 1.8 m car; the road round it (two 90° corners)
    // is open.
    const graph = buildTestGraph([
      {
        coords: [
          [0, 0],
          [100, 0],
        ],
        widthM: 1.5,
        kind: 'path',
      },
      {
        coords: [
          [0, 0],
          [0, 30],
          [100, 30],
          [100, 0],
        ],
        widthM: 7,
      },
    ]);
    const field = propagateSpeeds(graph, car);
    expect(field.speed[edgeBetween(graph, [0, 0], [100, 0])]).toBe(-1);
    expect(field.speed[edgeBetween(graph, [100, 0], [0, 0])]).toBe(-1);
    const bike = constantAccelModel({ widthM: 0.7 });
    expect(propagateSpeeds(graph, bike).speed[edgeBetween(graph, [0, 0], [100, 0])]).toBeGreaterThan(0);
  });

  it('gradients: 10 % uphill and downhill over 100 m', () => {
    // a − g·sinθ with sinθ = 0.1/√1.01: 2.9 ∓ 0.97614 → √(2·1.92386·100) = 19.616, √(2·3.87614·100) = 27.843.
    const graph = buildTestGraph([
      {
        coords: [
          [0, 0],
          [100, 0],
        ],
        widthM: 7,
        grade: 0.1,
      },
    ]);
    const field = propagateSpeeds(graph, car);
    expect(field.speed[edgeBetween(graph, [0, 0], [100, 0])]).toBeCloseTo(19.616, 3);
    expect(field.speed[edgeBetween(graph, [100, 0], [0, 0])]).toBeCloseTo(27.843, 3);
  });

  it('turning back only at a dead end, as a three-point turn (from rest)', () => {
    // Vehicles enter at x = 0 at 50 km/h and may not start at rest anywhere: 13.889 m/s, then 100 m:
    // √(13.889² + 2·2.9·100) = 27.801 m/s at x = 100; to come back the car turns at the dead end and
    // leaves from rest: √(2·2.9·100) = 24.083 m/s at x = 0.
    const graph = buildTestGraph(
      [
        {
          coords: [
            [0, 0],
            [50, 0],
            [100, 0],
          ],
          widthM: 7,
        },
      ],
      { boundary: [[0, 0]] },
    );
    const field = propagateSpeeds(graph, car, {
      entry: 'boundary',
      restStart: new Uint8Array(graph.nodeCount),
    });
    const east = edgeBetween(graph, [50, 0], [100, 0]);
    const back = edgeBetween(graph, [100, 0], [50, 0]);
    expect(field.speed[east]).toBeCloseTo(after(50 / 3.6, 100), 3);
    expect(field.entrySpeed[back]).toBe(0);
    expect(field.pred[back]).toBe(east);
    // Mid-road (x = 50) there is no turning back: the way west passes the dead end.
    expect(field.pred[edgeBetween(graph, [50, 0], [0, 0])]).toBe(back);
    expect(field.speed[edgeBetween(graph, [50, 0], [0, 0])]).toBeCloseTo(fromRest(100), 3);
    expect(pathTo(field, edgeBetween(graph, [50, 0], [0, 0])).map((s) => s.edge)).toEqual([
      edgeBetween(graph, [0, 0], [50, 0]),
      east,
      back,
      edgeBetween(graph, [50, 0], [0, 0]),
    ]);
  });

  it('entry at the study boundary at road speed (50 km/h default)', () => {
    // 13.889 m/s at x = 0, then 100 m: √(13.889² + 580) = 27.801 m/s.
    const graph = buildTestGraph(
      [
        {
          coords: [
            [0, 0],
            [100, 0],
          ],
          widthM: 7,
        },
      ],
      { boundary: [[0, 0]] },
    );
    const east = edgeBetween(graph, [0, 0], [100, 0]);
    expect(propagateSpeeds(graph, car, { entry: 'boundary' }).speed[east]).toBeCloseTo(
      after(50 / 3.6, 100),
      3,
    );
    expect(propagateSpeeds(graph, car, { entry: 'boundary', entrySpeedKmh: 30 }).speed[east]).toBeCloseTo(
      after(30 / 3.6, 100),
      3,
    );
    const boundary = propagateSpeeds(graph, car, { entry: 'boundary' });
    expect(pathTo(boundary, east)[0]!.entrySpeed).toBeCloseTo(50 / 3.6, 4);
    expect(propagateSpeeds(graph, car).speed[east]).toBeCloseTo(fromRest(100), 3);
  });

  it('paths end in a protected zone: nothing drives on through it, nor starts in it', () => {
    // A 100 m road with a zone around x = 50 (one node): eastbound arrivals stop there at √(2·2.9·50);
    // beyond it, the best start is at x = 60, 40 m from the east end; the edge out of x = 50 is not driven.
    const graph = buildTestGraph([{ coords: line([0, 0], [100, 0], 10), widthM: 7 }]);
    const endNodes = new Uint8Array(graph.nodeCount);
    endNodes[graph.edgeTo[edgeBetween(graph, [40, 0], [50, 0])]!] = 1;
    const field = propagateSpeeds(graph, car, { endNodes });
    expect(field.speed[edgeBetween(graph, [40, 0], [50, 0])]).toBeCloseTo(fromRest(50), 3);
    expect(field.speed[edgeBetween(graph, [60, 0], [50, 0])]).toBeCloseTo(fromRest(50), 3);
    expect(field.speed[edgeBetween(graph, [50, 0], [60, 0])]).toBe(-1);
    expect(field.speed[edgeBetween(graph, [90, 0], [100, 0])]).toBeCloseTo(fromRest(40), 3);
    // Without the zone, the run from x = 0 goes on to 100 m.
    const open = propagateSpeeds(graph, car);
    expect(open.speed[edgeBetween(graph, [90, 0], [100, 0])]).toBeCloseTo(fromRest(100), 3);
  });

  it('with rest starts allowed nowhere and no entry, nothing is reachable', () => {
    const graph = buildTestGraph([{ coords: line([0, 0], [100, 0], 10), widthM: 7 }]);
    const field = propagateSpeeds(graph, car, { restStart: new Uint8Array(graph.nodeCount) });
    expect(Math.max(...field.speed)).toBe(-1);
    expect(Math.max(...field.nodeSpeed)).toBe(-1);
  });
});

describe('propagateSpeeds with measures', () => {
  const road = (measureX: number) =>
    buildTestGraph([{ coords: line([0, 0], [100, 0], 10), widthM: 7 }], {
      measures: [
        {
          id: 'm1',
          kind: 'barrier',
          coords: [
            [measureX, -5],
            [measureX, 5],
          ],
        },
      ],
    });

  it('a barrier that stops the car: nothing beyond it from behind, the stop recorded at its speed', () => {
    const graph = road(55);
    const calls: number[] = [];
    const stop: MeasureEffectFn = (_m, v) => {
      calls.push(v);
      return { effect: 'stop', penetrationM: 0.8 };
    };
    const restStart = new Uint8Array(graph.nodeCount);
    restStart[graph.edgeFrom[edgeBetween(graph, [0, 0], [10, 0])]!] = 1;
    const field = propagateSpeeds(graph, car, { measureEffect: stop, restStart });
    // √(2·2.9·55) = 17.861 m/s at the barrier, coming from x = 0.
    expect(field.stops).toHaveLength(1);
    expect(field.stops[0]!.speed).toBeCloseTo(fromRest(55), 3);
    expect(field.stops[0]!.penetrationM).toBe(0.8);
    expect(field.stops[0]!.edge).toBe(edgeBetween(graph, [50, 0], [60, 0]));
    expect(field.speed[edgeBetween(graph, [50, 0], [60, 0])]).toBe(-1);
    expect(field.speed[edgeBetween(graph, [90, 0], [100, 0])]).toBe(-1);
    expect(field.stoppedEntrySpeed[edgeBetween(graph, [50, 0], [60, 0])]).toBeCloseTo(fromRest(50), 3);
    expect(Math.max(...calls)).toBeCloseTo(fromRest(55), 3);
  });

  it('a barrier it passes (under-rated) is recorded on the path', () => {
    const graph = road(55);
    const field = propagateSpeeds(graph, car, { measureEffect: () => ({ effect: 'pass' }) });
    const end = edgeBetween(graph, [90, 0], [100, 0]);
    expect(field.speed[end]).toBeCloseTo(fromRest(100), 3);
    const step = pathTo(field, end).find((s) => s.measureOutcome === MeasureOutcome.pass)!;
    expect(step.edge).toBe(edgeBetween(graph, [50, 0], [60, 0]));
    expect(step.measureSpeedIn).toBeCloseTo(fromRest(55), 3);
  });

  it('a chicane caps the speed; acceleration resumes after it', () => {
    // Capped to 8 m/s at x = 55: √(64 + 2·2.9·45) = 18.055 m/s at x = 100 (from rest at 55: 16.16).
    const graph = road(55);
    const field = propagateSpeeds(graph, car, { measureEffect: () => ({ effect: 'cap', capSpeed: 8 }) });
    const end = edgeBetween(graph, [90, 0], [100, 0]);
    expect(field.speed[end]).toBeCloseTo(after(8, 45), 3);
    const through = edgeBetween(graph, [50, 0], [60, 0]);
    const step = pathTo(field, end).find((s) => s.edge === through)!;
    expect(step.measureOutcome).toBe(MeasureOutcome.cap);
    expect(speedAlongStep(graph, car, step, 4)).toBeCloseTo(fromRest(54), 3);
    expect(speedAlongStep(graph, car, step, 10)).toBeCloseTo(after(8, 5), 3);
  });

  it('a measure that stops slow vehicles only (monotone): fast approaches pass', () => {
    // Holds up to 17 m/s. Eastbound the car arrives at √(2·2.9·55) = 17.861 m/s and passes; westbound,
    // from x = 100, at √(2·2.9·45) = 16.155 m/s: stopped. West of it the best is a start at x = 50:
    // √(2·2.9·50) = 17.029 m/s at x = 0.
    const graph = road(55);
    const field = propagateSpeeds(graph, car, {
      measureEffect: (_m, v) => (v <= 17 ? { effect: 'stop', penetrationM: 1 } : { effect: 'pass' }),
    });
    expect(field.speed[edgeBetween(graph, [90, 0], [100, 0])]).toBeCloseTo(fromRest(100), 3);
    expect(field.stops).toHaveLength(1);
    expect(field.stops[0]!.speed).toBeCloseTo(fromRest(45), 3);
    expect(field.stops[0]!.edge).toBe(edgeBetween(graph, [60, 0], [50, 0]));
    expect(field.speed[edgeBetween(graph, [10, 0], [0, 0])]).toBeCloseTo(fromRest(50), 3);
  });
});

describe('propagateSpeeds incrementally, from the field without measures', () => {
  // A 40 × 30 plaza of 2 m cells (16 neighbours, a block of buildings in it) with a road along its south
  // side, crossed by a chicane (caps at 8 m/s) on the road and a barrier (stops up to 15 m/s) across
  // half the plaza: the run from the baseline must give what a full run gives, edge by edge.
  const scene = (withMeasures: boolean) =>
    buildTestGraph([{ coords: line([-60, -4], [100, -4], 10), widthM: 7 }], {
      grid: {
        cols: 40,
        rows: 30,
        cellSizeM: 2,
        originX: 0,
        originY: 0,
        clearWidthM: 12,
        neighbours: 16,
        blocked: (c, r) => c >= 15 && c < 22 && r >= 10 && r < 16,
      },
      boundary: [[-60, -4]],
      measures: withMeasures
        ? [
            {
              id: 'chicane',
              kind: 'chicane',
              coords: [
                [35, -10],
                [35, 2],
              ],
            },
            {
              id: 'barrier',
              kind: 'barrier',
              coords: [
                [50, 20],
                [50, 70],
              ],
            },
          ]
        : [],
    });
  const effect: MeasureEffectFn = (m, v) =>
    m === 0
      ? { effect: 'cap', capSpeed: 8 }
      : v <= 15
        ? { effect: 'stop', penetrationM: 0.5 }
        : { effect: 'pass' };

  for (const entry of ['rest', 'boundary'] as const) {
    it(`keeps the labels that avoid the measures and gets the full run's speeds (entry: ${entry})`, () => {
      const before = scene(false);
      const after = scene(true);
      expect(after.edgeCount).toBe(before.edgeCount);
      const changed: number[] = [];
      for (let e = 0; e < after.edgeCount; e++) if (after.edgeMeasure[e]! >= 0) changed.push(e);
      expect(changed.length).toBeGreaterThan(20);
      const base = propagateSpeeds(before, car, { entry });
      const baseBest = base.best.slice();
      const full = propagateSpeeds(after, car, { entry, measureEffect: effect });
      const incremental = propagateSpeeds(after, car, {
        entry,
        measureEffect: effect,
        from: { field: base, changed },
      });
      expect(incremental.stats.kept).toBeGreaterThan(0);
      expect(incremental.stats.kept).toBeLessThan(after.edgeCount);
      // Kept are exactly the labels whose path avoids every changed edge, and each stays its edge's best
      // (no faster label can exist: measures only take speed away).
      const isChanged = new Set(changed);
      let avoiding = 0;
      for (let e = 0; e < after.edgeCount; e++) {
        let clear = baseBest[e]! >= 0;
        for (let id = baseBest[e]!; clear && id >= 0; id = base.log.prev[id]!)
          clear = !isChanged.has(base.log.edge[id]!);
        if (!clear) continue;
        avoiding++;
        expect(incremental.best[e]).toBe(baseBest[e]);
      }
      expect(incremental.stats.kept).toBe(avoiding);
      for (let e = 0; e < after.edgeCount; e++) {
        expect(Math.abs(incremental.speed[e]! - full.speed[e]!)).toBeLessThanOrEqual(2e-3);
        // Where the vehicle gets through, slower stopped attempts depend on the order of work: not compared.
        if (full.speed[e]! < 0)
          expect(Math.abs(incremental.stoppedSpeed[e]! - full.stoppedSpeed[e]!)).toBeLessThanOrEqual(2e-3);
      }
      expect(incremental.stops.map((s) => s.measureIndex)).toEqual(full.stops.map((s) => s.measureIndex));
      // The measures did take speed away: east of the chicane the road is slower than without it.
      const east = edgeBetween(after, [90, -4], [100, -4]);
      expect(incremental.speed[east]).toBeLessThan(base.speed[east]! - 1);
      // Every kept path is still whole: its steps chain edge to edge, and end at the edge's speed.
      const steps = pathTo(incremental, east);
      for (let k = 1; k < steps.length; k++)
        expect(after.edgeFrom[steps[k]!.edge]).toBe(after.edgeTo[steps[k - 1]!.edge]);
      expect(steps.at(-1)!.endSpeed).toBeCloseTo(incremental.speed[east]!, 4);
      // With starts at rest only, it starts at rest, and driven again from rest along the same edges, with the
      // same caps and measures, it gets the same speed (replay starts at rest: a boundary entry cannot be).
      if (entry === 'rest') {
        expect(steps[0]!.entrySpeed).toBe(0);
        const replayed = incremental.replay(steps.map((step) => step.edge))!;
        expect(replayed.stopped).toBe(false);
        expect(replayed.steps.at(-1)!.endSpeed).toBeCloseTo(incremental.speed[east]!, 4);
      }
    });
  }
});

describe('propagateSpeeds with the vehicle physics (physics.ts)', () => {
  const profiles = loadVehicleProfiles().profiles;
  const model = (cls: string) =>
    createSpeedModel(
      profiles.find((p) => p.vehicleClass === cls)!,
      { friction: 0.6 },
    );

  it('a straight road: the speed the model gives for 100 m from rest', () => {
    const graph = buildTestGraph([{ coords: line([0, 0], [100, 0], 10), widthM: 7 }]);
    for (const cls of ['M1', 'N3F']) {
      const m = model(cls);
      const field = propagateSpeeds(graph, m);
      // Ten 10 m steps through the model's tables agree with one 100 m step.
      expect(field.speed[edgeBetween(graph, [90, 0], [100, 0])]).toBeCloseTo(m.speedAfter(0, 100, 0), 2);
    }
  });

  it('the 90° bend in 7 m: the car skids at 42.7 km/h, the N2 truck rolls at 0.35 g first', () => {
    // r = 7/(1 − cos 45°) = 23.90 m. Car: √(0.6·9.81·23.90) = 11.861 m/s. N2 (roll-over at 0.35 g, our
    // default): √(0.35·9.81·23.90) = 9.059 m/s = 32.6 km/h.
    const graph = buildTestGraph([
      {
        coords: [
          [-100, 0],
          [0, 0],
          [0, 60],
        ],
        widthM: 7,
      },
    ]);
    const out = edgeBetween(graph, [0, 0], [0, 60]);
    const r = 7 / (1 - Math.cos(Math.PI / 4));
    const m1 = model('M1');
    const n2 = model('N2');
    expect(propagateSpeeds(graph, m1).entrySpeed[out]).toBeCloseTo(Math.sqrt(0.6 * G * r), 3);
    expect(propagateSpeeds(graph, n2).entrySpeed[out]).toBeCloseTo(Math.sqrt(0.35 * G * r), 3);
    expect(Math.sqrt(0.35 * G * r) * 3.6).toBeCloseTo(32.6, 1);
    expect(propagateSpeeds(graph, n2).speed[out]).toBeCloseTo(
      n2.speedAfter(Math.sqrt(0.35 * G * r), 60, 0),
      3,
    );
  });

  it('a 2.0 m wide path lets the car, pickup and van through, not the trucks', () => {
    const graph = buildTestGraph([
      {
        coords: [
          [0, 0],
          [50, 0],
        ],
        widthM: 2.0,
        kind: 'path',
      },
    ]);
    const e = edgeBetween(graph, [0, 0], [50, 0]);
    const through = profiles.filter((p) => propagateSpeeds(graph, model(p.vehicleClass)).speed[e]! > 0);
    // Widths (data/vehicles.json): M1 1.8, N1G 1.9, N1 2.0, N2 2.3, N3D 2.5, N3F 2.55 m; a path exactly as
    // wide as the vehicle lets it through.
    expect(through.map((p) => p.vehicleClass)).toEqual(['M1', 'N1G', 'N1']);
  });
});
