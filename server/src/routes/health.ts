import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

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
        response: { 200: Health },
      },
    },
    async () => {
      const { rows } = await app.db.query<{ postgis: string; postgres: string }>(
        "SELECT postgis_lib_version() AS postgis, current_setting('server_version') AS postgres",
      );
      const row = rows[0];
      if (!row) throw new Error('health query returned no row');
      return { status: 'ok' as const, backend: app.db.backend, postgis: row.postgis, postgres: row.postgres };
    },
  );
};
