import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.js';

describe('LruCache', () => {
  it('keeps the most recently used entries up to its bound', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now more recent than b
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });

  it('shares one running computation between callers of the same key, then serves it from the cache', async () => {
    const cache = new LruCache<string>(4);
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const compute = async () => {
      runs++;
      await gate;
      return 'answer';
    };
    const first = cache.getOrCompute('k', compute);
    const second = cache.getOrCompute('k', compute);
    release();
    expect(await Promise.all([first, second])).toEqual([
      { value: 'answer', how: 'computed' },
      { value: 'answer', how: 'shared' },
    ]);
    expect(await cache.getOrCompute('k', compute)).toEqual({ value: 'answer', how: 'cached' });
    expect(runs).toBe(1);
  });

  it('does not keep a failed computation: the next caller tries again', async () => {
    const cache = new LruCache<string>(4);
    await expect(cache.getOrCompute('k', () => Promise.reject(new Error('no database')))).rejects.toThrow(
      'no database',
    );
    expect(await cache.getOrCompute('k', async () => 'answer')).toEqual({ value: 'answer', how: 'computed' });
  });
});
