import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-db.js';

describe('GET /health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports the backend and the PostGIS version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.backend).toBe(process.env.DATABASE_URL ? 'postgres' : 'embedded');
    // PostGIS 3.3 on Debian 12's server, 3.6 embedded; both are 3.x ≥ 3.3.
    expect(body.postgis).toMatch(/^3\.([3-9]|\d\d)\.\d+/);
  });

  it('answers unknown paths with the catalogued 404 body', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: expect.stringContaining('/api/nothing-here'),
    });
  });

  it('serves the OpenAPI document generated from the route schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/health'].get.responses['200']).toBeDefined();
  });
});

describe('GET /health without a database', () => {
  it('answers 503 UNAVAILABLE in words when the database has gone away', async () => {
    const t = await createTestApp();
    await t.db.close();
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('database') });
    await t.app.close();
    await t.drop();
  });
});
