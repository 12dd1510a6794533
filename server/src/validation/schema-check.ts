import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';
import { AppError, type ErrorCode } from '../errors.js';

/**
 * Checks a value against a TypeBox schema and, when it does not fit, throws one catalogued error whose
 * message names the field and says what it must be ("properties.spacingM must be greater than 0, got -1"),
 * instead of JSON Schema's "must be > 0" at "/spacingM".
 */

const pointer = (path: string): string[] =>
  path
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));

function at(value: unknown, path: string): unknown {
  let current = value;
  for (const part of pointer(path)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** `/arr/0/k` under `properties` → `properties.arr[0].k`. */
const fieldName = (root: string, instancePath: string): string =>
  pointer(instancePath).reduce(
    (name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part),
    root,
  ) || 'the request body';

const shown = (value: unknown): string => {
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}…` : value}"`;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'a list' : value === undefined ? 'nothing' : 'an object';
};

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  integer: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

const COMPARISONS: Record<string, string> = {
  minimum: 'at least',
  maximum: 'at most',
  exclusiveMinimum: 'greater than',
  exclusiveMaximum: 'less than',
};

/** The field names an object schema allows, found from the error's schema path. */
function allowedFields(schema: TSchema, schemaPath: string): string[] {
  const objectPath = schemaPath.replace(/^#/, '').replace(/\/additionalProperties$/, '');
  const node = at(schema, objectPath) as { properties?: Record<string, unknown> } | undefined;
  return node?.properties ? Object.keys(node.properties) : [];
}

function sentence(
  error: TLocalizedValidationError,
  errors: TLocalizedValidationError[],
  schema: TSchema,
  value: unknown,
  root: string,
): string {
  const field = fieldName(root, error.instancePath);
  const got = at(value, error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'boolean':
    case 'additionalProperties': {
      const parentPath =
        error.keyword === 'boolean' ? error.instancePath.replace(/\/[^/]*$/, '') : error.instancePath;
      const extra =
        error.keyword === 'boolean'
          ? (pointer(error.instancePath).pop() ?? '')
          : String((params.additionalProperties as string[])[0]);
      const allowed = allowedFields(schema, error.schemaPath);
      return (
        `${fieldName(root, parentPath)} has a field "${extra}" that is not allowed here` +
        (allowed.length ? ` (allowed: ${allowed.join(', ')}).` : '.')
      );
    }
    case 'required':
      return `${field} is missing ${(params.requiredProperties as string[]).map((p) => `"${p}"`).join(', ')}.`;
    case 'type':
      return `${field} must be ${TYPE_WORDS[String(params.type)] ?? String(params.type)}, not ${shown(got)}.`;
    case 'enum':
      return `${field} must be one of ${(params.allowedValues as unknown[]).map(shown).join(', ')}, not ${shown(got)}.`;
    case 'const': {
      const choices = errors
        .filter((e) => e.keyword === 'const' && e.instancePath === error.instancePath)
        .map((e) => shown((e.params as { allowedValue: unknown }).allowedValue));
      return `${field} must be ${choices.length > 1 ? `one of ${choices.join(', ')}` : choices[0]}, not ${shown(got)}.`;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${field} must be ${COMPARISONS[error.keyword]} ${String(params.limit)}, not ${shown(got)}.`;
    case 'minLength':
      return params.limit === 1
        ? `${field} must not be empty.`
        : `${field} must have at least ${String(params.limit)} characters.`;
    case 'maxLength':
      return `${field} must have at most ${String(params.limit)} characters (it has ${typeof got === 'string' ? got.length : '?'}).`;
    case 'minItems':
      return `${field} must have at least ${String(params.limit)} items.`;
    case 'maxItems':
      return `${field} must have at most ${String(params.limit)} items (it has ${Array.isArray(got) ? got.length : '?'}).`;
    default:
      return `${field} ${error.message}.`;
  }
}

export interface SchemaCheck<T extends TSchema> {
  readonly schema: T;
  /** Returns `value` typed, or throws `code` with `prefix` + a sentence about the first problem. */
  assert(value: unknown, options: { root: string; code: ErrorCode; prefix?: string }): Static<T>;
}

/** Compiles `schema` once; `assert` checks values against it. */
export function schemaCheck<T extends TSchema>(schema: T): SchemaCheck<T> {
  const validator = Compile(schema);
  return {
    schema,
    assert(value, { root, code, prefix = '' }) {
      if (validator.Check(value)) return value as Static<T>;
      const errors = validator.Errors(value);
      const first = errors.find((e) => e.keyword !== 'anyOf') ?? errors[0];
      const message = first
        ? sentence(first, errors, schema, value, root)
        : `${root} is not in the expected form.`;
      // "the request body is missing…" starts a sentence; field names keep their case.
      throw new AppError(code, `${prefix}${prefix ? message : message.replace(/^the /, 'The ')}`);
    },
  };
}
