import { describe, expect, it } from 'vitest';
import { warmUpAnalysis } from './analysis-warm-up.js';

describe('the analysis warm-up on the demo district', () => {
  it('analyses every class, and with its barrier across the avenue the avenue’s ways in meet it', () => {
    const { without, withBarrier } = warmUpAnalysis();
    const classes = ['M1', 'N1G', 'N1', 'N2', 'N3D', 'N3F'];
    expect(without.parts.map((p) => p.vehicleClass)).toEqual(classes);
    for (const part of without.parts) expect(part.features.length).toBeGreaterThan(0);
    // A V/7200[N2A]/48 barrier: each class's fastest way up the avenue now ends at it (stopped, or
    // under-rated where the impact is faster than 48 km/h).
    for (const part of withBarrier.parts) {
      const atBarrier = part.features.filter((f) => f.properties.measureId === 'warm-up');
      expect({ vehicleClass: part.vehicleClass, atBarrier: atBarrier.length > 0 }).toEqual({
        vehicleClass: part.vehicleClass,
        atBarrier: true,
      });
    }
    expect(withBarrier.retagged).toBe(true);
  });
});
