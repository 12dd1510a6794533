/**
 * The rating-string API the input validation uses (`validation/measure-input.ts`, `schemas/measures.ts`).
 * The parser itself is ./ratings.ts, the one place that reads rating strings; this module only names
 * what validation needs from it.
 */
import { tryParseRating, type Rating } from './ratings.js';

export { RATING_EXAMPLES, ratingHint } from './ratings.js';

/** The scheme and numbers of a crash-rating string, or null when it is not in a recognised form. */
export function recogniseRating(text: string): Rating | null {
  return tryParseRating(text);
}
