import type { FastifySchemaCompiler } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { AppError, type ErrorCode } from '../errors.js';
import { errorResponses } from '../schemas/common.js';
import { schemaCheck } from '../validation/schema-check.js';
import { isUuid } from '../validation/uuid.js';
import { requestedVersion, requiredVersion } from '../validation/version.js';

/**
 * Request validation and the request parts shared by the site, zone and measure routes. The route schemas
 * make the OpenAPI document; the checking is ours, so every problem gets its catalogued code and a sentence
 * (WRONG_GEOMETRY_TYPE, INVALID_MEASURE…) instead of a generic JSON Schema message, and nothing coerces a
 * value behind our back.
 */

const ID_PARAMS: Record<string, { code: ErrorCode; noun: string }> = {
  id: { code: 'SITE_NOT_FOUND', noun: 'site' },
  zoneId: { code: 'ZONE_NOT_FOUND', noun: 'protected zone' },
  measureId: { code: 'MEASURE_NOT_FOUND', noun: 'measure' },
};

/** An id that is not a uuid names nothing (404), and must never reach PostgreSQL's uuid cast (a 500). */
function checkIds(params: Record<string, unknown>): void {
  for (const [name, { code, noun }] of Object.entries(ID_PARAMS)) {
    const value = params[name];
    if (typeof value === 'string' && !isUuid(value))
      throw new AppError(code, `There is no ${noun} with id "${value}".`);
  }
}

const result = (check: () => unknown) => {
  try {
    return { value: check() };
  } catch (error) {
    return { error: error as Error };
  }
};

/**
 * A route `validatorCompiler`: the body by `parseBody` (which returns it normalised or throws an
 * AppError), ids in the path as uuids, the other parts against their TypeBox schemas.
 */
export const strictValidator =
  (parseBody?: (body: unknown) => unknown): FastifySchemaCompiler<TSchema> =>
  ({ schema, httpPart }) => {
    if (httpPart === 'body') {
      if (!parseBody) throw new Error('a route with a body schema needs a body parser');
      return (data: unknown) => result(() => parseBody(data));
    }
    const check = schemaCheck(schema);
    const root =
      httpPart === 'querystring' ? 'the query' : httpPart === 'headers' ? 'the headers' : 'the address';
    return (data: unknown) =>
      result(() => {
        if (httpPart === 'params') checkIds(data as Record<string, unknown>);
        return check.assert(data, { root, code: 'VALIDATION_FAILED' });
      });
  };

/** The version as an entity tag, for ETag headers (and to send back as If-Match). */
export const etag = (version: number) => `"${version}"`;

/** `/api/sites/:id…` */
export const SiteParams = Type.Object({ id: Type.String({ description: 'site id (uuid)' }) });

export const IfMatchHeader = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'the version being changed, in quotes: "3"' })),
});

const DeleteQuery = Type.Object({
  version: Type.Optional(
    Type.String({
      pattern: '^[0-9]{1,10}$',
      description: 'delete only if still at this version (or send If-Match)',
    }),
  ),
});

/** The OpenAPI schema of a DELETE of one versioned item (a site, zone or measure) at `params`. */
export const deleteSchema = <P extends TSchema>({
  tag,
  summary,
  noun,
  params,
}: {
  tag: string;
  summary: string;
  /** The item in the description: "site". */
  noun: string;
  params: P;
}) => ({
  tags: [tag],
  summary,
  description: `With If-Match or ?version=, only when the ${noun} is still at that version (409 otherwise).`,
  params,
  headers: IfMatchHeader,
  querystring: DeleteQuery,
  response: { 204: Type.Null({ description: 'deleted' }), ...errorResponses(400, 404, 409) },
});

/** The version a DELETE is conditional on, from If-Match or ?version= (neither: delete whatever is there). */
export function deleteVersion(request: {
  headers: { 'if-match'?: string | string[] | undefined };
  query: { version?: string | undefined };
}): number | undefined {
  const { version } = request.query;
  return requestedVersion(request.headers['if-match'], version === undefined ? undefined : Number(version));
}

/**
 * The version a PATCH changes: If-Match or the body's version (428 without either). The body may carry the
 * item's id as it was read (a client sending back what it read); the address says which item is changed,
 * so any other id is refused rather than ignored.
 */
export function patchVersion(
  ifMatch: string | string[] | undefined,
  body: { id?: string | undefined; version?: number | undefined },
  pathId: string,
  subject: string,
): number {
  if (body.id !== undefined && body.id.toLowerCase() !== pathId.toLowerCase()) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The body's id "${body.id}" is not the id in the address ("${pathId}"): send the change to the address ` +
        'of the item it was read from, or leave the id out.',
    );
  }
  return requiredVersion(ifMatch, body.version, subject);
}
