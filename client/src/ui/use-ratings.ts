/**
 * The rating catalogue from the server (GET /api/ratings), read once per page: the same list the server's
 * documentation shows. Without it the rating fields still take any text the server's parser accepts.
 */
import { useEffect, useState } from 'react';
import { listRatings } from '../api/endpoints.js';
import type { RatingEntry } from '../api/types.js';

let request: Promise<RatingEntry[]> | null = null;

export function useRatings(): readonly RatingEntry[] {
  const [ratings, setRatings] = useState<readonly RatingEntry[]>([]);
  useEffect(() => {
    let live = true;
    request ??= listRatings().catch(() => {
      // Asked again by the next form that opens, once the server answers.
      request = null;
      return [];
    });
    void request.then((list) => {
      if (live) setRatings(list);
    });
    return () => {
      live = false;
    };
  }, []);
  return ratings;
}
