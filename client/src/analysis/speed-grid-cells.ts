/**
 * The speed map's open-space raster as rectangles for a deck.gl SolidPolygonLayer: each run of reached
 * cells along a row that falls in one colour band becomes one rectangle (tens of thousands of cells on a
 * venue become a few thousand shapes, which keeps panning smooth).
 */
import { GRID_UNREACHED, type SpeedGrid } from '../api/types.js';
import { SPEED_BANDS } from './speed-scale.js';

export interface SpeedCell {
  /** The rectangle's corners, [lon, lat]. */
  polygon: [number, number][];
  /** The highest speed in the run, km/h. */
  speedKmh: number;
}

const bandOf = (kmh: number) => SPEED_BANDS.findIndex((b) => b.toKmh === null || kmh < b.toKmh);

export function speedGridCells(grid: SpeedGrid): SpeedCell[] {
  const { cols, rows, originLonLat, cellSizeDeg } = grid;
  const speeds = Uint8Array.from(atob(grid.speedsKmh), (c) => c.charCodeAt(0));
  const [lon0, lat0] = originLonLat;
  const [dLon, dLat] = cellSizeDeg;
  const cells: SpeedCell[] = [];
  for (let row = 0; row < rows; row++) {
    // Cell (col, row) is centred at origin + (col, row) · size, rows from the south.
    const south = lat0 + (row - 0.5) * dLat;
    let col = 0;
    while (col < cols) {
      const first = speeds[row * cols + col] ?? GRID_UNREACHED;
      if (first === GRID_UNREACHED) {
        col++;
        continue;
      }
      const band = bandOf(first);
      let end = col + 1;
      let highest = first;
      while (end < cols) {
        const next = speeds[row * cols + end] ?? GRID_UNREACHED;
        if (next === GRID_UNREACHED || bandOf(next) !== band) break;
        highest = Math.max(highest, next);
        end++;
      }
      const west = lon0 + (col - 0.5) * dLon;
      const east = lon0 + (end - 0.5) * dLon;
      cells.push({
        polygon: [
          [west, south],
          [east, south],
          [east, south + dLat],
          [west, south + dLat],
        ],
        speedKmh: highest,
      });
      col = end;
    }
  }
  return cells;
}
