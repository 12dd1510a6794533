import { AppError } from '../errors.js';
import {
  SiteCreateBody,
  SitePatchBody,
  type SiteCreateInput,
  type SitePatchInput,
} from '../schemas/sites.js';
import { isRecord } from './feature-input.js';
import { validateGeometry } from './geometry.js';
import { schemaCheck } from './schema-check.js';

const AREA_RULES = {
  accept: ['Polygon'],
  subject: "A site's area of interest",
  path: 'areaOfInterest',
} as const;
const create = schemaCheck(SiteCreateBody);
const patch = schemaCheck(SitePatchBody);

function requireObject(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The request body must be a JSON object such as {"name": "Town square", "areaOfInterest": {"type": "Polygon", …}}.',
    );
  }
  return body;
}

function trimmedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '')
    throw new AppError('VALIDATION_FAILED', 'name must not be blank: give the site a name.');
  return trimmed;
}

/** A POST body checked: the area first (its problems have their own codes), then the other fields. */
export function parseSiteCreate(body: unknown): SiteCreateInput {
  const input = requireObject(body);
  const areaOfInterest =
    input.areaOfInterest === undefined ? undefined : validateGeometry(input.areaOfInterest, AREA_RULES);
  const checked = create.assert(areaOfInterest ? { ...input, areaOfInterest } : input, {
    root: '',
    code: 'VALIDATION_FAILED',
  });
  return { ...checked, name: trimmedName(checked.name) };
}

/** A PATCH body checked; at least one field besides the version. */
export function parseSitePatch(body: unknown): SitePatchInput {
  const input = requireObject(body);
  const areaOfInterest =
    input.areaOfInterest === undefined ? undefined : validateGeometry(input.areaOfInterest, AREA_RULES);
  const checked = patch.assert(areaOfInterest ? { ...input, areaOfInterest } : input, {
    root: '',
    code: 'VALIDATION_FAILED',
  });
  if (Object.keys(checked).every((key) => key === 'version')) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Nothing to change: send at least one of name, description, areaOfInterest, sourceId.',
    );
  }
  return checked.name === undefined ? checked : { ...checked, name: trimmedName(checked.name) };
}
