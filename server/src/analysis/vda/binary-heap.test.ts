import { describe, expect, it } from 'vitest';
import { MaxHeap } from './binary-heap.js';

describe('MaxHeap', () => {
  it('pops values by key, largest first, growing past its initial capacity', () => {
    const heap = new MaxHeap(16);
    const keys = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) / 10);
    keys.forEach((k, i) => heap.push(k, i));
    expect(heap.size).toBe(1000);
    const popped: number[] = [];
    while (heap.size > 0) popped.push(keys[heap.pop()]!);
    expect(popped).toEqual([...keys].sort((a, b) => b - a));
    expect(heap.pop()).toBe(-1);
  });
});
