import { describe, expect, it } from 'vitest';
import { GRID_UNREACHED } from '../api/types.js';
import { speedGridCells } from './speed-grid-cells.js';
import { SPEED_BANDS, speedColour } from './speed-scale.js';

describe('speed colour scale', () => {
  it('bands at the crash-test speeds, the last one open', () => {
    expect(SPEED_BANDS.map((b) => b.fromKmh)).toEqual([0, 16, 32, 48, 64, 80]);
    expect(speedColour(47.9)).toBe(SPEED_BANDS[2]!.colour);
    expect(speedColour(48)).toBe(SPEED_BANDS[3]!.colour);
    expect(speedColour(200)).toBe(SPEED_BANDS[5]!.colour);
  });
});

describe('speed grid cells', () => {
  const grid = (cols: number, rows: number, bytes: number[]) => ({
    cellSizeM: 2.5,
    originLonLat: [10, 50] as [number, number],
    cellSizeDeg: [0.2, 0.1] as [number, number],
    cols,
    rows,
    encoding: 'uint8-base64' as const,
    speedsKmh: btoa(String.fromCharCode(...bytes)),
  });

  it('draws reached cells as squares around their centres, rows from the south', () => {
    const cells = speedGridCells(grid(2, 2, [30, GRID_UNREACHED, GRID_UNREACHED, 70]));
    expect(cells.map((c) => c.speedKmh)).toEqual([30, 70]);
    expect(cells[0]!.polygon[0]).toEqual([9.9, 49.95]);
    const [west, south] = cells[1]!.polygon[0]!;
    expect(west).toBeCloseTo(10.1);
    expect(south).toBeCloseTo(50.05);
  });

  it('joins a run of cells of one colour band along a row, with the run’s highest speed', () => {
    const cells = speedGridCells(grid(5, 1, [33, 40, 47, 50, GRID_UNREACHED]));
    expect(cells.map((c) => c.speedKmh)).toEqual([47, 50]);
    expect(cells[0]!.polygon[0]![0]).toBeCloseTo(9.9);
    expect(cells[0]!.polygon[1]![0]).toBeCloseTo(10.5);
  });
});
