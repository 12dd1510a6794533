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

/** The names of the `Stamp` fields: in a PATCH body they change nothing (the version says what is changed). */
export const STAMP_FIELDS: readonly string[] = Object.keys(Stamp);

/**
 * A read-only field in a PATCH body, accepted and ignored, so that a client can send back what a GET
 * returned with its changes in it.
 */
export const IgnoredReadOnly = Type.Optional(
  Type.Unknown({ description: 'read-only: may be sent back as read, and is ignored' }),
);

/** The stamps in a PATCH body: the version it is based on; the times as read (ignored). */
export const PatchStamp = {
  version: Type.Optional(VersionField),
  createdAt: IgnoredReadOnly,
  updatedAt: IgnoredReadOnly,
};

/** An item's own id in a PATCH body, as a GET returned it: it must be the id in the address. */
export const EchoedId = Type.Optional(
  Type.String({ description: 'as read; if sent, it must be the id in the address' }),
);
