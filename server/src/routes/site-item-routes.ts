import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import type { SiteItemRepository } from '../repositories/site-items.js';
import { errorResponses } from '../schemas/common.js';
import {
  deleteSchema,
  deleteVersion,
  etag,
  IfMatchHeader,
  patchVersion,
  SiteParams,
  strictValidator,
} from './request-checks.js';

/** A zone or measure as the API returns it. */
interface StoredItem {
  id: string;
  properties: { version: number };
}

/** What the routes read of a checked PATCH body: the id and version it names. */
interface ItemPatch {
  id?: string | undefined;
  properties?: { version?: number | undefined } | undefined;
}

export interface SiteItemRouteOptions<Input, Patch extends ItemPatch, Item extends StoredItem> {
  /** The path segment after the site and the OpenAPI tag. */
  path: 'zones' | 'measures';
  /** The item's id in the address (request-checks knows its not-found error). */
  idParam: 'zoneId' | 'measureId';
  /** The item as a noun: "protected zone". */
  noun: string;
  schemas: { item: TSchema; collection: TSchema; create: TSchema; patch: TSchema };
  /** What the OpenAPI document says of the POST and PATCH bodies. */
  describe: { create: string; patch: string };
  /** The body checkers: each returns the body normalised or throws an AppError. */
  parseCreate: (body: unknown) => Input;
  parsePatch: (body: unknown) => Patch;
  repository: SiteItemRepository<Input, Patch, Item>;
}

/**
 * The routes of one kind of site item: list and add at /api/sites/:id/<path>, read, change and delete
 * at /api/sites/:id/<path>/:<idParam>. Every answer with one item carries its version as ETag.
 */
export function siteItemRoutes<Input, Patch extends ItemPatch, Item extends StoredItem>(
  options: SiteItemRouteOptions<Input, Patch, Item>,
): FastifyPluginAsyncTypebox {
  const { path, idParam, noun, schemas, repository } = options;
  const listUrl = `/api/sites/:id/${path}`;
  const itemUrl = `${listUrl}/:${idParam}`;
  const ItemParams = Type.Object({
    id: SiteParams.properties.id,
    [idParam]: Type.String({ description: `${noun} id (uuid)` }),
  });
  // The path holds both ids whenever the route matched (and strictValidator checked them as uuids).
  const ids = (params: Record<string, string | undefined>) => ({
    siteId: params.id as string,
    id: params[idParam] as string,
  });

  return async (app) => {
    app.get(
      listUrl,
      {
        schema: {
          tags: [path],
          summary: `The site’s ${noun}s, as a FeatureCollection`,
          params: SiteParams,
          response: { 200: schemas.collection, ...errorResponses(404) },
        },
        validatorCompiler: strictValidator(),
      },
      async (request) => ({
        type: 'FeatureCollection' as const,
        features: await repository.list(app.db, request.params.id),
      }),
    );

    app.post(
      listUrl,
      {
        schema: {
          tags: [path],
          summary: `Add a ${noun}`,
          description: options.describe.create,
          params: SiteParams,
          body: schemas.create,
          response: { 201: schemas.item, ...errorResponses(400, 404, 413, 415, 422) },
        },
        validatorCompiler: strictValidator(options.parseCreate),
      },
      async (request, reply) => {
        // strictValidator put parseCreate's answer in the body.
        const item = await repository.create(app.db, request.params.id, request.body as Input);
        return reply
          .status(201)
          .header('location', `/api/sites/${request.params.id}/${path}/${item.id}`)
          .header('etag', etag(item.properties.version))
          .send(item);
      },
    );

    app.get(
      itemUrl,
      {
        schema: {
          tags: [path],
          summary: `One ${noun}`,
          params: ItemParams,
          response: { 200: schemas.item, ...errorResponses(404) },
        },
        validatorCompiler: strictValidator(),
      },
      async (request, reply) => {
        const { siteId, id } = ids(request.params);
        const item = await repository.get(app.db, siteId, id);
        return reply.header('etag', etag(item.properties.version)).send(item);
      },
    );

    app.patch(
      itemUrl,
      {
        schema: {
          tags: [path],
          summary: `Change a ${noun}`,
          description:
            `${options.describe.patch} Send the version you are changing as properties.version or If-Match: ` +
            'stale → 409, none → 428. The Feature as read may be sent back with its changes: its id must be ' +
            'the one in the address, createdAt and updatedAt are ignored.',
          params: ItemParams,
          headers: IfMatchHeader,
          body: schemas.patch,
          response: { 200: schemas.item, ...errorResponses(400, 404, 409, 413, 415, 422, 428) },
        },
        validatorCompiler: strictValidator(options.parsePatch),
      },
      async (request, reply) => {
        const patch = request.body as Patch; // parsePatch's answer
        const { siteId, id } = ids(request.params);
        const sent = { id: patch.id, version: patch.properties?.version };
        const version = patchVersion(request.headers['if-match'], sent, id, `the ${noun}`);
        const item = await repository.update(app.db, siteId, id, version, patch);
        return reply.header('etag', etag(item.properties.version)).send(item);
      },
    );

    app.delete(
      itemUrl,
      {
        schema: deleteSchema({ tag: path, summary: `Delete a ${noun}`, noun, params: ItemParams }),
        validatorCompiler: strictValidator(),
      },
      async (request, reply) => {
        const { siteId, id } = ids(request.params);
        await repository.remove(app.db, siteId, id, deleteVersion(request));
        return reply.status(204).send(null);
      },
    );
  };
}
