import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { parseTileAddress, simplifyTolerance, tileBounds } from './tile-address.js';

const parse = (z: string, x: string, y: string) => parseTileAddress({ z, x, y });

describe('parseTileAddress', () => {
  it('reads whole numbers inside the zoom’s grid', () => {
    expect(parse('0', '0', '0')).toEqual({ z: 0, x: 0, y: 0 });
    expect(parse('16', '34042', '23574')).toEqual({ z: 16, x: 34042, y: 23574 });
    expect(parse('22', String(2 ** 22 - 1), '0')).toEqual({ z: 22, x: 2 ** 22 - 1, y: 0 });
  });

  it.each([
    ['23', '0', '0', 'zoom must be a whole number from 0 to 22'],
    ['-1', '0', '0', 'zoom must be'],
    ['1.5', '0', '0', 'zoom must be'],
    ['z', '0', '0', 'zoom must be'],
    ['2', '4', '0', 'from 0 to 3'],
    ['2', '0', '4', 'from 0 to 3'],
    ['2', '1e0', '0', 'from 0 to 3'],
    ['2', ' 1', '0', 'from 0 to 3'],
    ['2', '0x1', '0', 'from 0 to 3'],
    ['2', '', '0', 'from 0 to 3'],
  ])('refuses z=%j x=%j y=%j as INVALID_TILE', (z, x, y, message) => {
    let error: unknown;
    try {
      parse(z, x, y);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'INVALID_TILE',
      statusCode: 400,
      message: expect.stringContaining(message),
    });
  });
});

describe('tileBounds', () => {
  it('gives the Web Mercator tile rectangle in lon/lat', () => {
    const [w, s, e, n] = tileBounds({ z: 0, x: 0, y: 0 });
    expect([w, e]).toEqual([-180, 180]);
    // The Mercator world stops at ±85.0511287798°.
    expect(n).toBeCloseTo(85.0511287798, 9);
    expect(s).toBeCloseTo(-85.0511287798, 9);
    const z1 = tileBounds({ z: 1, x: 1, y: 0 });
    expect(z1[0]).toBe(0);
    expect(z1[1]).toBeCloseTo(0, 12);
  });

  it('grows by the buffer in tile units, clamped to the world', () => {
    const address = { z: 16, x: 34042, y: 23574 };
    const [w, s, e, n] = tileBounds(address);
    const [bw, bs, be, bn] = tileBounds(address, 64);
    // 64 units of 4096 = 1/64 of the tile width on each side.
    expect(w - bw).toBeCloseTo((e - w) / 64, 12);
    expect(be - e).toBeCloseTo((e - w) / 64, 12);
    expect(bn).toBeGreaterThan(n);
    expect(bs).toBeLessThan(s);
    expect(tileBounds({ z: 0, x: 0, y: 0 }, 64)).toEqual(tileBounds({ z: 0, x: 0, y: 0 }));
  });
});

describe('simplifyTolerance', () => {
  it('is one tile unit of longitude scaled by cos(latitude)', () => {
    // At z16 a tile spans 360/65536° of longitude; one unit is 1/4096 of it.
    const unit = 360 / 65536 / 4096;
    const near45 = simplifyTolerance({ z: 16, x: 34042, y: 23574 }, 1);
    expect(near45 / unit).toBeGreaterThan(Math.cos((45.01 * Math.PI) / 180));
    expect(near45 / unit).toBeLessThan(Math.cos((44.99 * Math.PI) / 180));
    expect(simplifyTolerance({ z: 16, x: 34042, y: 23574 }, 4)).toBeCloseTo(4 * near45, 15);
  });
});
