import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { loadCameraPresets } from '../analysis/cctv/load-presets.js';
import { loadVehicleProfiles } from '../analysis/load-vehicles.js';
import { errorResponses } from '../schemas/common.js';
import {
  CameraPresetsSchema,
  CoverageRequestBody,
  CoverageResultSchema,
} from '../schemas/coverage-analysis.js';
import { CoverageAnalysisService } from '../services/coverage-analysis.js';
import { parseCoverageRequest, type CoverageRequest } from '../validation/coverage-input.js';
import { SiteParams, strictValidator } from './request-checks.js';

export const coverageAnalysisRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = new CoverageAnalysisService(app.db, app.approachAnalysis, loadVehicleProfiles());
  const presets = loadCameraPresets();

  app.get(
    '/api/camera-presets',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Common camera resolutions and lenses, to fill a camera measure from',
        response: { 200: CameraPresetsSchema },
      },
    },
    async () => presets,
  );

  app.post(
    '/api/sites/:id/analysis/coverage',
    {
      schema: {
        tags: ['analysis'],
        summary: 'CCTV coverage: what the cameras see of the zones, approach vectors and access points',
        description:
          'Each camera’s view on the ground (field of view, occlusion by buildings and walls with their ' +
          'heights, near blind zone) in EN 62676-4 detail bands; per protected zone the share of its area and ' +
          'perimeter seen at `detailLevel` and the blind spots; per approach vector the share of its last ' +
          '`vectorTailM` metres seen and whether its impact point is; per cordon access point, seen or not, ' +
          'and by which cameras; per camera its view on private property with a suggested privacy mask.',
        params: SiteParams,
        body: CoverageRequestBody,
        response: { 200: CoverageResultSchema, ...errorResponses(400, 404, 413, 415, 422) },
      },
      validatorCompiler: strictValidator(parseCoverageRequest),
    },
    async (request) => service.analyse(request.params.id, request.body as unknown as CoverageRequest),
  );
};
