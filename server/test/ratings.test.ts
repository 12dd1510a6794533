import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recogniseRating } from '../src/analysis/rating-syntax.js';
import { repoRoot } from '../src/config.js';
import { createTestApp, type TestApp } from './helpers/test-db.js';

describe('GET /api/ratings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists the catalogue of data/ratings.json, every rating one the measures accept', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/ratings' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ description: string; ratings: { text: string; scheme: string }[] }>();
    const file = JSON.parse(readFileSync(path.join(repoRoot, 'data/ratings.json'), 'utf8')) as unknown;
    expect(body).toEqual(file);
    expect(body.ratings[0]).toEqual({
      text: 'V/1500[M1]/32/90:0',
      scheme: 'ISO 22343-1',
      description: 'car, 1500 kg at 32 km/h head-on, no penetration',
    });
    for (const rating of body.ratings) expect(recogniseRating(rating.text), rating.text).not.toBeNull();
  });

  it('is in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.json<{ paths: Record<string, unknown> }>().paths).toHaveProperty('/api/ratings');
  });
});
