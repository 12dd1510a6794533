import type { Position } from 'geojson';

/** OSM stores coordinates as integers of 1e-7 degrees; keeping them that way is exact and compact. */
const SCALE = 1e7;

/**
 * Coordinates of every node in a file, for building way geometries. Typed arrays (16 bytes a node)
 * instead of a Map of objects (~100 bytes a node) keep a city extract with a million nodes in ~16 MB.
 * Lookups are binary searches over ids; files are normally sorted by id, and unsorted ones are sorted
 * once in seal().
 */
export class NodeStore {
  private ids = new Float64Array(1 << 14);
  private lons = new Int32Array(1 << 14);
  private lats = new Int32Array(1 << 14);
  private count = 0;
  private sorted = true;
  private sealed = false;

  get size(): number {
    return this.count;
  }

  add(id: number, lon: number, lat: number): void {
    if (this.sealed) throw new Error('NodeStore: add() after seal()');
    if (this.count === this.ids.length) this.grow();
    if (this.count > 0 && id <= (this.ids[this.count - 1] as number)) this.sorted = false;
    this.ids[this.count] = id;
    this.lons[this.count] = Math.round(lon * SCALE);
    this.lats[this.count] = Math.round(lat * SCALE);
    this.count++;
  }

  /** Call once after the last add(): sorts when needed so that lookups work. */
  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    if (this.sorted) return;
    const order = Array.from({ length: this.count }, (_, i) => i);
    const ids = this.ids;
    order.sort((a, b) => (ids[a] as number) - (ids[b] as number));
    const newIds = new Float64Array(this.count);
    const newLons = new Int32Array(this.count);
    const newLats = new Int32Array(this.count);
    order.forEach((from, to) => {
      newIds[to] = ids[from] as number;
      newLons[to] = this.lons[from] as number;
      newLats[to] = this.lats[from] as number;
    });
    this.ids = newIds;
    this.lons = newLons;
    this.lats = newLats;
    this.sorted = true;
  }

  /** [lon, lat] of a node, or null when the node is not in the file (cut off at the extract's edge). */
  position(id: number): Position | null {
    if (!this.sealed) throw new Error('NodeStore: position() before seal()');
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const value = this.ids[mid] as number;
      if (value < id) low = mid + 1;
      else if (value > id) high = mid - 1;
      else return [(this.lons[mid] as number) / SCALE, (this.lats[mid] as number) / SCALE];
    }
    return null;
  }

  private grow(): void {
    const capacity = this.ids.length * 2;
    const ids = new Float64Array(capacity);
    ids.set(this.ids);
    const lons = new Int32Array(capacity);
    lons.set(this.lons);
    const lats = new Int32Array(capacity);
    lats.set(this.lats);
    this.ids = ids;
    this.lons = lons;
    this.lats = lats;
  }
}
