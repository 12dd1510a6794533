import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { repoRoot } from '../config.js';
import { RatingCatalogueSchema, type RatingCatalogue } from '../schemas/ratings.js';

const RATINGS_FILE = path.join(repoRoot, 'data/ratings.json');

let catalogue: RatingCatalogue | undefined;

export const ratingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/ratings',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Crash-rating strings in their published forms, to pick from',
        description:
          'The catalogue of data/ratings.json: one rating per common case of each scheme (ISO 22343-1, ' +
          'IWA 14-1, PAS 68, ASTM F2656, DoS K), each of which the measures accept. A measure may carry any ' +
          'other rating in a recognised form.',
        response: { 200: RatingCatalogueSchema },
      },
    },
    // Read once, on first use: the file ships with the server and does not change while it runs.
    async () => (catalogue ??= JSON.parse(readFileSync(RATINGS_FILE, 'utf8')) as RatingCatalogue),
  );
};
