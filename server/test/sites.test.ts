import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-db.js';
import { MONACO, offset, square } from './helpers/geometry.js';

describe('sites API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const post = (payload: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/sites', payload: payload as object });
  const get = (id: string) => t.app.inject({ method: 'GET', url: `/api/sites/${id}` });
  const patch = (id: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'PATCH', url: `/api/sites/${id}`, payload, headers });
  const count = async (table: string) =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n;

  it('creates a site and returns it as stored: exact outline, area and bbox from PostGIS', async () => {
    const area = square(100);
    const res = await post({
      name: '  Place de la Visitation ',
      description: 'market square',
      areaOfInterest: area,
    });
    expect(res.statusCode).toBe(201);
    const site = res.json();
    expect(site).toMatchObject({
      name: 'Place de la Visitation',
      description: 'market square',
      sourceId: null,
      version: 1,
      revision: 1,
    });
    expect(site.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.location).toBe(`/api/sites/${site.id}`);
    expect(res.headers.etag).toBe('"1"');
    // 7-decimal input comes back exactly.
    expect(site.areaOfInterest).toEqual(area);
    const ring = area.coordinates[0] as number[][];
    const lons = ring.map((p) => p[0] as number);
    const lats = ring.map((p) => p[1] as number);
    expect(site.bbox).toEqual([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]);
    // A 100 m square is 10 000 m² (within 0.5 %, the rounding of its corners to 7 decimals) …
    expect(site.areaM2).toBeGreaterThan(9950);
    expect(site.areaM2).toBeLessThan(10050);
    // … and exactly what PostGIS says of the stored geometry.
    const { rows } = await t.db.query<{ a: number }>(
      'SELECT ST_Area(area_of_interest::geography) AS a FROM sites WHERE id = $1',
      [site.id],
    );
    expect(site.areaM2).toBeCloseTo(rows[0]?.a as number, 1);
    expect(site.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(site.updatedAt).toBe(site.createdAt);

    const again = await get(site.id);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(site);
    expect(again.headers.etag).toBe('"1"');
  });

  it('lists sites by name with bbox and area but without the outline', async () => {
    await post({ name: 'Another site', areaOfInterest: square(50, offset(MONACO, 500, 0)) });
    const res = await t.app.inject({ method: 'GET', url: '/api/sites' });
    expect(res.statusCode).toBe(200);
    const { sites } = res.json();
    expect(sites.map((s: { name: string }) => s.name)).toEqual(['Another site', 'Place de la Visitation']);
    expect(sites[0]).not.toHaveProperty('areaOfInterest');
    expect(sites[0].bbox).toHaveLength(4);
    expect(sites[0].areaM2).toBeGreaterThan(2450);
    expect(sites[0].areaM2).toBeLessThan(2550);
  });

  it('changes a site with the version in the body or If-Match, bumping version and updatedAt', async () => {
    const site = (await post({ name: 'Versioned', areaOfInterest: square(80) })).json();
    const renamed = await patch(site.id, { version: 1, name: 'Renamed' });
    expect(renamed.statusCode).toBe(200);
    const body = renamed.json();
    expect(body).toMatchObject({ name: 'Renamed', version: 2, revision: 1, description: '' });
    expect(body.updatedAt > site.updatedAt).toBe(true);
    expect(body.createdAt).toBe(site.createdAt);
    expect(renamed.headers.etag).toBe('"2"');

    // A new area changes what analyses see: the revision moves too.
    const bigger = square(120);
    const moved = await patch(site.id, { areaOfInterest: bigger }, { 'if-match': '"2"' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ version: 3, revision: 2, areaOfInterest: bigger });
    expect(moved.json().areaM2).toBeGreaterThan(14_300);
    expect(moved.json().areaM2).toBeLessThan(14_500);
  });

  it('refuses a stale version with 409, naming the current one, and changes nothing', async () => {
    const site = (await post({ name: 'Contested', areaOfInterest: square(60) })).json();
    expect((await patch(site.id, { version: 1, description: 'first edit' })).statusCode).toBe(200);
    const before = (await get(site.id)).json();

    const stale = await patch(site.id, { version: 1, name: 'Lost update', areaOfInterest: square(90) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'VERSION_CONFLICT',
      message: expect.stringContaining('now at version 2'),
    });
    expect((await get(site.id)).json()).toEqual(before);

    const staleHeader = await patch(site.id, { name: 'Lost update' }, { 'if-match': '"1"' });
    expect(staleHeader.statusCode).toBe(409);
    expect((await get(site.id)).json()).toEqual(before);
  });

  it('asks for a version (428) when a PATCH has none, and changes nothing', async () => {
    const site = (await post({ name: 'No version', areaOfInterest: square(60) })).json();
    const res = await patch(site.id, { name: 'Blind write' });
    expect(res.statusCode).toBe(428);
    expect(res.json().code).toBe('VERSION_REQUIRED');
    expect((await get(site.id)).json()).toEqual(site);
  });

  it('refuses If-Match and a body version that disagree, and an If-Match that is not a version', async () => {
    const site = (await post({ name: 'Two versions', areaOfInterest: square(60) })).json();
    const both = await patch(site.id, { version: 1, name: 'x' }, { 'if-match': '"2"' });
    expect(both.statusCode).toBe(400);
    expect(both.json().message).toContain('If-Match says version 2 but the body says version 1');
    for (const ifMatch of ['*', 'W/"abc"', '"0"', '"99999999999"']) {
      const bad = await patch(site.id, { name: 'x' }, { 'if-match': ifMatch });
      expect(bad.statusCode, ifMatch).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
    }
    expect((await get(site.id)).json()).toEqual(site);
  });

  it('lets exactly one of two concurrent PATCHes from the same version win', async () => {
    const site = (await post({ name: 'Race', areaOfInterest: square(60) })).json();
    const [a, b] = await Promise.all([
      patch(site.id, { version: 1, name: 'Alice' }),
      patch(site.id, { version: 1, name: 'Bob' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? 'Alice' : 'Bob';
    expect((await get(site.id)).json()).toMatchObject({ name: winner, version: 2 });
  });

  it('takes a site back as read, with its changes: the read-only fields are ignored, another id is refused', async () => {
    const read = (await post({ name: 'Round trip', areaOfInterest: square(70) })).json();
    // The same area sent back is no new area: the revision (what analyses are cached by) stays.
    const renamed = await patch(read.id, { ...read, id: read.id.toUpperCase(), name: 'Round trip, renamed' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toEqual({
      ...read,
      name: 'Round trip, renamed',
      version: 2,
      updatedAt: renamed.json().updatedAt,
    });
    expect(renamed.json().updatedAt > read.updatedAt).toBe(true);

    const ignored = await patch(read.id, {
      ...renamed.json(),
      description: 'stamps made up',
      revision: 99,
      areaM2: 1,
      bbox: [0, 0, 0, 0],
      createdAt: '2000-01-01T00:00:00.000000Z',
    });
    expect(ignored.statusCode).toBe(200);
    expect(ignored.json()).toMatchObject({
      description: 'stamps made up',
      version: 3,
      revision: read.revision,
      areaM2: read.areaM2,
      bbox: read.bbox,
      createdAt: read.createdAt,
    });

    const other = (await post({ name: 'Other', areaOfInterest: square(70) })).json();
    const misdirected = await patch(read.id, { ...other, name: 'Overwritten' });
    expect(misdirected.statusCode).toBe(400);
    expect(misdirected.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining(`"${other.id}" is not the id in the address`),
    });
    expect((await get(read.id)).json()).toEqual(ignored.json());
  });

  it('uses a source id only when that import exists', async () => {
    const { rows } = await t.db.query<{ id: number }>(
      "INSERT INTO osm_sources (name, sha256, format, size_bytes) VALUES ('test.osm', 'abc', 'xml', 10) RETURNING id",
    );
    const sourceId = rows[0]?.id as number;
    const withSource = await post({ name: 'On an import', areaOfInterest: square(60), sourceId });
    expect(withSource.statusCode).toBe(201);
    expect(withSource.json().sourceId).toBe(sourceId);

    const sites = await count('sites');
    const unknown = await post({ name: 'On nothing', areaOfInterest: square(60), sourceId: sourceId + 1000 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({
      code: 'SOURCE_NOT_FOUND',
      message: expect.stringContaining(`${sourceId + 1000}`),
    });
    expect(await count('sites')).toBe(sites);

    const site = withSource.json();
    const cleared = await patch(site.id, { version: 1, sourceId: null });
    expect(cleared.json()).toMatchObject({ sourceId: null, version: 2, revision: 2 });
    const bad = await patch(site.id, { version: 2, sourceId: sourceId + 1000 });
    expect(bad.statusCode).toBe(404);
    expect((await get(site.id)).json()).toEqual(cleared.json());
  });

  it('deletes a site, with its zones and measures, only at the given version when one is given', async () => {
    const site = (await post({ name: 'Doomed', areaOfInterest: square(100) })).json();
    const zone = await t.app.inject({
      method: 'POST',
      url: `/api/sites/${site.id}/zones`,
      payload: { type: 'Feature', geometry: square(20), properties: { name: 'Stage' } },
    });
    expect(zone.statusCode).toBe(201);
    const zones = await count('zones');

    const stale = await t.app.inject({
      method: 'DELETE',
      url: `/api/sites/${site.id}`,
      headers: { 'if-match': '"7"' },
    });
    expect(stale.statusCode).toBe(409);
    // Adding the zone bumped the site's revision, not its version.
    expect(stale.json().message).toContain('now at version 1, your change was based on version 7');
    expect((await get(site.id)).json()).toMatchObject({ version: 1, revision: 2 });
    expect(await count('zones')).toBe(zones);

    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/sites/${site.id}`,
      headers: { 'if-match': '"1"' },
    });
    expect(res.statusCode).toBe(204);
    expect((await get(site.id)).statusCode).toBe(404);
    expect(await count('zones')).toBe((zones as number) - 1);
  });

  it('deletes with ?version= or unconditionally, cascading to zones and measures', async () => {
    const site = (await post({ name: 'Doomed too', areaOfInterest: square(100) })).json();
    await t.app.inject({
      method: 'POST',
      url: `/api/sites/${site.id}/measures`,
      payload: {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: MONACO },
        properties: { kind: 'camera' },
      },
    });
    const measures = await count('measures');
    const res = await t.app.inject({ method: 'DELETE', url: `/api/sites/${site.id}?version=1` });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await get(site.id)).statusCode).toBe(404);
    expect(await count('measures')).toBe((measures as number) - 1);

    const other = (await post({ name: 'Gone', areaOfInterest: square(100) })).json();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/sites/${other.id}` })).statusCode).toBe(204);
    const again = await t.app.inject({ method: 'DELETE', url: `/api/sites/${other.id}` });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('SITE_NOT_FOUND');
  });

  it('documents every site, zone and measure route with its answers in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const paths = doc.paths as Record<
      string,
      Record<string, { tags: string[]; responses: Record<string, unknown> }>
    >;
    expect(Object.keys(paths['/api/sites/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'patch']);
    expect(Object.keys(paths['/api/sites/{id}/zones/{zoneId}'] ?? {}).sort()).toEqual([
      'delete',
      'get',
      'patch',
    ]);
    expect(Object.keys(paths['/api/sites/{id}/measures/{measureId}'] ?? {}).sort()).toEqual([
      'delete',
      'get',
      'patch',
    ]);
    const patchSite = paths['/api/sites/{id}']?.patch;
    expect(Object.keys(patchSite?.responses ?? {}).sort()).toEqual([
      '200',
      '400',
      '404',
      '409',
      '413',
      '415',
      '422',
      '428',
    ]);
    expect(patchSite?.tags).toEqual(['sites']);
    const postMeasure = paths['/api/sites/{id}/measures']?.post as unknown as {
      tags: string[];
      requestBody: { content: Record<string, { schema: { anyOf: Array<{ title: string }> } }> };
    };
    expect(postMeasure.tags).toEqual(['measures']);
    // The discriminated union: one body schema per kind.
    expect(postMeasure.requestBody.content['application/json']?.schema.anyOf.map((s) => s.title)).toEqual([
      'BollardLineCreate',
      'BarrierCreate',
      'GateCreate',
      'ChicaneCreate',
      'CameraCreate',
      'CordonCreate',
    ]);
  });
});
