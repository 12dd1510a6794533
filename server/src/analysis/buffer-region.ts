/**
 * Everything within a distance of a region, for the standoff rings (DOMAIN.md §4: the building evacuation
 * distance drawn around where a vehicle can get). The region is rasterised on a local square grid, the
 * exact Euclidean distance of every cell to it taken (clearance.ts's transform), the cells within the
 * radius traced (lattice-outline.ts). Pure, a few milliseconds to a few tens of them: PostGIS's
 * `ST_Buffer` of a town's reachable outline took seconds in the single-session embedded database (holding
 * it from every other request), and only after simplifying the outline to a tenth of the radius, as the
 * full outline exhausted PGlite's stack. The grid's cell is a fiftieth of the radius (coarser only where
 * the region is over 18 radii across), so the ring reaches up to 5.4 % beyond the radius, never short of
 * it: it leaves out nothing in range.
 */
import type { MultiPolygon, Position } from 'geojson';
import { latticeOutline, type Lattice } from './lattice-outline.js';
import { clearanceMap } from './vda/clearance.js';
import { localProjection, toLocal } from './vda/projection.js';
import { Px } from './vda/raster.js';

/** Our default: the grid's cell is this fraction of the radius (or larger for a very large region). */
const CELLS_PER_RADIUS = 50;
/** Our bound on the grid, cells per side, so that a small radius around a large region stays cheap. */
const MAX_CELLS_PER_SIDE = 1000;

/** The region and everything within `radiusM` of it, as a WGS84 MultiPolygon; null for an empty region. */
export function bufferRegion(region: MultiPolygon, radiusM: number): MultiPolygon | null {
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const [lon, lat] of region.coordinates.flat(2)) {
    minLon = Math.min(minLon, lon!);
    maxLon = Math.max(maxLon, lon!);
    minLat = Math.min(minLat, lat!);
    maxLat = Math.max(maxLat, lat!);
  }
  if (minLon > maxLon) return null;
  const projection = localProjection((minLon + maxLon) / 2, (minLat + maxLat) / 2);
  const rings = region.coordinates.map((polygon) =>
    polygon.map((ring) => ring.map(([lon, lat]: Position) => toLocal(projection, lon!, lat!))),
  );
  const [minX, minY] = toLocal(projection, minLon, minLat);
  const [maxX, maxY] = toLocal(projection, maxLon, maxLat);
  const span = Math.max(maxX - minX, maxY - minY) + 2 * radiusM;
  const cellM = Math.max(radiusM / CELLS_PER_RADIUS, span / MAX_CELLS_PER_SIDE);
  // Room for the radius and the cells beyond it on every side.
  const margin = radiusM + 4 * cellM;
  const x0 = minX - margin;
  const y0 = minY - margin;
  const cols = Math.ceil((maxX + margin - x0) / cellM);
  const rows = Math.ceil((maxY + margin - y0) / cellM);

  // The region's cells: blocked pixels for the distance transform (flags 0), the rest open ground.
  const flags = new Uint8Array(cols * rows).fill(Px.SURFACE);
  for (const polygon of rings) fillPolygon(flags, cols, rows, x0, y0, cellM, polygon);
  const distance = clearanceMap({ px: cellM, x0, y0, cols, rows, flags });

  const lattice: Lattice = { cols, rows, cellM, x0, y0, counts: new Uint16Array(cols * rows) };
  // clearanceMap measures from a cell's centre to the nearest region cell's edge. A point within the
  // radius of the region is in a cell within radius + 1.41 cells of it (its own cell's half-diagonal, the
  // region point's, a half cell where the region only clips a cell): such cells make the ring, which so
  // holds all that is in range and reaches at most 2.7 cells beyond it.
  const reach = radiusM + 1.5 * cellM;
  for (let i = 0; i < distance.length; i++) if (distance[i]! <= reach) lattice.counts[i] = 1;
  return latticeOutline(lattice, projection);
}

/**
 * Marks (flags 0) the cells of a polygon with holes: those whose centre is inside (even-odd along each
 * row), and those its rings pass through, so that parts thinner than a cell are not lost.
 */
function fillPolygon(
  flags: Uint8Array,
  cols: number,
  rows: number,
  x0: number,
  y0: number,
  cellM: number,
  polygon: [number, number][][],
): void {
  const crossings: number[][] = Array.from({ length: rows }, () => []);
  for (const ring of polygon) {
    for (let i = 1; i < ring.length; i++) {
      const [ax, ay] = ring[i - 1]!;
      const [bx, by] = ring[i]!;
      // Row centres y0 + (r + ½)·cellM in [min, max) of the edge: the half-open rule counts a vertex once.
      const lo = Math.max(0, Math.ceil((Math.min(ay, by) - y0) / cellM - 0.5));
      const hi = Math.min(rows - 1, Math.ceil((Math.max(ay, by) - y0) / cellM - 0.5) - 1);
      for (let r = lo; r <= hi; r++) {
        const y = y0 + (r + 0.5) * cellM;
        crossings[r]!.push(ax + ((y - ay) * (bx - ax)) / (by - ay));
      }
      const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / (cellM / 2)));
      for (let k = 0; k <= steps; k++) {
        const c = Math.floor((ax + ((bx - ax) * k) / steps - x0) / cellM);
        const r = Math.floor((ay + ((by - ay) * k) / steps - y0) / cellM);
        if (c >= 0 && r >= 0 && c < cols && r < rows) flags[r * cols + c] = 0;
      }
    }
  }
  crossings.forEach((xs, r) => {
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // Cells whose centre x0 + (c + ½)·cellM lies in [xs[k], xs[k+1]].
      const from = Math.max(0, Math.ceil((xs[k]! - x0) / cellM - 0.5));
      const to = Math.min(cols - 1, Math.floor((xs[k + 1]! - x0) / cellM - 0.5));
      if (from <= to) flags.fill(0, r * cols + from, r * cols + to + 1);
    }
  });
}
