import fs from 'node:fs';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { AppError, ERROR_CATALOGUE, type ErrorBody, type ErrorCode } from './errors.js';
import { featureRoutes } from './routes/features.js';
import { healthRoutes } from './routes/health.js';
import { jsonBody } from './plugins/json-body.js';
import { measureRoutes } from './routes/measures.js';
import { siteRoutes } from './routes/sites.js';
import { zoneRoutes } from './routes/zones.js';
import { importRoutes } from './routes/imports.js';
import { tileRoutes } from './routes/tiles.js';
import { vehicleRoutes } from './routes/vehicles.js';
import { ratingRoutes } from './routes/ratings.js';
import { approachAnalysisRoutes } from './routes/approach-analysis.js';
import { standoffAnalysisRoutes } from './routes/standoff-analysis.js';
import { coverageAnalysisRoutes } from './routes/coverage-analysis.js';
import { threatRoutes } from './routes/threats.js';
import { loadVehicleProfiles } from './analysis/load-vehicles.js';
import { ApproachAnalysisService } from './services/approach-analysis.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    approachAnalysis: ApproachAnalysisService;
  }
}

export interface AppOptions {
  db: Db;
  config: Config;
  /** A pino logger; none in tests. */
  logger?: FastifyBaseLogger;
}

export type App = FastifyInstance;

// Fastify's own error codes → our catalogue, so clients see one vocabulary.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_REQ_FILE_TOO_LARGE: 'UPLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'VALIDATION_FAILED',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UPLOAD_MISSING',
};

function toErrorBody(error: FastifyError | AppError): ErrorBody {
  if (error instanceof AppError)
    return { statusCode: error.statusCode, code: error.code, message: error.message };
  if (error.validation) {
    const where = error.validationContext ?? 'request';
    return {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: `The ${where} is not in the expected form: ${error.message.replace(/^(body|querystring|params|headers)\/?/, '')}`,
    };
  }
  if (error instanceof SyntaxError)
    return { statusCode: 400, code: 'INVALID_JSON', message: ERROR_CATALOGUE.INVALID_JSON.message };
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped)
    return {
      statusCode: ERROR_CATALOGUE[mapped].status,
      code: mapped,
      message: ERROR_CATALOGUE[mapped].message,
    };
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500)
    return { statusCode: status, code: 'VALIDATION_FAILED', message: error.message };
  return { statusCode: 500, code: 'INTERNAL', message: ERROR_CATALOGUE.INTERNAL.message };
}

/** The whole HTTP app as one plugin tree: external plugins → app decorations → routes. */
export async function buildApp({ db, config, logger }: AppOptions): Promise<App> {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    bodyLimit: config.maxBodyBytes,
    // Coercion lets query strings carry numbers and booleans; bodies are JSON and already typed.
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('db', db);
  app.decorate('config', config);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toErrorBody(error);
    if (body.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code, message: body.message }, 'request refused');
    return reply.status(body.statusCode).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      statusCode: 404,
      code: 'NOT_FOUND',
      message: `Nothing is found at ${request.method} ${request.url.split('?')[0]}.`,
    };
    return reply.status(404).send(body);
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Bulwark API',
        version: '0.1.0',
        description:
          'Hostile vehicle mitigation planning: sites, imported OSM data, protected zones, measures and analyses.',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(jsonBody);
  await app.register(healthRoutes);
  await app.register(featureRoutes);
  await app.register(siteRoutes);
  await app.register(zoneRoutes);
  await app.register(measureRoutes);
  await app.register(tileRoutes);
  await app.register(importRoutes);
  await app.register(vehicleRoutes);
  await app.register(ratingRoutes);
  const approachAnalysis = new ApproachAnalysisService(db, loadVehicleProfiles(), config.analysisWorkers);
  app.decorate('approachAnalysis', approachAnalysis);
  // Analysis workers load their modules in a second or two: at start, not on the first analysis.
  app.addHook('onListen', () => approachAnalysis.start());
  app.addHook('onClose', () => approachAnalysis.close());
  await app.register(approachAnalysisRoutes);
  await app.register(standoffAnalysisRoutes);
  await app.register(coverageAnalysisRoutes);
  await app.register(threatRoutes);

  if (fs.existsSync(config.clientDir)) {
    await app.register(fastifyStatic, { root: config.clientDir, prefix: '/', wildcard: false });
  }
  return app;
}
