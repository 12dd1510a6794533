import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  createMeasure,
  deleteMeasure,
  getMeasure,
  listMeasures,
  updateMeasure,
} from '../repositories/measures.js';
import { errorResponses } from '../schemas/common.js';
import {
  MeasureCollection,
  MeasureCreateBody,
  MeasureFeature,
  MeasurePatchBody,
} from '../schemas/measures.js';
import { parseMeasureCreate, parseMeasurePatch } from '../validation/measure-input.js';
import { requestedVersion, requiredVersion } from '../validation/version.js';
import { Deleted, DeleteQuery, etag, IfMatchHeader, strictValidator } from './request-checks.js';

const SiteParams = Type.Object({ id: Type.String({ description: 'site id (uuid)' }) });
const MeasureParams = Type.Object({
  id: Type.String({ description: 'site id (uuid)' }),
  measureId: Type.String({ description: 'measure id (uuid)' }),
});

const KINDS_DESCRIPTION =
  'properties.kind and geometry: bollard_line, barrier, gate → LineString; chicane → LineString or Polygon; ' +
  'camera → Point; cordon → Polygon. Each kind has its own typed properties; unknown ones are refused.';

export const measureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/sites/:id/measures',
    {
      schema: {
        tags: ['measures'],
        summary: 'The site’s measures, as a FeatureCollection',
        params: SiteParams,
        response: { 200: MeasureCollection, ...errorResponses(404) },
      },
      validatorCompiler: strictValidator(),
    },
    async (request) => ({
      type: 'FeatureCollection' as const,
      features: await listMeasures(app.db, request.params.id),
    }),
  );

  app.post(
    '/api/sites/:id/measures',
    {
      schema: {
        tags: ['measures'],
        summary: 'Add a measure',
        description: KINDS_DESCRIPTION,
        params: SiteParams,
        body: MeasureCreateBody,
        response: { 201: MeasureFeature, ...errorResponses(400, 404, 413, 415, 422) },
      },
      validatorCompiler: strictValidator(parseMeasureCreate),
    },
    async (request, reply) => {
      const measure = await createMeasure(app.db, request.params.id, request.body);
      return reply
        .status(201)
        .header('location', `/api/sites/${request.params.id}/measures/${measure.id}`)
        .header('etag', etag(measure.properties.version))
        .send(measure);
    },
  );

  app.get(
    '/api/sites/:id/measures/:measureId',
    {
      schema: {
        tags: ['measures'],
        summary: 'One measure',
        params: MeasureParams,
        response: { 200: MeasureFeature, ...errorResponses(404) },
      },
      validatorCompiler: strictValidator(),
    },
    async (request, reply) => {
      const measure = await getMeasure(app.db, request.params.id, request.params.measureId);
      return reply.header('etag', etag(measure.properties.version)).send(measure);
    },
  );

  app.patch(
    '/api/sites/:id/measures/:measureId',
    {
      schema: {
        tags: ['measures'],
        summary: 'Change a measure',
        description:
          'A new geometry and/or changed properties (JSON merge patch: null removes a field), checked as a whole ' +
          `after merging. ${KINDS_DESCRIPTION} Send the version you are changing as properties.version or ` +
          'If-Match: stale → 409, none → 428.',
        params: MeasureParams,
        headers: IfMatchHeader,
        body: MeasurePatchBody,
        response: { 200: MeasureFeature, ...errorResponses(400, 404, 409, 413, 415, 422, 428) },
      },
      validatorCompiler: strictValidator(parseMeasurePatch),
    },
    async (request, reply) => {
      const version = requiredVersion(
        request.headers['if-match'],
        request.body.properties?.version,
        'the measure',
      );
      const measure = await updateMeasure(
        app.db,
        request.params.id,
        request.params.measureId,
        version,
        request.body,
      );
      return reply.header('etag', etag(measure.properties.version)).send(measure);
    },
  );

  app.delete(
    '/api/sites/:id/measures/:measureId',
    {
      schema: {
        tags: ['measures'],
        summary: 'Delete a measure',
        description:
          'With If-Match or ?version=, only when the measure is still at that version (409 otherwise).',
        params: MeasureParams,
        headers: IfMatchHeader,
        querystring: DeleteQuery,
        response: { 204: Deleted, ...errorResponses(400, 404, 409) },
      },
      validatorCompiler: strictValidator(),
    },
    async (request, reply) => {
      const query = request.query.version;
      const version = requestedVersion(
        request.headers['if-match'],
        query === undefined ? undefined : Number(query),
      );
      await deleteMeasure(app.db, request.params.id, request.params.measureId, version);
      return reply.status(204).send(null);
    },
  );
};
