/**
 * A small least-recently-used map with a bound on its entries, and a way to share one computation between
 * concurrent callers asking for the same key (the second caller awaits the first one's promise).
 */
export class LruCache<V> {
  private readonly entries = new Map<string, V>();
  private readonly pending = new Map<string, Promise<V>>();

  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // Map keeps insertion order: re-inserting makes this the most recent entry.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /**
   * The cached value, or the one `compute` resolves to (then cached). Callers asking for a key whose
   * computation is running share it; a failed computation is not cached.
   */
  async getOrCompute(
    key: string,
    compute: () => Promise<V>,
  ): Promise<{ value: V; how: 'cached' | 'shared' | 'computed' }> {
    const cached = this.get(key);
    if (cached !== undefined) return { value: cached, how: 'cached' };
    const running = this.pending.get(key);
    if (running) return { value: await running, how: 'shared' };
    const promise = compute();
    this.pending.set(key, promise);
    try {
      const value = await promise;
      this.set(key, value);
      return { value, how: 'computed' };
    } finally {
      this.pending.delete(key);
    }
  }
}
