/**
 * Puts PostGIS's `ST_IsValidReason` (GEOS topology errors, e.g. "Self-intersection[7.42 43.73]") into
 * words a planner understands, with the place as longitude/latitude and what to change.
 */

const REASONS: ReadonlyArray<readonly [RegExp, string, string]> = [
  [
    /^Ring Self-intersection/i,
    'its outline touches itself at a point',
    'move that corner so the outline only meets itself at the ends',
  ],
  [/^Self-intersection/i, 'its edges cross each other', 'move the corners so that no edge crosses another'],
  [/^Hole lies outside shell/i, 'a hole lies outside the outer ring', 'draw holes inside the outline'],
  [/^Holes are nested/i, 'a hole lies inside another hole', 'remove the inner hole'],
  [
    /^Interior is disconnected/i,
    'its holes cut it into separate pieces',
    'draw each piece as its own polygon',
  ],
  [/^Nested shells/i, 'one outline lies inside another', 'draw each outline as its own polygon'],
  [/^Duplicate Rings/i, 'two of its rings are the same', 'remove the repeated ring'],
  [
    /^Too few (distinct )?points/i,
    'a ring has too few distinct corners to enclose an area',
    'give it at least three different corners',
  ],
  [/^Ring is not closed/i, 'a ring does not end where it starts', 'repeat the first position at the end'],
  [/^Invalid Coordinate/i, 'a coordinate is not a number', 'send finite numbers'],
];

const LOCATION = /\[\s*(-?[\d.]+(?:e[-+]?\d+)?)\s+(-?[\d.]+(?:e[-+]?\d+)?)\s*\]\s*$/i;

/**
 * "its edges cross each other near longitude 7.42, latitude 43.73: move the corners so that no edge
 * crosses another" from "Self-intersection[7.42 43.73]".
 */
export function describePolygonProblem(reason: string): string {
  const match = REASONS.find(([pattern]) => pattern.test(reason.trim()));
  const what = match ? match[1] : `PostGIS reports "${reason.replace(LOCATION, '').trim()}"`;
  const at = reason.match(LOCATION);
  const near = at
    ? ` near longitude ${Number(Number(at[1]).toFixed(7))}, latitude ${Number(Number(at[2]).toFixed(7))}`
    : '';
  return `${what}${near}${match ? `: ${match[2]}` : ''}`;
}
