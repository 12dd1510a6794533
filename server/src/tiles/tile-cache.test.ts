import { describe, expect, it } from 'vitest';
import { TileCache } from './tile-cache.js';

const tile = (bytes: number) => new Uint8Array(bytes);

describe('TileCache', () => {
  it('returns what it holds, undefined for a miss and null for a cached empty tile', () => {
    const cache = new TileCache(10_000);
    cache.set('g1', 'a', tile(10));
    cache.set('g1', 'empty', null);
    expect(cache.get('g1', 'a')?.byteLength).toBe(10);
    expect(cache.get('g1', 'empty')).toBeNull();
    expect(cache.get('g1', 'missing')).toBeUndefined();
  });

  it('drops the least recently used tiles when over its byte budget', () => {
    // Each entry costs its bytes + 100 + key length: three 1,000-byte tiles fit in 3,400, a fourth does not.
    const cache = new TileCache(3_400);
    cache.set('g', 'a', tile(1000));
    cache.set('g', 'b', tile(1000));
    cache.set('g', 'c', tile(1000));
    expect(cache.get('g', 'a')).toBeDefined(); // a is now the most recently used
    cache.set('g', 'd', tile(1000));
    expect(cache.get('g', 'b')).toBeUndefined();
    expect(cache.get('g', 'a')).toBeDefined();
    expect(cache.get('g', 'c')).toBeDefined();
    expect(cache.get('g', 'd')).toBeDefined();
    expect(cache.size).toBe(3);
  });

  it('counts empty tiles too, and never stores a tile larger than the budget', () => {
    const cache = new TileCache(1_000);
    for (let i = 0; i < 100; i++) cache.set('g', `empty-${i}`, null);
    expect(cache.size).toBeLessThanOrEqual(1_000 / 100);
    cache.set('g', 'huge', tile(2_000));
    expect(cache.get('g', 'huge')).toBeUndefined();
  });

  it('forgets everything when the data generation changes', () => {
    const cache = new TileCache(10_000);
    cache.set('g1', 'a', tile(10));
    expect(cache.get('g2', 'a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
