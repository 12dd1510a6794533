import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createZone, deleteZone, getZone, listZones, updateZone } from '../repositories/zones.js';
import { errorResponses } from '../schemas/common.js';
import { ZoneCollection, ZoneCreateBody, ZoneFeature, ZonePatchBody } from '../schemas/zones.js';
import { requestedVersion, requiredVersion } from '../validation/version.js';
import { parseZoneCreate, parseZonePatch, type ZoneCreate } from '../validation/zone-input.js';
import { Deleted, DeleteQuery, etag, IfMatchHeader, strictValidator } from './request-checks.js';

const SiteParams = Type.Object({ id: Type.String({ description: 'site id (uuid)' }) });
const ZoneParams = Type.Object({
  id: Type.String({ description: 'site id (uuid)' }),
  zoneId: Type.String({ description: 'zone id (uuid)' }),
});

export const zoneRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/sites/:id/zones',
    {
      schema: {
        tags: ['zones'],
        summary: 'The site’s protected zones, as a FeatureCollection',
        params: SiteParams,
        response: { 200: ZoneCollection, ...errorResponses(404) },
      },
      validatorCompiler: strictValidator(),
    },
    async (request) => ({
      type: 'FeatureCollection' as const,
      features: await listZones(app.db, request.params.id),
    }),
  );

  app.post(
    '/api/sites/:id/zones',
    {
      schema: {
        tags: ['zones'],
        summary: 'Add a protected zone',
        description:
          'A GeoJSON Feature with a Polygon geometry and properties { name, kind? (crowd), notes? }.',
        params: SiteParams,
        body: ZoneCreateBody,
        response: { 201: ZoneFeature, ...errorResponses(400, 404, 413, 415, 422) },
      },
      validatorCompiler: strictValidator(parseZoneCreate),
    },
    async (request, reply) => {
      // parseZoneCreate normalised the body (kind defaulted), so it is a ZoneCreate.
      const zone = await createZone(app.db, request.params.id, request.body as ZoneCreate);
      return reply
        .status(201)
        .header('location', `/api/sites/${request.params.id}/zones/${zone.id}`)
        .header('etag', etag(zone.properties.version))
        .send(zone);
    },
  );

  app.get(
    '/api/sites/:id/zones/:zoneId',
    {
      schema: {
        tags: ['zones'],
        summary: 'One protected zone',
        params: ZoneParams,
        response: { 200: ZoneFeature, ...errorResponses(404) },
      },
      validatorCompiler: strictValidator(),
    },
    async (request, reply) => {
      const zone = await getZone(app.db, request.params.id, request.params.zoneId);
      return reply.header('etag', etag(zone.properties.version)).send(zone);
    },
  );

  app.patch(
    '/api/sites/:id/zones/:zoneId',
    {
      schema: {
        tags: ['zones'],
        summary: 'Change a protected zone',
        description:
          'A new geometry and/or properties (null removes notes). Send the version you are changing as ' +
          'properties.version or If-Match: stale → 409, none → 428.',
        params: ZoneParams,
        headers: IfMatchHeader,
        body: ZonePatchBody,
        response: { 200: ZoneFeature, ...errorResponses(400, 404, 409, 413, 415, 422, 428) },
      },
      validatorCompiler: strictValidator(parseZonePatch),
    },
    async (request, reply) => {
      const version = requiredVersion(
        request.headers['if-match'],
        request.body.properties?.version,
        'the protected zone',
      );
      const zone = await updateZone(app.db, request.params.id, request.params.zoneId, version, request.body);
      return reply.header('etag', etag(zone.properties.version)).send(zone);
    },
  );

  app.delete(
    '/api/sites/:id/zones/:zoneId',
    {
      schema: {
        tags: ['zones'],
        summary: 'Delete a protected zone',
        description:
          'With If-Match or ?version=, only when the zone is still at that version (409 otherwise).',
        params: ZoneParams,
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
      await deleteZone(app.db, request.params.id, request.params.zoneId, version);
      return reply.status(204).send(null);
    },
  );
};
