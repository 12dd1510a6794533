import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { mergeMeasure, parseMeasurePatch, validateMeasure } from './measure-input.js';
import { mergeProperties } from './merge-patch.js';

const LINE = {
  type: 'LineString',
  coordinates: [
    [7.42, 43.73],
    [7.4201, 43.73],
  ],
};
const POINT = { type: 'Point', coordinates: [7.42, 43.73] };

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'accepted';
};

describe('validateMeasure', () => {
  it('checks the bollard spacing against the diameter only when both are given', () => {
    expect(code(() => validateMeasure(LINE, { kind: 'bollard_line', diameterM: 0.168, spacingM: 1.5 }))).toBe(
      'accepted',
    );
    expect(code(() => validateMeasure(LINE, { kind: 'bollard_line', diameterM: 0.3, spacingM: 0.3 }))).toBe(
      'INVALID_MEASURE',
    );
    expect(code(() => validateMeasure(LINE, { kind: 'bollard_line', spacingM: 0.1 }))).toBe('accepted');
  });

  it('takes a camera field of view as hfovDeg or as sensor width with focal length', () => {
    expect(code(() => validateMeasure(POINT, { kind: 'camera', hfovDeg: 360 }))).toBe('accepted');
    expect(code(() => validateMeasure(POINT, { kind: 'camera', sensorWidthMm: 6.4, focalLengthMm: 4 }))).toBe(
      'accepted',
    );
    expect(code(() => validateMeasure(POINT, { kind: 'camera', focalLengthMm: 4 }))).toBe('INVALID_MEASURE');
    expect(
      code(() =>
        validateMeasure(POINT, { kind: 'camera', hfovDeg: 90, sensorWidthMm: 6.4, focalLengthMm: 4 }),
      ),
    ).toBe('INVALID_MEASURE');
  });

  it('stores a recognised rating as given and refuses others', () => {
    expect(
      validateMeasure(LINE, { kind: 'barrier', rating: ' v/7200[n2a]/48/90:0.2 ' }).properties.rating,
    ).toBe(' v/7200[n2a]/48/90:0.2 ');
    expect(code(() => validateMeasure(LINE, { kind: 'barrier', rating: 'PAS 68' }))).toBe('INVALID_RATING');
  });

  it('trims names and refuses blank ones', () => {
    expect(validateMeasure(LINE, { kind: 'gate', name: ' Gate 3 ' }).properties.name).toBe('Gate 3');
    expect(code(() => validateMeasure(LINE, { kind: 'gate', name: '  ' }))).toBe('INVALID_MEASURE');
  });
});

describe('merging a PATCH', () => {
  it('applies JSON merge patch semantics, ignoring the version', () => {
    expect(mergeProperties({ a: 1, b: 2, list: [1] }, { b: null, c: 3, list: [2, 3], version: 4 })).toEqual({
      a: 1,
      c: 3,
      list: [2, 3],
    });
  });

  it('keeps "__proto__" an ordinary (refused) field instead of a prototype', () => {
    const merged = mergeProperties({}, JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(code(() => validateMeasure(POINT, { kind: 'camera', ...merged }))).toBe('INVALID_MEASURE');
  });

  it('checks the merged measure whole: a new kind must suit the stored geometry', () => {
    const camera = validateMeasure(POINT, { kind: 'camera', hfovDeg: 90 });
    const patch = parseMeasurePatch({ properties: { version: 1, kind: 'gate' } });
    expect(code(() => mergeMeasure(camera, patch))).toBe('WRONG_GEOMETRY_TYPE');
    const withLine = parseMeasurePatch({
      geometry: LINE,
      properties: { version: 1, kind: 'gate', hfovDeg: null, open: true },
    });
    expect(mergeMeasure(camera, withLine)).toEqual({
      geometry: LINE,
      properties: { kind: 'gate', open: true },
    });
  });

  it('needs something to change and a whole-number version', () => {
    expect(code(() => parseMeasurePatch({ properties: { version: 2 } }))).toBe('VALIDATION_FAILED');
    expect(code(() => parseMeasurePatch({ properties: { version: 1.5, open: true } }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(code(() => parseMeasurePatch({ geometry: { type: 'Polygon', coordinates: [] } }))).toBe(
      'INVALID_GEOJSON',
    );
  });
});
