import { describe, expect, it } from 'vitest';
import { unstorableValue } from './json-body.js';

describe('unstorableValue', () => {
  it('finds non-finite numbers and names where they are', () => {
    expect(
      unstorableValue({
        geometry: {
          coordinates: [
            [1, 2],
            [3, Infinity],
          ],
        },
      })?.message,
    ).toMatch(/^geometry\.coordinates\[1\]\[1\] is too large to be a number/);
    expect(unstorableValue([1, -Infinity])?.code).toBe('NON_FINITE_NUMBER');
    expect(unstorableValue(Infinity)?.message).toMatch(/^the request body is too large/);
  });

  it('finds text PostgreSQL cannot store, in values and in keys', () => {
    expect(unstorableValue({ properties: { name: 'a\u0000b' } })?.message).toMatch(
      /^properties\.name contains a character/,
    );
    expect(unstorableValue({ name: 'ok \ud83d\ude00', notes: 'half \ud83d' })?.message).toMatch(
      /^notes contains/,
    );
    expect(unstorableValue({ ['bad\u0000key']: 1 })?.message).toMatch(/field name/);
  });

  it('accepts ordinary JSON, emoji included', () => {
    expect(
      unstorableValue({ name: 'Place 🚧', n: [0, -1.5e300, 1e-300], ok: true, none: null }),
    ).toBeUndefined();
  });

  it('walks any depth without recursion', () => {
    let deep: unknown = [Infinity];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(unstorableValue(deep)?.code).toBe('NON_FINITE_NUMBER');
  });
});
