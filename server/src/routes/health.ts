import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../errors.js';
import { errorResponses } from '../schemas/common.js';

const Health = Type.Object({
  status: Type.Literal('ok'),
  backend: Type.Union([Type.Literal('embedded'), Type.Literal('postgres')]),
  postgis: Type.String({ description: 'PostGIS library version, e.g. 3.6.2' }),
  postgres: Type.String({ description: 'PostgreSQL server version' }),
});

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness, database backend and PostGIS version',
        response: { 200: Health, ...errorResponses(503) },
      },
    },
    async () => {
      const row = await app.db
        .query<{ postgis: string; postgres: string }>(
          "SELECT postgis_lib_version() AS postgis, current_setting('server_version') AS postgres",
        )
        .then(({ rows }) => rows[0])
        .catch((error: unknown) => {
          app.log.error({ err: error }, 'health check: the database is not answering');
          return undefined;
        });
      if (!row) throw new AppError('UNAVAILABLE', 'The database is not answering. Check that it is running.');
      return { status: 'ok' as const, backend: app.db.backend, postgis: row.postgis, postgres: row.postgres };
    },
  );
};
