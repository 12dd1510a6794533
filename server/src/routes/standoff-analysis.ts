import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { loadVehicleProfiles } from '../analysis/load-vehicles.js';
import { loadThreatTable } from '../analysis/load-threats.js';
import { errorResponses } from '../schemas/common.js';
import { StandoffRequestBody, StandoffResultSchema } from '../schemas/standoff-analysis.js';
import { standoffAnalysis } from '../services/standoff-analysis.js';
import { parseStandoffRequest, type StandoffRequest } from '../validation/standoff-input.js';
import { SiteParams, strictValidator } from './request-checks.js';

export const standoffAnalysisRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const catalogue = loadVehicleProfiles();
  const table = loadThreatTable();

  app.post(
    '/api/sites/:id/analysis/standoff',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Achieved standoff per protected zone and vehicle class, against the bomb stand-off chart',
        description:
          'The approach analysis with vehicles starting outside the perimeter (unless `starts` says ' +
          'otherwise): per zone and class the shortest distance from the zone to where the vehicle can get ' +
          '(a stopping measure’s penetration counted) and the point pair, read against the chart row of the ' +
          'class’s charge (or `charges`): whether it meets the building evacuation distance, the largest ' +
          'charge it fits (never extrapolated), and the 10 m floor; plus rings at the building distance ' +
          'around where each vehicle can get.',
        params: SiteParams,
        body: StandoffRequestBody,
        response: { 200: StandoffResultSchema, ...errorResponses(400, 404, 413, 415, 422) },
      },
      validatorCompiler: strictValidator((body) => parseStandoffRequest(body, catalogue, table)),
    },
    async (request) =>
      standoffAnalysis(
        app.approachAnalysis,
        table,
        request.params.id,
        request.body as unknown as StandoffRequest,
      ),
  );
};
