import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { loadThreatTable } from '../analysis/load-threats.js';
import { errorResponses } from '../schemas/common.js';
import { bombThreat } from '../services/bomb-threat.js';
import { parseBombThreatRequest, type BombThreatRequest } from '../validation/bomb-threat-input.js';
import { strictValidator } from './request-checks.js';

export const threatRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const table = loadThreatTable();

  app.get(
    '/api/threats',
    {
      schema: {
        tags: ['analysis'],
        summary: 'The bomb stand-off chart: every row with its charge and evacuation distances',
      },
    },
    async () => ({
      source: table.source,
      edition: table.edition,
      rows: table.rows,
      vehicleCharges: Object.fromEntries(
        Object.entries(table.vehicleCharges).map(([c, v]) => [c, { row: v.row.key, source: v.source }]),
      ),
      minimumVehicleStandoffM: table.minimumVehicleStandoffM,
    }),
  );

  app.post(
    '/api/threats/bomb',
    {
      schema: {
        tags: ['analysis'],
        summary:
          'Bomb-threat scenario: evacuation rings, buildings to evacuate, cordon points, assembly areas',
        description:
          'For `location` [lon, lat] and a chart row (`threat`) or `chargeKg` (within the chart, interpolated in ' +
          'the cube root of the charge): the building and outdoor evacuation rings, the buildings inside each ' +
          '(by kind, nearest first), the points where roads (traffic) and paths (pedestrian) cross the outer ' +
          'ring, and open areas beyond it within `walkingDistanceM` (500 m), largest first. `siteId` limits the ' +
          'map data to the site’s import. A location outside every import → 422 OUTSIDE_IMPORTED_DATA.',
        body: Type.Object(
          {
            location: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }),
            threat: Type.Optional(Type.String()),
            chargeKg: Type.Optional(Type.Number()),
            siteId: Type.Optional(Type.String()),
            walkingDistanceM: Type.Optional(Type.Number()),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Unknown({
            description:
              'threat (charge, row, distances), rings (FeatureCollection), evacuate.building / evacuate.outdoor (count, byKind, buildings), cordonPoints (FeatureCollection of Points: cordon traffic | pedestrian, name, kind), assemblyAreas, attribution',
          }),
          ...errorResponses(400, 404, 413, 415, 422),
        },
      },
      validatorCompiler: strictValidator((body) => parseBombThreatRequest(body, table)),
    },
    async (request) => bombThreat(app.db, table, request.body as unknown as BombThreatRequest),
  );
};
