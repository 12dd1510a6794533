import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-db.js';
import { line, MONACO, offset, point, square } from './helpers/geometry.js';

describe('zones and measures API', () => {
  let t: TestApp;
  let siteId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/sites',
      payload: { name: 'Harbour', areaOfInterest: square(400) },
    });
    siteId = res.json().id;
  });
  afterAll(() => t.close());

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) => t.app.inject({ method, url: `/api/sites/${siteId}${path}`, headers, ...(payload ? { payload } : {}) });
  const site = async () => (await t.app.inject({ method: 'GET', url: `/api/sites/${siteId}` })).json();

  describe('zones', () => {
    it('creates, reads, lists, changes and deletes a zone, bumping the site revision each time', async () => {
      const start = await site();
      const geometry = square(30, offset(MONACO, 50, 50));
      const created = await call('POST', '/zones', {
        type: 'Feature',
        geometry,
        properties: { name: ' Fan zone ' },
      });
      expect(created.statusCode).toBe(201);
      const zone = created.json();
      expect(zone).toMatchObject({
        type: 'Feature',
        geometry,
        properties: { name: 'Fan zone', kind: 'crowd', version: 1 },
      });
      expect(zone.properties.createdAt).toBe(zone.properties.updatedAt);
      expect(created.headers.location).toBe(`/api/sites/${siteId}/zones/${zone.id}`);
      expect(await site()).toMatchObject({ version: start.version, revision: start.revision + 1 });

      expect((await call('GET', `/zones/${zone.id}`)).json()).toEqual(zone);
      const list = (await call('GET', '/zones')).json();
      expect(list).toEqual({ type: 'FeatureCollection', features: [zone] });

      const renamed = await call('PATCH', `/zones/${zone.id}`, {
        properties: { version: 1, name: 'Fan zone north', kind: 'building', notes: 'capacity 2 000' },
      });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toMatchObject({
        geometry,
        properties: { name: 'Fan zone north', kind: 'building', notes: 'capacity 2 000', version: 2 },
      });
      expect(renamed.json().properties.updatedAt > zone.properties.updatedAt).toBe(true);
      expect(renamed.headers.etag).toBe('"2"');

      const moved = square(40, offset(MONACO, 60, 60));
      const reshaped = await call(
        'PATCH',
        `/zones/${zone.id}`,
        { type: 'Feature', geometry: moved, properties: { notes: null } },
        { 'if-match': '"2"' },
      );
      expect(reshaped.statusCode).toBe(200);
      expect(reshaped.json().geometry).toEqual(moved);
      expect(reshaped.json().properties).not.toHaveProperty('notes');
      expect(reshaped.json().properties).toMatchObject({
        name: 'Fan zone north',
        kind: 'building',
        version: 3,
      });
      expect(await site()).toMatchObject({ version: start.version, revision: start.revision + 3 });

      const deleted = await call('DELETE', `/zones/${zone.id}`, undefined, { 'if-match': '"3"' });
      expect(deleted.statusCode).toBe(204);
      expect((await call('GET', `/zones/${zone.id}`)).json().code).toBe('ZONE_NOT_FOUND');
      expect(await site()).toMatchObject({ revision: start.revision + 4 });
    });

    it('refuses a stale zone version (409) and leaves the zone and the site revision alone', async () => {
      const zone = (
        await call('POST', '/zones', { type: 'Feature', geometry: square(20), properties: { name: 'Stage' } })
      ).json();
      await call('PATCH', `/zones/${zone.id}`, { properties: { version: 1, name: 'Main stage' } });
      const before = { zone: (await call('GET', `/zones/${zone.id}`)).json(), site: await site() };

      const stale = await call('PATCH', `/zones/${zone.id}`, {
        geometry: square(25),
        properties: { version: 1, kind: 'other' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().message).toContain('now at version 2, your change was based on version 1');
      const staleDelete = await call('DELETE', `/zones/${zone.id}?version=1`);
      expect(staleDelete.statusCode).toBe(409);
      const noVersion = await call('PATCH', `/zones/${zone.id}`, { properties: { name: 'x' } });
      expect(noVersion.statusCode).toBe(428);
      expect((await call('GET', `/zones/${zone.id}`)).json()).toEqual(before.zone);
      expect(await site()).toEqual(before.site);
    });

    it('lets exactly one of two concurrent zone PATCHes from the same version win', async () => {
      const zone = (
        await call('POST', '/zones', {
          type: 'Feature',
          geometry: square(20),
          properties: { name: 'Gate A' },
        })
      ).json();
      const revision = (await site()).revision;
      const results = await Promise.all(
        ['Gate A east', 'Gate A west'].map((name) =>
          call('PATCH', `/zones/${zone.id}`, { properties: { version: 1, name } }),
        ),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.statusCode === 200)?.json();
      expect((await call('GET', `/zones/${zone.id}`)).json()).toEqual(winner);
      expect((await site()).revision).toBe(revision + 1);
    });

    it('keeps holes, and drops an altitude (RFC 7946 allows one; plans are 2D)', async () => {
      const outer = square(100).coordinates[0] as number[][];
      const hole = square(20, offset(MONACO, 40, 40))
        .coordinates[0]?.slice()
        .reverse() as number[][];
      const geometry = { type: 'Polygon', coordinates: [outer.map(([x, y]) => [x, y, 12.5]), hole] };
      const res = await call('POST', '/zones', {
        type: 'Feature',
        geometry,
        properties: { name: 'Ring road', kind: 'other' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().geometry).toEqual({ type: 'Polygon', coordinates: [outer, hole] });
      const { rows } = await t.db.query<{ area: number; dims: number }>(
        'SELECT ST_Area(geom::geography) AS area, ST_NDims(geom) AS dims FROM zones WHERE id = $1',
        [res.json().id],
      );
      // 100 m square less a 20 m one: 9 600 m², within the rounding of the corners.
      expect(rows[0]?.area).toBeGreaterThan(9_590);
      expect(rows[0]?.area).toBeLessThan(9_610);
      expect(rows[0]?.dims).toBe(2);
    });

    it('takes a zone back as read, with its changes: id and times are ignored, another id is refused', async () => {
      const read = (
        await call('POST', '/zones', {
          type: 'Feature',
          geometry: square(20),
          properties: { name: 'Kiosk', notes: 'coffee' },
        })
      ).json();
      const revision = (await site()).revision;
      const res = await call('PATCH', `/zones/${read.id}`, {
        ...read,
        properties: { ...read.properties, name: 'Kiosk east', createdAt: '2000-01-01T00:00:00.000000Z' },
      });
      expect(res.statusCode).toBe(200);
      const changed = res.json();
      expect(changed).toMatchObject({
        id: read.id,
        geometry: read.geometry,
        properties: { name: 'Kiosk east', kind: 'crowd', notes: 'coffee', version: 2 },
      });
      expect(changed.properties.createdAt).toBe(read.properties.createdAt);
      expect(changed.properties.updatedAt > read.properties.updatedAt).toBe(true);
      expect((await site()).revision).toBe(revision + 1);

      // The address says which zone changes: a body naming another one is a mistake, not a detail.
      const other = await call('PATCH', `/zones/${read.id}`, {
        ...changed,
        id: randomUUID(),
        properties: { ...changed.properties, name: 'Kiosk west' },
      });
      expect(other.statusCode).toBe(400);
      expect(other.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('is not the id in the address'),
      });
      // The stamps alone change nothing.
      const { version, createdAt, updatedAt } = changed.properties;
      const stampsOnly = await call('PATCH', `/zones/${read.id}`, {
        id: read.id,
        properties: { version, createdAt, updatedAt },
      });
      expect(stampsOnly.statusCode).toBe(400);
      expect(stampsOnly.json().message).toMatch(/^Nothing to change/);
      expect((await call('GET', `/zones/${read.id}`)).json()).toEqual(changed);
      expect((await site()).revision).toBe(revision + 1);
    });

    it('finds a zone only in its own site', async () => {
      const zone = (
        await call('POST', '/zones', { type: 'Feature', geometry: square(20), properties: { name: 'Mine' } })
      ).json();
      const other = (
        await t.app.inject({
          method: 'POST',
          url: '/api/sites',
          payload: { name: 'Elsewhere', areaOfInterest: square(100) },
        })
      ).json();
      const res = await t.app.inject({ method: 'GET', url: `/api/sites/${other.id}/zones/${zone.id}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('ZONE_NOT_FOUND');
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/sites/${other.id}/zones` })).json().features,
      ).toEqual([]);
    });
  });

  describe('measures', () => {
    const examples = [
      {
        geometry: line(12),
        properties: {
          kind: 'bollard_line',
          name: 'North line',
          diameterM: 0.168,
          spacingM: 1.3,
          rating: 'V/7200[N2A]/48/90:0.2',
          costPerUnit: 2500,
        },
      },
      {
        geometry: line(40),
        properties: {
          kind: 'barrier',
          rating: 'V/7500[N2]/80/90:0.8/18.1',
          product: 'Wall 80',
          costPerM: 900,
          blocking: true,
        },
      },
      { geometry: line(4), properties: { kind: 'gate', widthM: 4, open: false, rating: 'K12' } },
      { geometry: square(15), properties: { kind: 'chicane', designSpeedKmh: 25, notes: 'planters' } },
      { geometry: line(20), properties: { kind: 'chicane' } },
      {
        geometry: point(5, 5),
        properties: {
          kind: 'camera',
          heightM: 6,
          bearingDeg: 135,
          tiltDeg: 15,
          hfovDeg: 90,
          resolutionPx: 1920,
          maxRangeM: 60,
        },
      },
      {
        geometry: point(),
        properties: { kind: 'camera', sensorWidthMm: 5.6, focalLengthMm: 4, resolutionPx: 3840 },
      },
      {
        geometry: square(200),
        properties: {
          kind: 'cordon',
          accessPoints: [
            { position: offset(MONACO, 0, 100), kind: 'pedestrian' },
            { position: offset(MONACO, 100, 0), kind: 'emergency' },
          ],
        },
      },
    ];

    it('stores every kind with its typed properties and geometry, exactly as sent', async () => {
      const revision = (await site()).revision;
      for (const example of examples) {
        const res = await call('POST', '/measures', { type: 'Feature', ...example });
        expect(res.statusCode, JSON.stringify(example.properties)).toBe(201);
        const measure = res.json();
        expect(measure.geometry).toEqual(example.geometry);
        const { version, createdAt, updatedAt, ...properties } = measure.properties;
        expect(properties).toEqual(example.properties);
        expect(version).toBe(1);
        expect(updatedAt).toBe(createdAt);
        expect((await call('GET', `/measures/${measure.id}`)).json()).toEqual(measure);
      }
      const list = (await call('GET', '/measures')).json();
      expect(list.type).toBe('FeatureCollection');
      expect(list.features.map((f: { properties: { kind: string } }) => f.properties.kind)).toEqual(
        examples.map((e) => e.properties.kind),
      );
      expect((await site()).revision).toBe(revision + examples.length);
    });

    const postCamera = async () =>
      (
        await call('POST', '/measures', {
          type: 'Feature',
          geometry: point(),
          properties: { kind: 'camera', hfovDeg: 60, resolutionPx: 1920 },
        })
      ).json();

    it('merges a PATCH into the stored properties (null removes) and checks the result as a whole', async () => {
      const camera = await postCamera();
      // From a field of view to a lens, in one change.
      const lens = await call('PATCH', `/measures/${camera.id}`, {
        properties: { version: 1, hfovDeg: null, sensorWidthMm: 6.4, focalLengthMm: 8, name: 'Quay cam' },
      });
      expect(lens.statusCode).toBe(200);
      const { createdAt: _c, updatedAt: _u, ...properties } = lens.json().properties;
      expect(properties).toEqual({
        kind: 'camera',
        resolutionPx: 1920,
        sensorWidthMm: 6.4,
        focalLengthMm: 8,
        name: 'Quay cam',
        version: 2,
      });

      // A lens and a field of view together are ambiguous: refused, nothing changes.
      const both = await call('PATCH', `/measures/${camera.id}`, { properties: { version: 2, hfovDeg: 70 } });
      expect(both.statusCode).toBe(400);
      expect(both.json()).toMatchObject({
        code: 'INVALID_MEASURE',
        message: expect.stringContaining('camera'),
      });

      // A camera cannot become a barrier while it is a point.
      const revision = (await site()).revision;
      const wrong = await call('PATCH', `/measures/${camera.id}`, {
        properties: { version: 2, kind: 'barrier' },
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().code).toBe('WRONG_GEOMETRY_TYPE');
      // … but with a line and without its camera fields it can.
      const becomes = await call(
        'PATCH',
        `/measures/${camera.id}`,
        {
          geometry: line(10),
          properties: {
            kind: 'barrier',
            resolutionPx: null,
            sensorWidthMm: null,
            focalLengthMm: null,
            rating: 'M50-P1',
          },
        },
        { 'if-match': '"2"' },
      );
      expect(becomes.statusCode).toBe(200);
      expect(becomes.json()).toMatchObject({
        geometry: line(10),
        properties: { kind: 'barrier', name: 'Quay cam', rating: 'M50-P1', version: 3 },
      });
      expect((await site()).revision).toBe(revision + 1);

      const deleted = await call('DELETE', `/measures/${camera.id}?version=3`);
      expect(deleted.statusCode).toBe(204);
      expect((await call('GET', `/measures/${camera.id}`)).json().code).toBe('MEASURE_NOT_FOUND');
    });

    it('takes a measure back as read, with its changes, checked whole for its kind', async () => {
      const read = await postCamera();
      const res = await call('PATCH', `/measures/${read.id}`, {
        ...read,
        properties: { ...read.properties, hfovDeg: 75, updatedAt: 'whenever' },
      });
      expect(res.statusCode).toBe(200);
      const { createdAt, updatedAt, ...properties } = res.json().properties;
      expect(properties).toEqual({ kind: 'camera', hfovDeg: 75, resolutionPx: 1920, version: 2 });
      expect(createdAt).toBe(read.properties.createdAt);
      expect(updatedAt > read.properties.updatedAt).toBe(true);

      // Sent back whole, it is still checked whole: a lens needs its sensor width, and not a field of view too.
      const lens = await call('PATCH', `/measures/${read.id}`, {
        ...res.json(),
        properties: { ...res.json().properties, focalLengthMm: 8 },
      });
      expect(lens.statusCode).toBe(400);
      expect(lens.json().code).toBe('INVALID_MEASURE');
    });

    it('refuses a stale measure version and keeps the measure as it was', async () => {
      const gate = (
        await call('POST', '/measures', {
          type: 'Feature',
          geometry: line(4),
          properties: { kind: 'gate', open: true },
        })
      ).json();
      expect(
        (await call('PATCH', `/measures/${gate.id}`, { properties: { version: 1, open: false } })).statusCode,
      ).toBe(200);
      const before = (await call('GET', `/measures/${gate.id}`)).json();
      const stale = await call('PATCH', `/measures/${gate.id}`, {
        geometry: line(6),
        properties: { version: 1, open: true },
      });
      expect(stale.statusCode).toBe(409);
      expect((await call('GET', `/measures/${gate.id}`)).json()).toEqual(before);
    });
  });
});
