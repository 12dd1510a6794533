import { describe, expect, it } from 'vitest';
import { Compile } from 'typebox/compile';
import { SQUARE } from '../../test/helpers/geometry.js';
import { validateGeometry } from '../validation/geometry.js';
import { LineStringSchema, MAX_RINGS, MAX_VERTICES, PointSchema, PolygonSchema } from './geojson.js';

const point = Compile(PointSchema);
const line = Compile(LineStringSchema);
const polygon = Compile(PolygonSchema);

describe('GeoJSON schemas', () => {
  it('accept RFC 7946 geometries, with an optional altitude and bbox', () => {
    expect(point.Check({ type: 'Point', coordinates: [7.42, 43.73] })).toBe(true);
    expect(point.Check({ type: 'Point', coordinates: [7.42, 43.73, 12] })).toBe(true);
    expect(
      line.Check({
        type: 'LineString',
        coordinates: [
          [7.42, 43.73],
          [7.43, 43.73],
        ],
        bbox: [7.42, 43.73, 7.43, 43.73],
      }),
    ).toBe(true);
    expect(polygon.Check({ type: 'Polygon', coordinates: SQUARE })).toBe(true);
  });

  it('bound their sizes', () => {
    expect(point.Check({ type: 'Point', coordinates: [7.42] })).toBe(false);
    expect(point.Check({ type: 'Point', coordinates: [7.42, 43.73, 1, 2] })).toBe(false);
    expect(line.Check({ type: 'LineString', coordinates: [[7.42, 43.73]] })).toBe(false);
    const long = Array.from({ length: MAX_VERTICES + 1 }, (_, i) => [i * 1e-5, 0]);
    expect(line.Check({ type: 'LineString', coordinates: long })).toBe(false);
    expect(line.Check({ type: 'LineString', coordinates: long.slice(1) })).toBe(true);
    expect(polygon.Check({ type: 'Polygon', coordinates: [SQUARE[0]?.slice(0, 3)] })).toBe(false);
    expect(polygon.Check({ type: 'Polygon', coordinates: [] })).toBe(false);
    expect(polygon.Check({ type: 'Polygon', coordinates: Array(MAX_RINGS + 1).fill(SQUARE[0]) })).toBe(false);
  });

  it('refuse other members and other types', () => {
    expect(polygon.Check({ type: 'Polygon', coordinates: SQUARE, crs: {} })).toBe(false);
    expect(polygon.Check({ type: 'MultiPolygon', coordinates: [SQUARE] })).toBe(false);
    expect(point.Check({ type: 'Point', coordinates: ['7.42', '43.73'] })).toBe(false);
  });

  it('describe everything the geometry validator accepts (the validator is the stricter of the two)', () => {
    const rules = { subject: 'An item', path: 'geometry' };
    const accepted = [
      validateGeometry({ type: 'Point', coordinates: [7.42, 43.73, 3] }, { ...rules, accept: ['Point'] }),
      validateGeometry(
        {
          type: 'LineString',
          coordinates: [
            [7.42, 43.73],
            [7.43, 43.73],
          ],
          bbox: [0, 0, 1, 1],
        },
        { ...rules, accept: ['LineString'] },
      ),
      validateGeometry({ type: 'Polygon', coordinates: SQUARE }, { ...rules, accept: ['Polygon'] }),
    ];
    expect(
      accepted.map((g) =>
        Compile({ Point: PointSchema, LineString: LineStringSchema, Polygon: PolygonSchema }[g.type]).Check(
          g,
        ),
      ),
    ).toEqual([true, true, true]);
  });
});
