import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { AppError } from '../errors.js';
import { siteFeaturesGeoJson } from '../repositories/site-features.js';
import { siteNotFound } from '../repositories/sites.js';
import { errorResponses } from '../schemas/common.js';
import { FeatureLayerSchema, ImportedFeatureCollection } from '../schemas/features.js';
import { isUuid } from '../validation/uuid.js';
import { SiteParams } from './request-checks.js';

const DEFAULT_FEATURE_LIMIT = 10_000;
const MAX_FEATURE_LIMIT = 50_000;

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_FEATURE_LIMIT;
  const limit = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= MAX_FEATURE_LIMIT)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `limit must be a whole number from 1 to ${MAX_FEATURE_LIMIT}, got "${raw}".`,
    );
  }
  return limit;
}

export const featureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/sites/:id/features',
    {
      schema: {
        tags: ['sites'],
        summary: 'Imported OSM features inside the site’s area of interest, as GeoJSON',
        description:
          'Features of the site’s own import (every import when the site has none) intersecting its area of ' +
          `interest, ordered by id. More than \`limit\` (default ${DEFAULT_FEATURE_LIMIT}) → 422 TOO_MANY_FEATURES.`,
        params: SiteParams,
        querystring: Type.Object({
          layer: Type.Optional(FeatureLayerSchema),
          limit: Type.Optional(
            Type.String({ description: `most features to return, 1–${MAX_FEATURE_LIMIT}` }),
          ),
        }),
        response: { 200: ImportedFeatureCollection, ...errorResponses(400, 404, 422) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!isUuid(id)) throw siteNotFound(id);
      const { layer } = request.query;
      const limit = parseLimit(request.query.limit);
      const result = await siteFeaturesGeoJson(app.db, id, { layer, limit });
      if (result.status === 'no-site') throw siteNotFound(id);
      if (result.status === 'too-many') {
        const ways = [
          ...(layer ? [] : ['one layer at a time']),
          ...(limit < MAX_FEATURE_LIMIT ? [`a larger limit (up to ${MAX_FEATURE_LIMIT})`] : []),
        ];
        throw new AppError(
          'TOO_MANY_FEATURES',
          `The site’s area holds more than ${limit} features${layer ? ` in the ${layer} layer` : ''}. ` +
            (ways.length ? `Ask for ${ways.join(' or ')}.` : 'Make the area smaller.'),
        );
      }
      // Already JSON text from PostGIS, shaped like the 200 schema: Fastify sends a JSON string as is, so
      // Node never parses and re-serialises the (possibly megabytes of) rows.
      const body = result.json as unknown as Static<typeof ImportedFeatureCollection>;
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );
};
