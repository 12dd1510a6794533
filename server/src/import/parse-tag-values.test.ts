import { describe, expect, it } from 'vitest';
import {
  isTagSet,
  parseHeightM,
  parseLanes,
  parseLengthM,
  parseLevels,
  parseOneway,
  parseZLayer,
} from './parse-tag-values.js';

describe('parseLengthM', () => {
  it.each([
    ['3', 3],
    ['3 m', 3],
    ['3m', 3],
    ['12.5m', 12.5],
    ['3,5', 3.5],
    ['3,5 m', 3.5],
    [' 4.25 metres ', 4.25],
    ['2 meter', 2],
    ['350 cm', 3.5],
    ['.5', 0.5],
    ["40'", 12.192],
    ['40 ft', 12.192],
    ['12\'6"', 3.81],
    ['12\' 6"', 3.81],
    ['12 ft 6 in', 3.81],
    ['6"', 0.152],
    ['~3', 3],
    ['3;4', 3],
  ])('%j → %d m', (input, expected) => {
    expect(parseLengthM(input)).toBeCloseTo(expected, 6);
  });

  it.each([undefined, '', 'wide', '0', '-2', '3 parsecs', 'narrow;3', '3.5.1'])('%j → null', (input) => {
    expect(parseLengthM(input)).toBeNull();
  });
});

describe('parseHeightM', () => {
  it('reads heights like lengths but treats implausible ones (tagging errors) as unknown', () => {
    expect(parseHeightM('12.5 m')).toBe(12.5);
    expect(parseHeightM("40'")).toBe(12.192);
    expect(parseHeightM('999')).toBe(999);
    expect(parseHeightM('1001')).toBeNull();
    expect(parseHeightM('1' + '0'.repeat(40))).toBeNull(); // would overflow the real column
  });
});

describe('parseZLayer', () => {
  it.each([
    [undefined, 0],
    ['1', 1],
    ['-1', -1],
    ['+2', 2],
    [' 3 ', 3],
    ['7', 5],
    ['-9', -5],
    ['1.5', 0],
    ['yes', 0],
    ['1;2', 0],
  ])('%j → %d', (input, expected) => {
    expect(parseZLayer(input)).toBe(expected);
  });
});

describe('small tag parsers', () => {
  it('lanes: positive integers only', () => {
    expect(parseLanes('2')).toBe(2);
    expect(parseLanes('0')).toBeNull();
    expect(parseLanes('2;3')).toBeNull();
    expect(parseLanes(undefined)).toBeNull();
  });

  it('levels: non-negative numbers, decimal comma accepted', () => {
    expect(parseLevels('4')).toBe(4);
    expect(parseLevels('2,5')).toBe(2.5);
    expect(parseLevels('0')).toBe(0);
    expect(parseLevels('-1')).toBeNull();
    expect(parseLevels('many')).toBeNull();
  });

  it('bridge/tunnel: anything but no', () => {
    expect(isTagSet('yes')).toBe(true);
    expect(isTagSet('viaduct')).toBe(true);
    expect(isTagSet('building_passage')).toBe(true);
    expect(isTagSet('no')).toBe(false);
    expect(isTagSet(undefined)).toBe(false);
  });

  it('oneway', () => {
    expect(parseOneway('yes')).toBe(true);
    expect(parseOneway('-1')).toBe(true);
    expect(parseOneway('no')).toBe(false);
    expect(parseOneway('reversible')).toBeNull();
    expect(parseOneway(undefined)).toBeNull();
  });
});
