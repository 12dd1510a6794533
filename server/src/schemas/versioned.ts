import { Type } from 'typebox';

/** Optimistic concurrency fields shared by sites, zones and measures. */

/** Versions are PostgreSQL integers. */
export const MAX_VERSION = 2_147_483_647;

/** `version` in a PATCH body: the version being changed (the alternative is an If-Match header). */
export const VersionField = Type.Integer({
  minimum: 1,
  maximum: MAX_VERSION,
  description: 'the version being changed (or send it as If-Match: "<version>")',
});

/** Read-only fields of a stored item. */
export const Stamp = {
  version: Type.Integer({
    minimum: 1,
    description: 'changes with every edit; send it back with PATCH (or as If-Match)',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};
