import { describe, expect, it } from 'vitest';
import { SQUARE } from '../../test/helpers/geometry.js';
import { AppError } from '../errors.js';
import { validateGeometry, validatePosition } from './geometry.js';

const ZONE = { accept: ['Polygon'], subject: 'A protected zone', path: 'geometry' } as const;
const CHICANE = { accept: ['LineString', 'Polygon'], subject: 'A chicane', path: 'geometry' } as const;

/** The code and message `fn` throws. */
function failure(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('validatePosition', () => {
  it('accepts [lon, lat] and [lon, lat, altitude] at the limits of the ranges', () => {
    expect(validatePosition([-180, -90], 'p')).toEqual([-180, -90]);
    expect(validatePosition([180, 90, 12.5], 'p')).toEqual([180, 90, 12.5]);
  });

  it('refuses non-finite numbers (JSON 1e999 reads as Infinity)', () => {
    expect(failure(() => validatePosition([Infinity, 0], 'p'))).toEqual({
      code: 'NON_FINITE_NUMBER',
      message: 'p[0] is Infinity: coordinates must be finite numbers.',
    });
    expect(failure(() => validatePosition([0, NaN], 'p')).code).toBe('NON_FINITE_NUMBER');
  });

  it('refuses out-of-range coordinates and hints at swapped axes only when swapping would fix them', () => {
    expect(failure(() => validatePosition([181, 0], 'p'))).toEqual({
      code: 'COORDINATE_OUT_OF_RANGE',
      message: 'p = [181, 0]: longitude 181 is outside −180…180.',
    });
    expect(failure(() => validatePosition([43.7, 97.4], 'p')).message).toBe(
      'p = [43.7, 97.4]: latitude 97.4 is outside −90…90. The latitude and longitude may be swapped: GeoJSON is [longitude, latitude].',
    );
    // |lon| > 90: swapping would not help either.
    expect(failure(() => validatePosition([120, 100], 'p')).message).not.toContain('swapped');
    // |lat| > 180 cannot be a longitude.
    expect(failure(() => validatePosition([10, 200], 'p')).message).not.toContain('swapped');
  });

  it('refuses things that are not positions', () => {
    expect(failure(() => validatePosition([1], 'p')).code).toBe('INVALID_GEOJSON');
    expect(failure(() => validatePosition([1, 2, 3, 4], 'p')).message).toBe(
      'p must be a position [longitude, latitude], not a list of 4.',
    );
    expect(failure(() => validatePosition({ lon: 1, lat: 2 }, 'p')).message).toBe(
      'p must be a position [longitude, latitude], not an object.',
    );
    expect(failure(() => validatePosition([1, null], 'p')).message).toBe('p[1] must be a number, not null.');
  });
});

describe('validateGeometry', () => {
  it('returns the geometry without its bbox', () => {
    const polygon = validateGeometry(
      { type: 'Polygon', coordinates: SQUARE, bbox: [7.42, 43.73, 7.43, 43.74] },
      ZONE,
    );
    expect(polygon).toEqual({ type: 'Polygon', coordinates: SQUARE });
    expect(
      validateGeometry(
        {
          type: 'LineString',
          coordinates: [
            [7.42, 43.73],
            [7.43, 43.73],
          ],
        },
        CHICANE,
      ).type,
    ).toBe('LineString');
  });

  it('tells malformed GeoJSON from the wrong kind of geometry', () => {
    expect(failure(() => validateGeometry({ type: 'polygon', coordinates: SQUARE }, ZONE))).toEqual({
      code: 'INVALID_GEOJSON',
      message: 'geometry.type must be a GeoJSON geometry type (a Polygon here), not "polygon".',
    });
    expect(failure(() => validateGeometry({ type: 'Point', coordinates: [7.42, 43.73] }, CHICANE))).toEqual({
      code: 'WRONG_GEOMETRY_TYPE',
      message: 'A chicane is drawn as a LineString or a Polygon; geometry is a Point.',
    });
    expect(failure(() => validateGeometry({ type: 'GeometryCollection', geometries: [] }, ZONE)).code).toBe(
      'WRONG_GEOMETRY_TYPE',
    );
    expect(failure(() => validateGeometry(null, ZONE)).message).toBe(
      'geometry is missing: a protected zone is drawn as a Polygon.',
    );
    expect(failure(() => validateGeometry([], ZONE)).code).toBe('INVALID_GEOJSON');
    expect(
      failure(() => validateGeometry({ type: 'Polygon', coordinates: SQUARE, properties: {} }, ZONE)).message,
    ).toBe(
      'geometry has a member "properties" that a GeoJSON Polygon does not have (only type, coordinates and bbox).',
    );
    expect(
      failure(() => validateGeometry({ type: 'Polygon', coordinates: SQUARE, bbox: [1, 2] }, ZONE)).code,
    ).toBe('INVALID_GEOJSON');
  });

  it('checks rings: at least 4 positions, closed, every one a valid position', () => {
    expect(
      failure(() => validateGeometry({ type: 'Polygon', coordinates: [SQUARE[0]?.slice(0, 4)] }, ZONE))
        .message,
    ).toBe(
      'The outer ring (geometry.coordinates[0]) is not closed: it must end with its first position [7.42, 43.73], but ends with [7.42, 43.74].',
    );
    const hole = [
      [7.421, 43.731],
      [7.422, 43.731],
      [7.421, 43.731],
    ];
    expect(
      failure(() => validateGeometry({ type: 'Polygon', coordinates: [SQUARE[0], hole] }, ZONE)).message,
    ).toBe(
      'Hole 1 (geometry.coordinates[1]) has 3 positions; a ring needs at least 4 (3 corners and the first repeated at the end).',
    );
    const far = SQUARE.map((ring) => ring.map(([x, y]) => [x, (y as number) + 100]));
    expect(failure(() => validateGeometry({ type: 'Polygon', coordinates: far }, ZONE)).message).toMatch(
      /^geometry\.coordinates\[0\]\[0\] = \[7\.42, 143\.73\]: latitude 143\.73 is outside/,
    );
    expect(failure(() => validateGeometry({ type: 'Polygon', coordinates: [[1, 2]] }, ZONE)).code).toBe(
      'INVALID_GEOJSON',
    );
  });

  it('counts vertices over all rings against the limit, before looking at each', () => {
    const ring = (n: number) => [
      ...Array.from({ length: n - 1 }, (_, i) => [i / n, 0.001 * Math.sin(i)]),
      [0, 0],
    ];
    const rules = { ...ZONE, maxVertices: 10 };
    expect(validateGeometry({ type: 'Polygon', coordinates: [ring(10)] }, rules).coordinates[0]).toHaveLength(
      10,
    );
    expect(
      failure(() => validateGeometry({ type: 'Polygon', coordinates: [ring(6), ring(5)] }, rules)),
    ).toEqual({
      code: 'TOO_MANY_VERTICES',
      message: 'A protected zone may have at most 10 points; geometry has 11. Simplify the outline.',
    });
    // Over the limit and out of range: the count is reported (it is checked first).
    expect(
      failure(() =>
        validateGeometry(
          { type: 'LineString', coordinates: Array(11).fill([500, 0]) },
          { ...CHICANE, maxVertices: 10 },
        ),
      ).code,
    ).toBe('TOO_MANY_VERTICES');
  });

  it('needs two different positions in a line', () => {
    expect(
      failure(() =>
        validateGeometry(
          {
            type: 'LineString',
            coordinates: [
              [1, 2],
              [1, 2],
              [1, 2],
            ],
          },
          CHICANE,
        ),
      ).message,
    ).toBe('geometry.coordinates: a line needs at least two different positions; this one has only one.');
  });
});
