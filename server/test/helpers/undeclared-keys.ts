/**
 * Paths of the keys in `value` that a JSON Schema (as TypeBox writes it) does not declare: an answer
 * serialised without its schema (JSON.stringify) must carry nothing its contract leaves out. Keys only,
 * not types; `properties`, `patternProperties`, `additionalProperties`, `items` and `anyOf` are followed,
 * and a schema without them (Unknown, `$ref`, `allOf`) accepts anything below it.
 */
interface Schema {
  type?: unknown;
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema | Schema[];
  anyOf?: Schema[];
}

export function undeclaredKeys(of: object, value: unknown, path = '$'): string[] {
  const schema = of as Schema;
  if (schema.anyOf) {
    // The branch the value fits best: one that declares all its keys, or else the first.
    const found = schema.anyOf.map((branch) => undeclaredKeys(branch, value, path));
    return found.find((keys) => keys.length === 0) ?? found[0] ?? [];
  }
  if (Array.isArray(value)) {
    const { items } = schema;
    if (!items) return [];
    return value.flatMap((v, i) =>
      undeclaredKeys(Array.isArray(items) ? (items[i] ?? {}) : items, v, `${path}[${i}]`),
    );
  }
  if (value === null || typeof value !== 'object' || schema.type !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const pattern = Object.entries(schema.patternProperties ?? {}).find(([p]) => new RegExp(p).test(key));
    const rest = schema.additionalProperties;
    const declared =
      schema.properties?.[key] ?? pattern?.[1] ?? (typeof rest === 'object' ? rest : undefined);
    if (declared) return undeclaredKeys(declared, v, `${path}.${key}`);
    return rest === true ? [] : [`${path}.${key}`];
  });
}
