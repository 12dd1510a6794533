import { EdgeKind, NodeKind, type GridInfo } from './graph.js';
import type { GraphBuilder } from './graph-builder.js';
import { Px, type Raster } from './raster.js';
import { walkClearance } from './raster-walk.js';

/** Pixels per cell side (odd, so a cell's centre is its middle pixel's centre). */
export const SUBPIXELS = 5;

/**
 * A cell's node sits on its pixel farthest from obstacles, up to this clearance (2 m, a 4 m clear width:
 * wider than any vehicle); among pixels at least this clear, the one nearest the cell centre. In the open
 * a node is its cell's centre; in a gap or a lane between obstacles it moves onto the gap's middle.
 */
const SNAP_CLEARANCE_M = 2;

/**
 * Neighbour offsets (dc, dr) of each cell, the forward half, so each undirected pair is tried once: the 4
 * king moves, then the 4 knight moves used with 16 neighbours.
 */
const FORWARD: readonly (readonly [number, number])[] = [
  [1, 0],
  [-1, 1],
  [0, 1],
  [1, 1],
  [-2, 1],
  [2, 1],
  [-1, 2],
  [1, 2],
];

/**
 * Cells joined to 8 neighbours (default) or 16 (adding knight moves). With 8, a straight run across open
 * space at heading θ is drawn as 0° and 45° moves, up to 8.2 % longer than the straight line (at 22.5°)
 * and turning 45° at each switch; with 16, up to 2.7 % longer, turning 18–27°. Measured on the Monaco
 * venues, 16 neighbours double the open-space edges and made the speed search 3–4× slower; the longer
 * 8-neighbour paths lengthen run-ups (speeds err high, the conservative side) and the corner model
 * tolerates the 45° zig-zags.
 */
export type GridNeighbours = 8 | 16;

export interface OpenGridInput {
  raster: Raster;
  /** Per pixel: metres to the nearest blocked pixel's edge, −1 on blocked pixels. */
  clearance: Float32Array;
  /** Per cell (row-major, cols × rows): 1 when the cell's centre is in the study area. */
  studyCells: Uint8Array;
  cellSizeM: number;
  maxClearWidthM: number;
  neighbours: GridNeighbours;
}

/**
 * Open-space cells as graph nodes at ground level, joined to their neighbours where the straight line
 * between the nodes stays on drivable pixels. A cell exists when it has an AREA pixel that is not
 * blocked. Edge width = 2 × the smallest clearance along the segment (capped): the clear width a vehicle
 * centred on the segment has.
 */
export function buildOpenGrid(builder: GraphBuilder, input: OpenGridInput): GridInfo {
  const { raster, clearance, studyCells, cellSizeM, maxClearWidthM } = input;
  const forward = FORWARD.slice(0, input.neighbours / 2);
  const { px, cols: pixelCols, flags } = raster;
  const cols = raster.cols / SUBPIXELS;
  const rows = raster.rows / SUBPIXELS;
  const half = (SUBPIXELS - 1) / 2;
  const cellNode = new Int32Array(cols * rows).fill(-1);
  const cellClearWidth = new Float32Array(cols * rows);
  const nodePixel = new Int32Array(cols * rows);

  for (let cr = 0; cr < rows; cr++) {
    for (let cc = 0; cc < cols; cc++) {
      const cell = cr * cols + cc;
      if (!studyCells[cell]) continue;
      let best = -1;
      let bestScore = -1;
      let bestOffset = Infinity;
      for (let dr = -half; dr <= half; dr++) {
        const rowBase = (cr * SUBPIXELS + half + dr) * pixelCols + cc * SUBPIXELS + half;
        for (let dc = -half; dc <= half; dc++) {
          const pixel = rowBase + dc;
          const clear = clearance[pixel]!;
          if (clear < 0 || !(flags[pixel]! & Px.AREA)) continue;
          const score = Math.min(clear, SNAP_CLEARANCE_M);
          const offset = dr * dr + dc * dc;
          if (score > bestScore || (score === bestScore && offset < bestOffset)) {
            best = pixel;
            bestScore = score;
            bestOffset = offset;
          }
        }
      }
      if (best < 0) continue;
      const c = best % pixelCols;
      const r = (best - c) / pixelCols;
      cellNode[cell] = builder.addNode(raster.x0 + c * px, raster.y0 + r * px, 0, NodeKind.cell);
      cellClearWidth[cell] = Math.min(2 * clearance[best]!, maxClearWidthM);
      nodePixel[cell] = best;
    }
  }

  const { x, y } = builder;
  const halfCap = maxClearWidthM / 2;
  for (let cr = 0; cr < rows; cr++) {
    for (let cc = 0; cc < cols; cc++) {
      const a = cellNode[cr * cols + cc]!;
      if (a < 0) continue;
      const clearA = clearance[nodePixel[cr * cols + cc]!]!;
      for (const [dc, dr] of forward) {
        const nc = cc + dc;
        const nr = cr + dr;
        if (nc < 0 || nc >= cols || nr >= rows) continue;
        const b = cellNode[nr * cols + nc]!;
        if (b < 0) continue;
        const length = Math.hypot(x[b]! - x[a]!, y[b]! - y[a]!);
        const clearB = clearance[nodePixel[nr * cols + nc]!]!;
        let clear: number;
        // A point at distances s and length − s from the ends has clearance ≥ max(clearA − s,
        // clearB − (length − s)) ≥ (clearA + clearB − length) / 2, and a pixel the segment passes is
        // within 0.71 px of such a point: when that bound reaches the cap, skip the walk.
        if ((clearA + clearB - length) / 2 - px >= halfCap) clear = halfCap;
        else {
          clear = walkClearance(raster, clearance, x[a]!, y[a]!, x[b]!, y[b]!);
          if (clear < 0) continue;
        }
        builder.addSegment(a, b, Math.min(2 * clear, maxClearWidthM), EdgeKind.open, -1);
      }
    }
  }

  return {
    cellSizeM,
    originX: raster.x0 + half * px,
    originY: raster.y0 + half * px,
    cols,
    rows,
    cellNode,
    cellClearWidth,
  };
}
