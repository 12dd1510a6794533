import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { loadVehicleProfiles } from '../analysis/load-vehicles.js';
import { ApproachRequestBody, ApproachResultSchema } from '../schemas/approach-analysis.js';
import { errorResponses } from '../schemas/common.js';
import { parseApproachRequest, type ApproachRequest } from '../validation/approach-input.js';
import { SiteParams, strictValidator } from './request-checks.js';

export const approachAnalysisRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const catalogue = loadVehicleProfiles();
  const service = app.approachAnalysis;

  app.post(
    '/api/sites/:id/analysis/approach',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Vehicle dynamics assessment: approach vectors, impact speeds, speed map per vehicle class',
        description:
          'For every protected zone of the site and every vehicle class asked for (all six by default): each ' +
          'distinct way in with its path, run-up, speed profile, impact speed, angle and energy, the rating ' +
          'that would stop it and what the site’s measures do to it; the speed reachable over the study area ' +
          'and the outline of the region the vehicle can reach; a summary per zone and class; and every ' +
          'parameter used with its source. Results are cached per site revision and request; a change to the ' +
          'measures reuses the traversable space, a change to the zones or the imported data rebuilds it. ' +
          'A site without protected zones → 422 NO_PROTECTED_ZONES.',
        params: SiteParams,
        body: ApproachRequestBody,
        response: { 200: ApproachResultSchema, ...errorResponses(400, 404, 413, 415, 422) },
      },
      validatorCompiler: strictValidator((body) => parseApproachRequest(body, catalogue)),
      // The answer is large (0.6–4 MB at a Monaco venue) and mostly GeoJSON coordinates: the native
      // JSON.stringify takes it in a few milliseconds from the first call, where the schema's compiled
      // serializer ran unoptimised on a fresh server's first answer (100–190 ms more). The schema stays
      // the contract (an API test checks that an answer carries no key the schema leaves out).
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    // strictValidator put parseApproachRequest's answer in the body.
    async (request) => service.analyse(request.params.id, request.body as unknown as ApproachRequest),
  );
};
