/**
 * A max-priority queue of non-negative int32 values by float key, in buckets of equal key width: push and
 * pop are O(1) (plus the scan down over empty buckets, bounded by the bucket count between pushes), against
 * a binary heap's O(log n) sifts. Order within a bucket is last in, first out, and keys outside [lo, hi)
 * share the end buckets: the order is approximate, which suits a search whose result does not depend on
 * it (propagate.ts). Each value may be queued at most once at a time (the buckets are linked lists through
 * the values); stale entries are the caller's business, as with lazy deletion.
 */
export class BucketQueue {
  /** Per bucket, its first value + 1 (0: empty). */
  private readonly head: Int32Array;
  /** One bit per bucket, set while it holds a value: finds the next bucket down a word at a time. */
  private readonly full: Uint32Array;
  /** Per value, the value + 1 after it in its bucket (0: none). */
  private next: Int32Array;
  private readonly lo: number;
  private readonly scale: number;
  private readonly last: number;
  /** Highest bucket that may hold a value. */
  private top = -1;
  size = 0;

  /** Keys in [lo, hi) are spread over `buckets` buckets; `capacity` is a first guess of the largest value + 1. */
  constructor(lo: number, hi: number, buckets: number, capacity = 1024) {
    if (!(hi > lo) || !(buckets >= 1)) throw new RangeError(`bad bucket range [${lo}, ${hi}) × ${buckets}`);
    this.head = new Int32Array(buckets);
    this.full = new Uint32Array((buckets + 31) >> 5);
    this.next = new Int32Array(Math.max(16, capacity));
    this.lo = lo;
    this.scale = buckets / (hi - lo);
    this.last = buckets - 1;
  }

  push(key: number, value: number): void {
    if (value >= this.next.length) this.grow(value);
    let b = Math.floor((key - this.lo) * this.scale);
    // Also catches NaN: it compares false both ways and lands in bucket 0.
    if (!(b >= 0)) b = 0;
    else if (b > this.last) b = this.last;
    this.next[value] = this.head[b]!;
    this.head[b] = value + 1;
    this.full[b >> 5]! |= 1 << (b & 31);
    if (b > this.top) this.top = b;
    this.size++;
  }

  /** Removes a value of the highest bucket and returns it; −1 when empty. */
  pop(): number {
    if (this.size === 0) return -1;
    const full = this.full;
    let w = this.top >> 5;
    // The bits of buckets ≤ top in top's word, then whole words down.
    let bits = full[w]! & (0xffffffff >>> (31 - (this.top & 31)));
    while (bits === 0) bits = full[--w]!;
    const b = (w << 5) + 31 - Math.clz32(bits);
    this.top = b;
    const value = this.head[b]! - 1;
    const after = this.next[value]!;
    this.head[b] = after;
    if (after === 0) full[w] = bits & ~(1 << (b & 31));
    this.size--;
    return value;
  }

  /** Drops the per-value links (empty queues only): a finished search's field outlives its queue's use. */
  release(): void {
    if (this.size !== 0) throw new Error('release of a queue that is not empty');
    this.next = new Int32Array(0);
  }

  private grow(value: number): void {
    let n = Math.max(16, this.next.length * 2);
    while (n <= value) n *= 2;
    const next = new Int32Array(n);
    next.set(this.next);
    this.next = next;
  }
}
