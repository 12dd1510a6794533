import { describe, expect, it } from 'vitest';
import { BucketQueue } from './bucket-queue.js';

describe('BucketQueue', () => {
  it('pops by bucket, highest first, last in first out within one, growing past its capacity', () => {
    // 10 buckets of width 10 over [0, 100).
    const queue = new BucketQueue(0, 100, 10, 16);
    const keys = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) / 10);
    keys.forEach((k, i) => queue.push(k, i));
    expect(queue.size).toBe(1000);
    const popped: number[] = [];
    while (queue.size > 0) popped.push(queue.pop());
    expect(queue.pop()).toBe(-1);
    const buckets = popped.map((i) => Math.floor(keys[i]! / 10));
    expect(buckets).toEqual([...buckets].sort((a, b) => b - a));
    // Bucket 9 holds keys 90–99.9, pushed in index order: they come out in reverse.
    const top = popped.slice(0, 100);
    expect(top).toEqual([...top].sort((a, b) => b - a));
    expect(new Set(popped).size).toBe(1000);
  });

  it('puts keys beyond its range, and NaN, in the end buckets', () => {
    const queue = new BucketQueue(-50, 50, 100);
    queue.push(-1e9, 1);
    queue.push(Number.NaN, 2);
    queue.push(0, 3);
    queue.push(1e9, 4);
    expect([queue.pop(), queue.pop()]).toEqual([4, 3]);
    expect(new Set([queue.pop(), queue.pop()])).toEqual(new Set([1, 2]));
  });

  it('keeps its order across pushes between pops, over many words of buckets', () => {
    const queue = new BucketQueue(0, 4096, 4096);
    queue.push(3000.5, 0);
    queue.push(10.5, 1);
    expect(queue.pop()).toBe(0);
    queue.push(4000.5, 2);
    queue.push(5.5, 3);
    queue.push(2000.5, 4);
    expect([queue.pop(), queue.pop(), queue.pop(), queue.pop()]).toEqual([2, 4, 1, 3]);
  });

  it('releases its links only when empty, and works on after a release', () => {
    const queue = new BucketQueue(0, 100, 10, 4);
    queue.push(50, 3);
    expect(() => queue.release()).toThrow(/not empty/);
    expect(queue.pop()).toBe(3);
    queue.release();
    queue.push(20, 7);
    queue.push(90, 100);
    expect([queue.pop(), queue.pop(), queue.pop()]).toEqual([100, 7, -1]);
  });

  it('refuses an empty range', () => {
    expect(() => new BucketQueue(1, 1, 10)).toThrow(RangeError);
  });
});
