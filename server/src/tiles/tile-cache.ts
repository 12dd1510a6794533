// What an entry costs besides its bytes (key, Map slot), so that empty tiles count too.
const ENTRY_OVERHEAD = 100;

const cost = (key: string, tile: Uint8Array | null) => ENTRY_OVERHEAD + key.length + (tile?.byteLength ?? 0);

/**
 * Rendered tiles kept in memory, least recently used first out, bounded in bytes. Entries belong to one data
 * generation: the first lookup with a different generation (an import finished, here or in another process)
 * empties the cache, so no tile outlives the data it was drawn from. `null` stands for an empty tile.
 */
export class TileCache {
  private readonly entries = new Map<string, Uint8Array | null>();
  private bytes = 0;
  private generation: string | undefined;

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached tile (`null` = empty tile), or `undefined` when it must be rendered. */
  get(generation: string, key: string): Uint8Array | null | undefined {
    this.useGeneration(generation);
    const tile = this.entries.get(key);
    if (tile === undefined) return undefined;
    // Re-insert: a Map iterates in insertion order, so its first key is the least recently used.
    this.entries.delete(key);
    this.entries.set(key, tile);
    return tile;
  }

  set(generation: string, key: string, tile: Uint8Array | null): void {
    this.useGeneration(generation);
    const size = cost(key, tile);
    if (size > this.maxBytes) return;
    this.remove(key);
    this.entries.set(key, tile);
    this.bytes += size;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.bytes -= cost(key, old);
    this.entries.delete(key);
  }

  private useGeneration(generation: string): void {
    if (generation === this.generation) return;
    this.entries.clear();
    this.bytes = 0;
    this.generation = generation;
  }
}
