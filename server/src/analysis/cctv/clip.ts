/**
 * polygon-clipping's boolean operations, made dependable on our inputs. Views swept from a camera carry
 * radial edges and near-coincident vertices (a wall end seen exactly along a ray), on which
 * polygon-clipping occasionally fails to close an output ring ("Unable to complete output ring"). Such a
 * failure is retried with every coordinate snapped to a millimetre grid, then a centimetre one: far below
 * what the data or a camera can tell, and enough to separate the near-coincident points.
 */
import polygonClipping, { type MultiPolygon, type Pair, type Polygon } from 'polygon-clipping';

type Geom = Polygon | MultiPolygon;

const GRIDS_M = [1e-3, 1e-2];

const snapped = (geom: Geom, grid: number): Geom => {
  const snap = (p: Pair): Pair => [Math.round(p[0] / grid) * grid, Math.round(p[1] / grid) * grid];
  if (geom.length === 0) return geom;
  const polygons = (typeof geom[0]![0]![0] === 'number' ? [geom] : geom) as MultiPolygon;
  return polygons.map((polygon) =>
    polygon.map((ring) =>
      ring.map(snap).filter((p, i, all) => i === 0 || p[0] !== all[i - 1]![0] || p[1] !== all[i - 1]![1]),
    ),
  );
};

function dependable(op: (subject: Geom, ...others: Geom[]) => MultiPolygon) {
  return (subject: Geom, ...others: Geom[]): MultiPolygon => {
    try {
      return op(subject, ...others);
    } catch (error) {
      for (const grid of GRIDS_M) {
        try {
          return op(snapped(subject, grid), ...others.map((g) => snapped(g, grid)));
        } catch {
          // the next, coarser grid
        }
      }
      throw error;
    }
  };
}

export const union = dependable(polygonClipping.union);
export const intersection = dependable(polygonClipping.intersection);
export const difference = dependable(polygonClipping.difference);
