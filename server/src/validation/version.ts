import { AppError } from '../errors.js';
import { MAX_VERSION } from '../schemas/versioned.js';

/**
 * The version a change is based on, from an `If-Match: "<version>"` header or a `version` field in the
 * body (or the query, for DELETE); undefined when neither is given. Both given and different → 400 (which one did the client mean?).
 */
export function requestedVersion(
  ifMatch: string | string[] | undefined,
  bodyVersion: number | undefined,
): number | undefined {
  let headerVersion: number | undefined;
  if (ifMatch !== undefined) {
    const raw = Array.isArray(ifMatch) ? ifMatch.join(', ') : ifMatch;
    const match = raw.trim().match(/^"?(\d{1,10})"?$/);
    const value = match ? Number(match[1]) : NaN;
    if (!(value >= 1 && value <= MAX_VERSION)) {
      throw new AppError(
        'VALIDATION_FAILED',
        `If-Match must be the version you are changing, in quotes, for example If-Match: "3"; got ${raw}.`,
      );
    }
    headerVersion = value;
  }
  if (
    bodyVersion !== undefined &&
    !(Number.isInteger(bodyVersion) && bodyVersion >= 1 && bodyVersion <= MAX_VERSION)
  ) {
    throw new AppError(
      'VALIDATION_FAILED',
      `version must be the version you are changing (a whole number), not ${bodyVersion}.`,
    );
  }
  if (headerVersion !== undefined && bodyVersion !== undefined && headerVersion !== bodyVersion) {
    throw new AppError(
      'VALIDATION_FAILED',
      `If-Match says version ${headerVersion} but the body says version ${bodyVersion}: send one of them.`,
    );
  }
  return headerVersion ?? bodyVersion;
}

/** The version a PATCH is based on; 428 VERSION_REQUIRED without one. */
export function requiredVersion(
  ifMatch: string | string[] | undefined,
  bodyVersion: number | undefined,
  subject: string,
): number {
  const version = requestedVersion(ifMatch, bodyVersion);
  if (version === undefined) {
    throw new AppError(
      'VERSION_REQUIRED',
      `Say which version of ${subject} you are changing: send "version" (as returned when you read it) or an ` +
        'If-Match: "<version>" header, so a change made by someone else in the meantime is not overwritten.',
    );
  }
  return version;
}

/** Thrown when the stored version is not the one the change was based on. */
export function versionConflict(subject: string, current: number, requested: number): AppError {
  return new AppError(
    'VERSION_CONFLICT',
    `${subject} was changed by someone else: it is now at version ${current}, your change was based on version ` +
      `${requested}. Reload it, then apply your change again.`,
  );
}
