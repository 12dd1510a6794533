/** A JSON object (not null, not a list): what a parsed request body or GeoJSON member must be to be read by key. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
