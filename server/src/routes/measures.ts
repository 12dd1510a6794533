import { measureRepository } from '../repositories/measures.js';
import {
  MeasureCollection,
  MeasureCreateBody,
  MeasureFeature,
  MeasurePatchBody,
} from '../schemas/measures.js';
import { parseMeasureCreate, parseMeasurePatch } from '../validation/measure-input.js';
import { siteItemRoutes } from './site-item-routes.js';

const KINDS_DESCRIPTION =
  'properties.kind and geometry: bollard_line, barrier, gate → LineString; chicane → LineString or Polygon; ' +
  'camera → Point; cordon → Polygon. Each kind has its own typed properties; unknown ones are refused.';

export const measureRoutes = siteItemRoutes({
  path: 'measures',
  idParam: 'measureId',
  noun: 'measure',
  schemas: {
    item: MeasureFeature,
    collection: MeasureCollection,
    create: MeasureCreateBody,
    patch: MeasurePatchBody,
  },
  describe: {
    create: KINDS_DESCRIPTION,
    patch:
      'A new geometry and/or changed properties (JSON merge patch: null removes a field), checked as a whole ' +
      `after merging. ${KINDS_DESCRIPTION}`,
  },
  parseCreate: parseMeasureCreate,
  parsePatch: parseMeasurePatch,
  repository: measureRepository,
});
