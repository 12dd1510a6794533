import type { MultiPolygon } from 'polygon-clipping';
import { describe, expect, it } from 'vitest';
import { pointSeenBy, vectorCoverage, zoneCoverage } from './coverage-metrics.js';
import { lineTail } from './planar.js';

const square = (w: number, s: number, e: number, n: number): MultiPolygon => [
  [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
];

describe('coverage metrics on hand-made coverage', () => {
  // Camera a sees x −5…10, camera b x 5…20 (both y −5…15).
  const cameras = [
    { id: 'a', coverage: square(-5, -5, 10, 15) },
    { id: 'b', coverage: square(5, -5, 20, 15) },
  ];

  it('scores a zone: area, redundancy, perimeter and blind spots', () => {
    // Zone x 0…30, y 0…10: 200 of 300 m² seen, 50 m² by both; perimeter 80 m, seen: south and north to
    // x = 20 and the west edge, 20 + 20 + 10 m.
    const z = zoneCoverage(cameras, { id: 'z', name: 'Z', polygon: square(0, 0, 30, 10)[0]! });
    expect(z.areaM2).toBeCloseTo(300, 9);
    expect(z.seenAreaM2).toBeCloseTo(200, 9);
    expect(z.redundantShare).toBeCloseTo(50 / 300, 9);
    expect(z.perimeterM).toBeCloseTo(80, 9);
    // Edges are tested 5 cm outside the zone: the west edge at x = −0.05 is in camera a's view.
    expect(z.seenPerimeterM).toBeCloseTo(50, 9);
    expect(z.blindArea.length).toBe(1);
    expect(z.cameraIds).toEqual(['a', 'b']);
  });

  it('scores the last metres of an approach path and who sees its impact point', () => {
    // A path along y = 5 from x = −100 to its impact at x = 15: the last 50 m are x −35…15, seen from −5.
    const v = vectorCoverage(
      cameras,
      {
        line: [
          [-100, 5],
          [15, 5],
        ],
      },
      50,
    );
    expect(v.tailM).toBeCloseTo(50, 9);
    expect(v.seenM).toBeCloseTo(20, 9);
    expect(v.impactSeenBy).toEqual(['b']);
    expect(pointSeenBy(cameras, [7, 5])).toEqual(['a', 'b']);
    const tail = lineTail(
      [
        [0, 0],
        [3, 4],
        [3, 10],
      ],
      8,
    );
    expect(tail[0]![0]).toBeCloseTo(1.8, 12);
    expect(tail[0]![1]).toBeCloseTo(2.4, 12);
    expect(tail.slice(1)).toEqual([
      [3, 4],
      [3, 10],
    ]);
  });
});
