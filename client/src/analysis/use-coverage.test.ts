import { describe, expect, it } from 'vitest';
import type { ApproachResult } from '../api/types.js';
import { scoredClasses } from './use-coverage.js';

describe('the vectors a coverage run scores', () => {
  it('are those of the settled approach run, none without zones or after a failure, and wait while it runs', () => {
    // Two zones: each class once, in the order analysed.
    const result = {
      summary: ['M1', 'N3F', 'M1', 'N3F'].map((vehicleClass) => ({ vehicleClass })),
      speedMap: [],
    } as unknown as ApproachResult;
    expect(scoredClasses({ status: 'ready', result, elapsedMs: 1 })).toEqual(['M1', 'N3F']);
    expect(scoredClasses({ status: 'no-zones' })).toEqual([]);
    expect(scoredClasses({ status: 'error', message: 'x', previous: null })).toEqual([]);
    expect(scoredClasses({ status: 'running', previous: result })).toBeNull();
    expect(scoredClasses({ status: 'idle' })).toBeNull();
  });
});
