import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/**
 * JSON request bodies, strictly: `application/json` and `application/geo+json` only (text/plain is
 * refused with 415 rather than handed to a route as a string), a message that says where the JSON
 * breaks, and no value PostgreSQL or the analysis would choke on: `1e999` parses to Infinity, and
 * text with a NUL character or half a surrogate pair cannot be stored.
 */

type Parser = ReturnType<FastifyInstance['getDefaultJsonParser']>;

// A lone UTF-16 surrogate: JSON allows "\ud800", PostgreSQL's text and jsonb do not.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

interface Frame {
  value: unknown;
  key: string | number;
  parent: Frame | undefined;
}

/** `geometry.coordinates[0][1]` for the frame's place in the body. */
function where(frame: Frame): string {
  const keys: Array<string | number> = [];
  for (let f: Frame = frame; f.parent; f = f.parent) keys.unshift(f.key);
  const path = keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
  return path || 'the request body';
}

const badText = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/** The first value in a parsed body that cannot be stored, as an error; iterative, so any depth is safe. */
export function unstorableValue(body: unknown): AppError | undefined {
  const stack: Frame[] = [{ value: body, key: '', parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { value } = frame;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      return new AppError(
        'NON_FINITE_NUMBER',
        `${where(frame)} is too large to be a number (a JSON number such as 1e999 reads as infinity). ` +
          'Send ordinary finite numbers.',
      );
    }
    if (typeof value === 'string' && badText(value)) {
      return new AppError(
        'VALIDATION_FAILED',
        `${where(frame)} contains a character that cannot be stored (NUL or a broken character).`,
      );
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: frame });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (badText(key)) {
          return new AppError(
            'VALIDATION_FAILED',
            `A field name in ${where(frame)} contains a character that cannot be stored.`,
          );
        }
        stack.push({ value: child, key, parent: frame });
      }
    }
  }
  return undefined;
}

/** Where and why JSON.parse gave up, without echoing the body (it may hold a site's details). */
function syntaxDetail(message: string): string {
  if (/end of JSON input/i.test(message)) return ': it ends too early';
  const at = /^(.*) in JSON at position (\d+)/.exec(message);
  if (at)
    return ` at character ${Number(at[2]) + 1}: ${(at[1] ?? '').replace(/^\w/, (c) => c.toLowerCase())}`;
  const token = /^Unexpected token '(.+?)'/.exec(message);
  return token ? `: unexpected ${token[1]}` : '';
}

function syntaxProblem(text: string): string {
  try {
    JSON.parse(text);
    // JSON.parse accepts it, so Fastify's parser refused a "__proto__" or "constructor.prototype" key.
    return 'The request body uses a reserved field name ("__proto__" or "constructor").';
  } catch (error) {
    const nonJsonNumber = /(^|[[:,\s])-?(NaN|Infinity)\b/.test(text);
    return (
      `The request body is not valid JSON${syntaxDetail((error as Error).message)}.` +
      (nonJsonNumber ? ' NaN and Infinity are not JSON numbers: send finite numbers only.' : '')
    );
  }
}

function strictJson(defaultParser: Parser) {
  return (request: FastifyRequest, body: string, done: (error: Error | null, value?: unknown) => void) => {
    if (body.trim() === '') {
      done(new AppError('INVALID_JSON', 'The request body is empty: send JSON.'));
      return;
    }
    defaultParser(request, body, (error, value) => {
      if (error) {
        done(new AppError('INVALID_JSON', syntaxProblem(body)));
        return;
      }
      const problem = unstorableValue(value);
      if (problem) done(problem);
      else done(null, value);
    });
  };
}

const plugin: FastifyPluginAsync = async (app) => {
  const parser = strictJson(app.getDefaultJsonParser('error', 'error'));
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'application/geo+json'], { parseAs: 'string' }, parser);
};

// Registered on the root instance (not encapsulated), like fastify-plugin does, so every route gets it.
Object.assign(plugin, { [Symbol.for('skip-override')]: true });

export const jsonBody = plugin;
