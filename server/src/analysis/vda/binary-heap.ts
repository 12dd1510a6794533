/**
 * A max-heap of (key, value) pairs on typed arrays: float keys, int32 values, no per-entry objects. It
 * grows by doubling. Stale entries are the caller's business (lazy deletion: check the value on pop).
 */
export class MaxHeap {
  private keys: Float64Array;
  private values: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.values = new Int32Array(this.keys.length);
  }

  push(key: number, value: number): void {
    if (this.size === this.keys.length) this.grow();
    const keys = this.keys;
    const values = this.values;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent] as number;
      if (pk >= key) break;
      keys[i] = pk;
      values[i] = values[parent] as number;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  /** Removes the largest entry and returns its value; −1 when empty. */
  pop(): number {
    if (this.size === 0) return -1;
    const keys = this.keys;
    const values = this.values;
    const top = values[0] as number;
    const n = --this.size;
    if (n > 0) this.siftDown(0, keys[n] as number, values[n] as number);
    return top;
  }

  /** Moves (key, value) down from slot i to where it belongs among the first `size` entries. */
  private siftDown(i: number, key: number, value: number): void {
    const keys = this.keys;
    const values = this.values;
    const n = this.size;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let ck = keys[child] as number;
      const right = child + 1;
      if (right < n) {
        const rk = keys[right] as number;
        if (rk > ck) {
          child = right;
          ck = rk;
        }
      }
      if (ck <= key) break;
      keys[i] = ck;
      values[i] = values[child] as number;
      i = child;
    }
    keys[i] = key;
    values[i] = value;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const values = new Int32Array(keys.length);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }
}
