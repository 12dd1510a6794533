import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../errors.js';
import { ImportJobs } from '../import/import-jobs.js';
import { errorResponses } from '../schemas/common.js';
import { ImportJobSchema, SourceSchema } from '../schemas/imports.js';

/** A data set name from a client-supplied name: no path, bounded length; undefined when blank. */
function cleanName(raw: string | undefined): string | undefined {
  const name = path
    .basename(raw ?? '')
    .trim()
    .slice(0, 200);
  return name || undefined;
}

// busboy's words for a malformed multipart body; anything else from the parser stays a server error.
const MALFORMED_MULTIPART = /multipart|boundary|unexpected end/i;

export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const jobs = new ImportJobs(app.db, app.log);
  // A private directory per server (mode 0700 from mkdtemp), removed at shutdown.
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-uploads-'));
  app.addHook('onClose', async () => {
    await jobs.close();
    fs.rmSync(uploadDir, { recursive: true, force: true });
  });

  await app.register(multipart, { limits: { fileSize: app.config.maxUploadBytes, files: 1, fields: 4 } });

  app.post(
    '/api/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Upload an OSM extract (.osm.pbf, .osm, .osm.gz) or GeoJSON file and import it',
        description:
          'multipart/form-data with a `file` part and an optional `name` field. The same content replaces its data set; a given `name` replaces the data set of that name; without one the file name is used, numbered when taken. Answers 202 with a job to poll at GET /api/imports/:id, or with `?wait=true` the finished job (201) or the import error (4xx).',
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ wait: Type.Optional(Type.Boolean()) }),
        response: { 201: ImportJobSchema, 202: ImportJobSchema, ...errorResponses(400, 413, 415, 422, 503) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError('UPLOAD_MISSING', 'Send the file as multipart/form-data in a part named "file".');
      let stored: { file: string; fileName: string; sizeBytes: number } | undefined;
      let partial: string | undefined;
      let givenName: string | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (part.fieldname === 'name' && typeof part.value === 'string') givenName = part.value;
            continue;
          }
          if (part.fieldname !== 'file' || stored) {
            part.file.resume();
            continue;
          }
          partial = path.join(uploadDir, randomUUID());
          await pipeline(part.file, fs.createWriteStream(partial, { mode: 0o600 }));
          stored = { file: partial, fileName: part.filename, sizeBytes: part.file.bytesRead };
          if (part.file.truncated) {
            throw new AppError(
              'UPLOAD_TOO_LARGE',
              `The file is larger than the ${Math.round(app.config.maxUploadBytes / 2 ** 20)} MB upload limit (BULWARK_MAX_UPLOAD_MB).`,
            );
          }
        }
      } catch (error) {
        if (partial) fs.rmSync(partial, { force: true });
        if (
          !(error instanceof AppError) &&
          error instanceof Error &&
          MALFORMED_MULTIPART.test(error.message)
        ) {
          throw new AppError(
            'UPLOAD_MISSING',
            `The upload is not a complete multipart/form-data body (${error.message}).`,
          );
        }
        throw error;
      }
      if (!stored)
        throw new AppError('UPLOAD_MISSING', 'No file was uploaded: send it in a part named "file".');
      if (stored.sizeBytes === 0) {
        fs.rmSync(stored.file, { force: true });
        throw new AppError('OSM_EMPTY', 'The uploaded file is empty.');
      }

      let started;
      try {
        started = jobs.start(stored.file, {
          name: cleanName(givenName),
          fileName: cleanName(stored.fileName) ?? `upload ${new Date().toISOString()}`,
          sizeBytes: stored.sizeBytes,
        });
      } catch (error) {
        fs.rmSync(stored.file, { force: true });
        throw error;
      }
      const { job, done } = started;
      if (!request.query.wait) return reply.status(202).send(job);
      const finished = await done;
      if (finished.error) throw new AppError(finished.error.code, finished.error.message);
      return reply.status(201).send(finished);
    },
  );

  app.get(
    '/api/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Recent import jobs, newest first',
        response: { 200: Type.Object({ imports: Type.Array(ImportJobSchema) }) },
      },
    },
    async () => ({ imports: jobs.list() }),
  );

  app.get(
    '/api/imports/:id',
    {
      schema: {
        tags: ['imports'],
        summary: 'An import job: status, progress 0…1, and the summary with counts by category when done',
        params: Type.Object({ id: Type.String() }),
        response: { 200: ImportJobSchema, ...errorResponses(404) },
      },
    },
    async (request) => {
      const job = jobs.get(request.params.id);
      if (!job) throw new AppError('IMPORT_NOT_FOUND');
      return job;
    },
  );

  app.get(
    '/api/sources',
    {
      schema: {
        tags: ['imports'],
        summary: 'Imported data sets',
        response: { 200: Type.Object({ sources: Type.Array(SourceSchema) }) },
      },
    },
    async () => {
      const { rows } = await app.db.query<{ sources: unknown[] }>(
        `SELECT coalesce(json_agg(json_build_object(
           'id', id, 'name', name, 'format', format, 'sizeBytes', size_bytes, 'sha256', sha256,
           'bbox', CASE WHEN bbox IS NULL THEN NULL
                   ELSE json_build_array(ST_XMin(bbox), ST_YMin(bbox), ST_XMax(bbox), ST_YMax(bbox)) END,
           'counts', counts, 'importedAt', imported_at) ORDER BY id), '[]'::json) AS sources
         FROM osm_sources`,
      );
      return { sources: (rows[0]?.sources ?? []) as never[] };
    },
  );
};
