import { loadVehicleProfiles } from '../analysis/load-vehicles.js';
import { resolveProfiles } from '../analysis/vehicles.js';
import { AppError } from '../errors.js';
import {
  SiteCreateBody,
  SitePatchBody,
  type SiteCreateInput,
  type SitePatchInput,
} from '../schemas/sites.js';
import { validateGeometry } from './geometry.js';
import { isRecord } from './is-record.js';
import { schemaCheck, type SchemaCheck } from './schema-check.js';

const AREA_RULES = {
  accept: ['Polygon'],
  subject: "A site's area of interest",
  path: 'areaOfInterest',
} as const;
const create = schemaCheck(SiteCreateBody);
const patch = schemaCheck(SitePatchBody);

/** The body checked against `check`: the area first (its problems have their own codes), then the rest. */
function checkedBody<T extends typeof SiteCreateBody | typeof SitePatchBody>(
  body: unknown,
  check: SchemaCheck<T>,
) {
  if (!isRecord(body)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The request body must be a JSON object such as {"name": "Town square", "areaOfInterest": {"type": "Polygon", …}}.',
    );
  }
  const areaOfInterest =
    body.areaOfInterest === undefined ? undefined : validateGeometry(body.areaOfInterest, AREA_RULES);
  return check.assert(areaOfInterest ? { ...body, areaOfInterest } : body, {
    root: '',
    code: 'VALIDATION_FAILED',
  });
}

function trimmedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '')
    throw new AppError('VALIDATION_FAILED', 'name must not be blank: give the site a name.');
  return trimmed;
}

/** Vehicle overrides checked against the catalogue's classes, parameters and bounds (messages say "site"). */
function checkedOverrides<T extends { vehicleOverrides?: unknown }>(body: T): T {
  if (body.vehicleOverrides !== undefined)
    resolveProfiles(loadVehicleProfiles(), undefined, { site: body.vehicleOverrides });
  return body;
}

/** A POST body checked. */
export function parseSiteCreate(body: unknown): SiteCreateInput {
  const checked = checkedOverrides(checkedBody(body, create));
  return { ...checked, name: trimmedName(checked.name) };
}

/**
 * A PATCH body checked; at least one field to change. The read-only fields of a site as read (revision,
 * bbox, areaM2, createdAt, updatedAt) are dropped; the id is kept for the route to compare with the address.
 */
export function parseSitePatch(body: unknown): SitePatchInput {
  const { id, version, name, description, areaOfInterest, sourceId, vehicleOverrides } = checkedOverrides(
    checkedBody(body, patch),
  );
  if ([name, description, areaOfInterest, sourceId, vehicleOverrides].every((value) => value === undefined)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Nothing to change: send at least one of name, description, areaOfInterest, sourceId, vehicleOverrides.',
    );
  }
  const trimmed = name === undefined ? undefined : trimmedName(name);
  return { id, version, name: trimmed, description, areaOfInterest, sourceId, vehicleOverrides };
}
