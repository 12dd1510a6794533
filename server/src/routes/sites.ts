import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  createSite,
  deleteSite,
  getSite,
  listSites,
  siteNotFound,
  updateSite,
} from '../repositories/sites.js';
import { errorResponses } from '../schemas/common.js';
import { SiteCreateBody, SiteList, SitePatchBody, SiteSchema } from '../schemas/sites.js';
import { parseSiteCreate, parseSitePatch } from '../validation/site-input.js';
import {
  deleteSchema,
  deleteVersion,
  etag,
  IfMatchHeader,
  patchVersion,
  SiteParams,
  strictValidator,
} from './request-checks.js';

export const siteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/sites',
    {
      schema: {
        tags: ['sites'],
        summary: 'All sites, by name (without their outlines: see bbox)',
        response: { 200: SiteList },
      },
    },
    async () => ({ sites: await listSites(app.db) }),
  );

  app.post(
    '/api/sites',
    {
      schema: {
        tags: ['sites'],
        summary: 'Create a site',
        description:
          'The area of interest is a GeoJSON Polygon (WGS84 [longitude, latitude]) that does not cross itself, ' +
          'of at most 100 km².',
        body: SiteCreateBody,
        response: { 201: SiteSchema, ...errorResponses(400, 404, 413, 415, 422) },
      },
      validatorCompiler: strictValidator(parseSiteCreate),
    },
    async (request, reply) => {
      const site = await createSite(app.db, request.body);
      return reply
        .status(201)
        .header('location', `/api/sites/${site.id}`)
        .header('etag', etag(site.version))
        .send(site);
    },
  );

  app.get(
    '/api/sites/:id',
    {
      schema: {
        tags: ['sites'],
        summary: 'One site',
        params: SiteParams,
        response: { 200: SiteSchema, ...errorResponses(404) },
      },
      validatorCompiler: strictValidator(),
    },
    async (request, reply) => {
      const site = await getSite(app.db, request.params.id);
      if (!site) throw siteNotFound(request.params.id);
      return reply.header('etag', etag(site.version)).send(site);
    },
  );

  app.patch(
    '/api/sites/:id',
    {
      schema: {
        tags: ['sites'],
        summary: 'Change a site',
        description:
          'Send the version you are changing as "version" or If-Match. A stale version → 409 and nothing ' +
          'changes; none → 428. A changed area or data source also bumps the revision. The site as read may be ' +
          'sent back with its changes: its id must be the one in the address, the read-only fields are ignored.',
        params: SiteParams,
        headers: IfMatchHeader,
        body: SitePatchBody,
        response: { 200: SiteSchema, ...errorResponses(400, 404, 409, 413, 415, 422, 428) },
      },
      validatorCompiler: strictValidator(parseSitePatch),
    },
    async (request, reply) => {
      const { id, version: bodyVersion, ...patch } = request.body;
      const ifMatch = request.headers['if-match'];
      const version = patchVersion(ifMatch, { id, version: bodyVersion }, request.params.id, 'the site');
      const site = await updateSite(app.db, request.params.id, version, patch);
      return reply.header('etag', etag(site.version)).send(site);
    },
  );

  app.delete(
    '/api/sites/:id',
    {
      schema: deleteSchema({
        tag: 'sites',
        summary: 'Delete a site with its zones and measures',
        noun: 'site',
        params: SiteParams,
      }),
      validatorCompiler: strictValidator(),
    },
    async (request, reply) => {
      await deleteSite(app.db, request.params.id, deleteVersion(request));
      return reply.status(204).send(null);
    },
  );
};
