import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Queryable } from '../db/db.js';
import { OSM_ATTRIBUTION } from '../attribution.js';
import { AppError } from '../errors.js';
import { FEATURE_LAYERS } from '../import/feature-record.js';
import { siteNotFound } from '../repositories/sites.js';
import { tileDataState } from '../repositories/tile-features.js';
import { errorResponses } from '../schemas/common.js';
import { LAYER_MIN_ZOOM, renderTile } from '../tiles/render-tile.js';
import { MAX_TILE_ZOOM, parseTileAddress } from '../tiles/tile-address.js';
import { TileCache } from '../tiles/tile-cache.js';
import { isUuid } from '../validation/uuid.js';

/** Memory for rendered tiles; Monaco's measured 6 KB (z17) to 105 KB (z14) each. */
const TILE_CACHE_BYTES = 64 * 1024 * 1024;

const Restriction = Type.Object({
  source: Type.Optional(Type.String({ description: 'only this import (osm source id)' })),
  site: Type.Optional(
    Type.String({ description: 'only the import the site is planned on (all imports when it has none)' }),
  ),
});

function parseRestriction(query: { source?: string | undefined; site?: string | undefined }) {
  if (query.source !== undefined && query.site !== undefined) {
    throw new AppError('VALIDATION_FAILED', 'Restrict tiles to a source or to a site, not both.');
  }
  if (query.site !== undefined && !isUuid(query.site)) throw siteNotFound(query.site);
  if (query.source !== undefined && !/^\d{1,15}$/.test(query.source)) {
    throw new AppError('SOURCE_NOT_FOUND', `There is no imported data set with id "${query.source}".`);
  }
  return { siteId: query.site ?? null, sourceId: query.source === undefined ? null : Number(query.source) };
}

/**
 * The data generation and the import a request is restricted to (`source` null = every import); an
 * unknown site or source is a 404.
 */
async function resolveRestriction(
  db: Queryable,
  query: { source?: string | undefined; site?: string | undefined },
) {
  const { siteId, sourceId } = parseRestriction(query);
  const state = await tileDataState(db, { siteId, sourceId });
  if (siteId !== null && !state.siteFound) throw siteNotFound(siteId);
  if (sourceId !== null && !state.sourceFound) {
    throw new AppError('SOURCE_NOT_FOUND', `There is no imported data set with id ${sourceId}.`);
  }
  const source = siteId !== null ? state.siteSourceId : sourceId;
  const suffix = siteId !== null ? `?site=${siteId}` : sourceId !== null ? `?source=${sourceId}` : '';
  return { generation: state.generation, source, query: suffix };
}

export const tileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const cache = new TileCache(TILE_CACHE_BYTES);

  app.get(
    '/tiles/:z/:x/:y.pbf',
    {
      schema: {
        tags: ['basemap'],
        summary: 'Basemap vector tile (Mapbox Vector Tile v2) from the imported data',
        description:
          `Layers ${FEATURE_LAYERS.join(', ')} with properties kind, name, zLayer, bridge, tunnel, heightM; ` +
          'feature id = imported feature id. 204 when the tile holds nothing. Revalidate with If-None-Match.',
        params: Type.Object({
          z: Type.String({ description: `zoom, 0–${MAX_TILE_ZOOM}` }),
          x: Type.String({ description: 'column, 0 … 2^z − 1 from the west' }),
          y: Type.String({ description: 'row, 0 … 2^z − 1 from the north' }),
        }),
        querystring: Restriction,
        response: {
          200: {
            description: 'the tile',
            content: {
              'application/x-protobuf': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) },
            },
          },
          204: { description: 'no imported feature in this tile', type: 'null' },
          304: { description: 'unchanged since the ETag sent in If-None-Match', type: 'null' },
          ...errorResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const address = parseTileAddress(request.params);
      const { generation, source } = await resolveRestriction(app.db, request.query);
      const key = `${source ?? '*'}/${address.z}/${address.x}/${address.y}`;
      const etag = `"${createHash('sha1').update(generation).update(key).digest('base64url').slice(0, 20)}"`;
      // Tiles change only with an import: browsers keep them, and ask again with the ETag before reuse.
      reply.header('ETag', etag).header('Cache-Control', 'private, no-cache');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);

      let tile = cache.get(generation, key);
      if (tile === undefined) {
        tile = await renderTile(app.db, address, source);
        cache.set(generation, key, tile);
      }
      if (tile === null) return reply.code(204).send(null);
      return reply
        .type('application/x-protobuf')
        .send(Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength));
    },
  );

  app.get(
    '/tiles/tiles.json',
    {
      schema: {
        tags: ['basemap'],
        summary:
          'TileJSON 3.0 for the basemap tiles (a MapLibre vector source `url`), with the OSM attribution',
        querystring: Restriction,
        response: {
          200: Type.Object({
            tilejson: Type.Literal('3.0.0'),
            tiles: Type.Array(Type.String()),
            minzoom: Type.Integer(),
            maxzoom: Type.Integer(),
            attribution: Type.String(),
            vector_layers: Type.Array(
              Type.Object({ id: Type.String(), minzoom: Type.Integer(), maxzoom: Type.Integer() }),
            ),
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { query } = await resolveRestriction(app.db, request.query);
      // MapLibre fetches tiles from a worker, where a relative URL does not resolve: give an absolute one.
      const base = `${request.protocol}://${request.host}`;
      return {
        tilejson: '3.0.0' as const,
        tiles: [`${base}/tiles/{z}/{x}/{y}.pbf${query}`],
        minzoom: Math.min(...Object.values(LAYER_MIN_ZOOM)),
        maxzoom: MAX_TILE_ZOOM,
        attribution: OSM_ATTRIBUTION,
        vector_layers: FEATURE_LAYERS.map((id) => ({
          id,
          minzoom: LAYER_MIN_ZOOM[id],
          maxzoom: MAX_TILE_ZOOM,
        })),
      };
    },
  );
};
