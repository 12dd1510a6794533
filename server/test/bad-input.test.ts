import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-db.js';
import { bowTie, circle, line, MONACO, offset, point, square } from './helpers/geometry.js';

/**
 * Every kind of wrong input gets a 4xx with a stable code and a sentence a planner can act on, and
 * nothing is written: each refused write is followed by a row count (and the site's revision).
 */
describe('bad input', () => {
  let t: TestApp;
  let siteId: string;
  let zoneId: string;
  let measureId: string;
  let before: Snapshot;

  type Snapshot = { sites: number; zones: number; measures: number; revision: number; version: number };

  async function snapshot(): Promise<Snapshot> {
    const { rows } = await t.db.query<Snapshot>(
      `SELECT (SELECT count(*)::int FROM sites) AS sites, (SELECT count(*)::int FROM zones) AS zones,
              (SELECT count(*)::int FROM measures) AS measures,
              (SELECT revision FROM sites WHERE id = $1) AS revision, (SELECT version FROM sites WHERE id = $1) AS version`,
      [siteId],
    );
    return rows[0] as Snapshot;
  }

  beforeAll(async () => {
    t = await createTestApp();
    siteId = (
      await t.app.inject({
        method: 'POST',
        url: '/api/sites',
        payload: { name: 'Square', areaOfInterest: square(300) },
      })
    ).json().id;
    zoneId = (
      await t.app.inject({
        method: 'POST',
        url: `/api/sites/${siteId}/zones`,
        payload: { type: 'Feature', geometry: square(30), properties: { name: 'Stage' } },
      })
    ).json().id;
    measureId = (
      await t.app.inject({
        method: 'POST',
        url: `/api/sites/${siteId}/measures`,
        payload: {
          type: 'Feature',
          geometry: line(10),
          properties: { kind: 'bollard_line', diameterM: 0.2, spacingM: 1.2 },
        },
      })
    ).json().id;
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    before = await snapshot();
  });

  /** Sends a refused request and checks the answer and that nothing changed. */
  async function refused(
    request: {
      method: 'POST' | 'PATCH' | 'DELETE' | 'GET';
      url: string;
      payload?: unknown;
      headers?: Record<string, string>;
    },
    status: number,
    code: string,
    message?: string | RegExp,
  ): Promise<string> {
    const res = await t.app.inject({
      method: request.method,
      url: request.url,
      ...(request.headers ? { headers: request.headers } : {}),
      ...(request.payload === undefined ? {} : { payload: request.payload as string }),
    });
    const body = res.json();
    expect({ status: res.statusCode, code: body.code }, body.message).toEqual({ status, code });
    expect(body.statusCode).toBe(status);
    if (message !== undefined) expect(body.message).toMatch(message);
    expect(await snapshot()).toEqual(before);
    return body.message;
  }

  const postSite = (payload: unknown, status: number, code: string, message?: string | RegExp) =>
    refused({ method: 'POST', url: '/api/sites', payload }, status, code, message);
  const postZone = (payload: unknown, status: number, code: string, message?: string | RegExp) =>
    refused({ method: 'POST', url: `/api/sites/${siteId}/zones`, payload }, status, code, message);
  const postMeasure = (
    geometry: unknown,
    properties: unknown,
    status: number,
    code: string,
    message?: string | RegExp,
  ) =>
    refused(
      {
        method: 'POST',
        url: `/api/sites/${siteId}/measures`,
        payload: { type: 'Feature', geometry, properties },
      },
      status,
      code,
      message,
    );

  describe('bodies that are not JSON objects', () => {
    const raw = (
      payload: string,
      headers: Record<string, string> = { 'content-type': 'application/json' },
    ) => ({ method: 'POST' as const, url: '/api/sites', payload, headers });

    it('refuses malformed JSON', async () => {
      await refused(
        raw('{"name": "Square", "areaOfInterest": '),
        400,
        'INVALID_JSON',
        /not valid JSON: it ends too early/,
      );
      await refused(
        raw('{"name": \'Square\'}'),
        400,
        'INVALID_JSON',
        "The request body is not valid JSON: unexpected '.",
      );
      await refused(
        raw('{"name": "Square",}'),
        400,
        'INVALID_JSON',
        /^The request body is not valid JSON at character 19: expected double-quoted property name\.$/,
      );
    });

    it('refuses NaN and Infinity, which are not JSON, saying so', async () => {
      const body = `{"name":"x","areaOfInterest":{"type":"Polygon","coordinates":[[[NaN,43.7],[7.4,43.7],[7.4,43.8],[NaN,43.7]]]}}`;
      await refused(raw(body), 400, 'INVALID_JSON', /NaN and Infinity are not JSON numbers/);
      await refused(raw('{"name":"x","n":-Infinity}'), 400, 'INVALID_JSON', /NaN and Infinity/);
    });

    it('refuses 1e999, which JSON reads as infinity, naming where it is', async () => {
      const area = JSON.stringify({ name: 'x', areaOfInterest: square(100) }).replace('7.4246', '1e999');
      await refused(
        raw(area),
        400,
        'NON_FINITE_NUMBER',
        /^areaOfInterest\.coordinates\[0\]\[0\]\[0\] is too large to be a number/,
      );
      await refused(
        {
          method: 'POST',
          url: `/api/sites/${siteId}/measures`,
          headers: { 'content-type': 'application/json' },
          payload: `{"type":"Feature","geometry":${JSON.stringify(point())},"properties":{"kind":"camera","hfovDeg":-1e999}}`,
        },
        400,
        'NON_FINITE_NUMBER',
        /^properties\.hfovDeg/,
      );
    });

    it('refuses an empty body and a missing body', async () => {
      await refused(raw(''), 400, 'INVALID_JSON', 'The request body is empty: send JSON.');
      await refused({ method: 'POST', url: '/api/sites' }, 400, 'VALIDATION_FAILED', /must be a JSON object/);
      await refused(raw('[1, 2]'), 400, 'VALIDATION_FAILED', /must be a JSON object/);
      await refused(
        {
          method: 'PATCH',
          url: `/api/sites/${siteId}`,
          payload: 'null',
          headers: { 'content-type': 'application/json' },
        },
        400,
        'VALIDATION_FAILED',
      );
    });

    it('refuses other content types with 415', async () => {
      const site = JSON.stringify({ name: 'x', areaOfInterest: square(100) });
      await refused(raw(site, { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      await refused(raw(site, { 'content-type': 'application/xml' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      await refused(
        raw('name=x', { 'content-type': 'application/x-www-form-urlencoded' }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    });

    it('accepts application/geo+json', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/sites/${siteId}/zones`,
        headers: { 'content-type': 'application/geo+json' },
        payload: JSON.stringify({ type: 'Feature', geometry: square(10), properties: { name: 'geo+json' } }),
      });
      expect(res.statusCode).toBe(201);
      expect((await snapshot()).zones).toBe(before.zones + 1);
    });

    it('refuses a body over the limit with 413', async () => {
      // ~2.5 MB of coordinates: over the 2 MB default body limit.
      const big = JSON.stringify({ name: 'Big', areaOfInterest: circle(100_000, 500) });
      expect(big.length).toBeGreaterThan(t.config.maxBodyBytes);
      await refused(raw(big), 413, 'BODY_TOO_LARGE');
    });

    it('refuses text PostgreSQL cannot store (NUL, half a surrogate pair) and reserved keys', async () => {
      await postSite(
        { name: 'a\u0000b', areaOfInterest: square(100) },
        400,
        'VALIDATION_FAILED',
        /^name contains a character/,
      );
      await refused(
        raw('{"name":"\\ud800","areaOfInterest":{}}'),
        400,
        'VALIDATION_FAILED',
        /cannot be stored/,
      );
      await refused(
        raw('{"name":"x","__proto__":{"admin":true}}'),
        400,
        'INVALID_JSON',
        /reserved field name/,
      );
    });
  });

  describe('geometry', () => {
    it('refuses malformed GeoJSON', async () => {
      await postSite(
        { name: 'x', areaOfInterest: { type: 'Polygn', coordinates: [] } },
        400,
        'INVALID_GEOJSON',
        /"Polygn"/,
      );
      await postSite(
        { name: 'x', areaOfInterest: 'POLYGON((0 0, 1 0, 1 1, 0 0))' },
        400,
        'INVALID_GEOJSON',
        /not a string/,
      );
      await postSite(
        { name: 'x', areaOfInterest: { type: 'Polygon' } },
        400,
        'INVALID_GEOJSON',
        'areaOfInterest.coordinates is missing.',
      );
      await postSite(
        { name: 'x', areaOfInterest: { type: 'Polygon', coordinates: [[['7.42', '43.73']]] } },
        400,
        'INVALID_GEOJSON',
        /coordinates\[0\]\[0\]\[0\] must be a number, not a string/,
      );
      await postSite(
        { name: 'x', areaOfInterest: { type: 'Polygon', coordinates: [[[7.42, 43.73, 1, 2]]] } },
        400,
        'INVALID_GEOJSON',
        /must be a position/,
      );
      await postSite(
        { name: 'x', areaOfInterest: { ...square(100), crs: { type: 'name' } } },
        400,
        'INVALID_GEOJSON',
        /crs is not part of GeoJSON/,
      );
      await postZone(
        { type: 'FeatureCollection', features: [] },
        400,
        'INVALID_GEOJSON',
        /send one Feature per request/,
      );
      await postZone(
        { geometry: square(10), properties: { name: 'x' } },
        400,
        'INVALID_GEOJSON',
        /"type" must be "Feature", not missing/,
      );
      await postZone({ type: 'Feature', geometry: square(10) }, 400, 'INVALID_GEOJSON', /no "properties"/);
      await postZone(
        { type: 'Feature', properties: { name: 'x' } },
        400,
        'INVALID_GEOJSON',
        /geometry is missing: a protected zone is drawn as a Polygon/,
      );
      await postZone(
        { type: 'Feature', id: 'mine', geometry: square(10), properties: { name: 'x' } },
        400,
        'INVALID_GEOJSON',
        /ids are given by the server/,
      );
    });

    it('refuses the wrong geometry type for the item', async () => {
      await postSite(
        { name: 'x', areaOfInterest: point() },
        400,
        'WRONG_GEOMETRY_TYPE',
        "A site's area of interest is drawn as a Polygon; areaOfInterest is a Point.",
      );
      await postZone(
        { type: 'Feature', geometry: line(10), properties: { name: 'x' } },
        400,
        'WRONG_GEOMETRY_TYPE',
        /protected zone is drawn as a Polygon; geometry is a LineString/,
      );
      await postZone(
        { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [] }, properties: { name: 'x' } },
        400,
        'WRONG_GEOMETRY_TYPE',
      );
      await postMeasure(
        square(10),
        { kind: 'camera' },
        400,
        'WRONG_GEOMETRY_TYPE',
        'A camera is drawn as a Point; geometry is a Polygon.',
      );
      await postMeasure(
        point(),
        { kind: 'bollard_line' },
        400,
        'WRONG_GEOMETRY_TYPE',
        /bollard line is drawn as a LineString/,
      );
      await postMeasure(
        point(),
        { kind: 'chicane' },
        400,
        'WRONG_GEOMETRY_TYPE',
        /chicane is drawn as a LineString or a Polygon/,
      );
      await postMeasure(
        line(50),
        { kind: 'cordon' },
        400,
        'WRONG_GEOMETRY_TYPE',
        /cordon is drawn as a Polygon/,
      );
    });

    it('refuses a self-intersecting (bow-tie) polygon with 422, saying where it crosses', async () => {
      const tie = bowTie(100);
      // The diagonals of the 100 m square cross at its centre.
      const [lon, lat] = offset(MONACO, 50, 50);
      const message = await postSite(
        { name: 'Bow tie', areaOfInterest: tie },
        422,
        'INVALID_POLYGON',
        /^The site's area of interest is not a valid polygon: its edges cross each other near longitude/,
      );
      const [, x, y] = message.match(/longitude (-?[\d.]+), latitude (-?[\d.]+)/) ?? [];
      expect(Number(x)).toBeCloseTo(lon, 5);
      expect(Number(y)).toBeCloseTo(lat, 5);
      await postZone(
        { type: 'Feature', geometry: tie, properties: { name: 'x' } },
        422,
        'INVALID_POLYGON',
        /protected zone is not a valid polygon: its edges cross/,
      );
      await postMeasure(tie, { kind: 'cordon' }, 422, 'INVALID_POLYGON', /cordon is not a valid polygon/);
      await refused(
        {
          method: 'PATCH',
          url: `/api/sites/${siteId}/zones/${zoneId}`,
          payload: { geometry: tie, properties: { version: 1 } },
        },
        422,
        'INVALID_POLYGON',
      );
    });

    it('refuses a hole outside its polygon', async () => {
      const outer = square(100).coordinates[0] as number[][];
      const hole = square(10, offset(MONACO, 200, 200)).coordinates[0] as number[][];
      await postSite(
        { name: 'x', areaOfInterest: { type: 'Polygon', coordinates: [outer, hole] } },
        422,
        'INVALID_POLYGON',
        /a hole lies outside the outer ring/,
      );
    });

    it('refuses unclosed and too short rings and one-point lines', async () => {
      const ring = square(100).coordinates[0] as number[][];
      await postSite(
        { name: 'x', areaOfInterest: { type: 'Polygon', coordinates: [ring.slice(0, 4)] } },
        400,
        'INVALID_GEOJSON',
        /The outer ring .* is not closed: it must end with its first position/,
      );
      await postSite(
        { name: 'x', areaOfInterest: { type: 'Polygon', coordinates: [[ring[0], ring[1], ring[0]]] } },
        400,
        'INVALID_GEOJSON',
        /has 3 positions; a ring needs at least 4/,
      );
      await postSite(
        { name: 'x', areaOfInterest: { type: 'Polygon', coordinates: [] } },
        400,
        'INVALID_GEOJSON',
        /list of rings/,
      );
      const p = MONACO;
      await postMeasure(
        { type: 'LineString', coordinates: [p, p] },
        { kind: 'barrier' },
        400,
        'INVALID_GEOJSON',
        /at least two different positions/,
      );
    });

    it('refuses longitudes and latitudes out of range, hinting at swapped axes', async () => {
      const shifted = (dLon: number, dLat: number) => ({
        type: 'Polygon',
        coordinates: [
          (square(100).coordinates[0] as number[][]).map(([x, y]) => [
            +((x as number) + dLon).toFixed(7),
            +((y as number) + dLat).toFixed(7),
          ]),
        ],
      });
      const lon = await postSite(
        { name: 'x', areaOfInterest: shifted(180, 0) },
        400,
        'COORDINATE_OUT_OF_RANGE',
        /longitude 187\.4246 is outside −180…180/,
      );
      expect(lon).not.toMatch(/swapped/);
      await postSite(
        { name: 'x', areaOfInterest: shifted(0, 50) },
        400,
        'COORDINATE_OUT_OF_RANGE',
        /latitude 93\.7314 is outside −90…90/,
      );
      // [lat, lon] instead of [lon, lat] at a latitude beyond 90: the classic mistake, named.
      await postMeasure(
        { type: 'Point', coordinates: [43.73, 97.42] },
        { kind: 'camera' },
        400,
        'COORDINATE_OUT_OF_RANGE',
        /latitude and longitude may be swapped: GeoJSON is \[longitude, latitude\]/,
      );
      await postMeasure(
        square(200),
        { kind: 'cordon', accessPoints: [{ position: [7.42, 143.7], kind: 'vehicle' }] },
        400,
        'COORDINATE_OUT_OF_RANGE',
        /^properties\.accessPoints\[0\]\.position = \[7\.42, 143\.7\].*swapped/,
      );
    });

    it('refuses more than 10 000 vertices', async () => {
      await postSite(
        { name: 'x', areaOfInterest: circle(10_000, 100) },
        400,
        'TOO_MANY_VERTICES',
        /at most 10,000 points; areaOfInterest has 10,001/,
      );
      // The limit itself is fine.
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/sites',
        payload: { name: 'Round', areaOfInterest: circle(9_999, 100) },
      });
      expect(res.statusCode).toBe(201);
      // π r² for r = 100 m (a 9 999-gon is within 0.0001 % of its circle).
      expect(res.json().areaM2 / (Math.PI * 100 ** 2)).toBeCloseTo(1, 3);
    });

    it('refuses a site area larger than 100 km²', async () => {
      await postSite(
        { name: 'Monaco and then some', areaOfInterest: square(11_000) },
        422,
        'AREA_TOO_LARGE',
        "The site's area of interest covers 120.9 km²; the most allowed is 100 km². Draw a smaller area.",
      );
    });
  });

  describe('ids', () => {
    const unknown = randomUUID();
    it('answers unknown and malformed site ids with SITE_NOT_FOUND', async () => {
      for (const id of [unknown, 'not-a-uuid', '1', "x' OR '1'='1", '%00']) {
        await refused({ method: 'GET', url: `/api/sites/${encodeURIComponent(id)}` }, 404, 'SITE_NOT_FOUND');
      }
      await refused(
        { method: 'PATCH', url: `/api/sites/${unknown}`, payload: { version: 1, name: 'x' } },
        404,
        'SITE_NOT_FOUND',
      );
      await refused(
        { method: 'PATCH', url: '/api/sites/nope', payload: { version: 1, name: 'x' } },
        404,
        'SITE_NOT_FOUND',
      );
      await refused({ method: 'DELETE', url: '/api/sites/nope' }, 404, 'SITE_NOT_FOUND');
      await refused({ method: 'GET', url: `/api/sites/${unknown}/zones` }, 404, 'SITE_NOT_FOUND');
      await refused({ method: 'GET', url: '/api/sites/nope/measures' }, 404, 'SITE_NOT_FOUND');
      await refused(
        {
          method: 'POST',
          url: `/api/sites/${unknown}/zones`,
          payload: { type: 'Feature', geometry: square(10), properties: { name: 'x' } },
        },
        404,
        'SITE_NOT_FOUND',
      );
      await refused(
        {
          method: 'POST',
          url: `/api/sites/${unknown}/measures`,
          payload: { type: 'Feature', geometry: point(), properties: { kind: 'camera' } },
        },
        404,
        'SITE_NOT_FOUND',
      );
    });

    it('answers unknown and malformed zone and measure ids with ZONE_/MEASURE_NOT_FOUND', async () => {
      for (const id of [unknown, 'zone-1']) {
        await refused({ method: 'GET', url: `/api/sites/${siteId}/zones/${id}` }, 404, 'ZONE_NOT_FOUND');
        await refused(
          {
            method: 'PATCH',
            url: `/api/sites/${siteId}/zones/${id}`,
            payload: { properties: { version: 1, name: 'x' } },
          },
          404,
          'ZONE_NOT_FOUND',
        );
        await refused({ method: 'DELETE', url: `/api/sites/${siteId}/zones/${id}` }, 404, 'ZONE_NOT_FOUND');
        await refused(
          { method: 'GET', url: `/api/sites/${siteId}/measures/${id}` },
          404,
          'MEASURE_NOT_FOUND',
        );
        await refused(
          {
            method: 'PATCH',
            url: `/api/sites/${siteId}/measures/${id}`,
            payload: { properties: { version: 1, open: true } },
          },
          404,
          'MEASURE_NOT_FOUND',
        );
        await refused(
          { method: 'DELETE', url: `/api/sites/${siteId}/measures/${id}` },
          404,
          'MEASURE_NOT_FOUND',
        );
      }
      // A real zone under an unknown site: the site is what is missing.
      await refused({ method: 'GET', url: `/api/sites/${unknown}/zones/${zoneId}` }, 404, 'SITE_NOT_FOUND');
      await refused(
        { method: 'DELETE', url: `/api/sites/${unknown}/measures/${measureId}` },
        404,
        'SITE_NOT_FOUND',
      );
    });
  });

  describe('fields', () => {
    it('refuses unknown, missing and out-of-range site fields', async () => {
      await postSite(
        { name: 'x', areaOfInterest: square(100), colour: 'red' },
        400,
        'VALIDATION_FAILED',
        'The request body has a field "colour" that is not allowed here (allowed: name, description, areaOfInterest, sourceId, vehicleOverrides).',
      );
      await postSite(
        { areaOfInterest: square(100) },
        400,
        'VALIDATION_FAILED',
        'The request body is missing "name".',
      );
      await postSite(
        { name: '   ', areaOfInterest: square(100) },
        400,
        'VALIDATION_FAILED',
        /must not be blank/,
      );
      await postSite(
        { name: 'x'.repeat(201), areaOfInterest: square(100) },
        400,
        'VALIDATION_FAILED',
        'name must have at most 200 characters (it has 201).',
      );
      await postSite(
        { name: 42, areaOfInterest: square(100) },
        400,
        'VALIDATION_FAILED',
        'name must be text, not 42.',
      );
      await postSite({ name: 'x', areaOfInterest: square(100), sourceId: 'abc' }, 400, 'VALIDATION_FAILED');
      await refused(
        { method: 'PATCH', url: `/api/sites/${siteId}`, payload: { version: 1 } },
        400,
        'VALIDATION_FAILED',
        /Nothing to change/,
      );
      await refused(
        { method: 'PATCH', url: `/api/sites/${siteId}`, payload: { version: 0, name: 'x' } },
        400,
        'VALIDATION_FAILED',
        'version must be at least 1, not 0.',
      );
      await refused(
        { method: 'PATCH', url: `/api/sites/${siteId}`, payload: { version: '1', name: 'x' } },
        400,
        'VALIDATION_FAILED',
        'version must be a whole number, not "1".',
      );
      await refused({ method: 'DELETE', url: `/api/sites/${siteId}?version=one` }, 400, 'VALIDATION_FAILED');
      await refused(
        { method: 'DELETE', url: `/api/sites/${siteId}?version=99999999999` },
        400,
        'VALIDATION_FAILED',
      );
    });

    it('refuses bad zone properties', async () => {
      await postZone(
        { type: 'Feature', geometry: square(10), properties: { name: 'x', kind: 'vip' } },
        400,
        'VALIDATION_FAILED',
        'properties.kind must be one of "crowd", "building", "access_control", "other", not "vip".',
      );
      await postZone(
        { type: 'Feature', geometry: square(10), properties: {} },
        400,
        'VALIDATION_FAILED',
        'properties is missing "name".',
      );
      await postZone(
        { type: 'Feature', geometry: square(10), properties: { name: 'x', capacity: 3 } },
        400,
        'VALIDATION_FAILED',
        /properties has a field "capacity"/,
      );
      await refused(
        {
          method: 'PATCH',
          url: `/api/sites/${siteId}/zones/${zoneId}`,
          payload: { properties: { version: 1, name: null } },
        },
        400,
        'VALIDATION_FAILED',
      );
      await refused(
        {
          method: 'PATCH',
          url: `/api/sites/${siteId}/zones/${zoneId}`,
          payload: { properties: { version: 1 } },
        },
        400,
        'VALIDATION_FAILED',
        /Nothing to change/,
      );
    });

    it('refuses invalid measure properties, naming the kind', async () => {
      const cases: Array<[unknown, Record<string, unknown>, string, RegExp]> = [
        [
          line(10),
          { kind: 'bollard_line', diameterM: 0.2, spacingM: 0.2 },
          'INVALID_MEASURE',
          /^A bollard line \(bollard_line\): properties\.spacingM \(0\.2 m, centre to centre\) must be larger than diameterM \(0\.2 m\)/,
        ],
        [line(10), { kind: 'bollard_line', diameterM: 0.3, spacingM: 0.25 }, 'INVALID_MEASURE', /spacingM/],
        [
          line(10),
          { kind: 'bollard_line', diameterM: 0 },
          'INVALID_MEASURE',
          /properties\.diameterM must be greater than 0, not 0/,
        ],
        [
          line(10),
          { kind: 'bollard_line', hfovDeg: 90 },
          'INVALID_MEASURE',
          /^A bollard line \(bollard_line\): properties has a field "hfovDeg" that is not allowed here \(allowed: kind, name, rating, costPerUnit, notes, blocking, diameterM, spacingM\)/,
        ],
        [
          point(),
          { kind: 'camera', hfovDeg: 0 },
          'INVALID_MEASURE',
          /^A camera \(camera\): properties\.hfovDeg must be greater than 0, not 0\./,
        ],
        [
          point(),
          { kind: 'camera', hfovDeg: 400 },
          'INVALID_MEASURE',
          /properties\.hfovDeg must be at most 360, not 400/,
        ],
        [
          point(),
          { kind: 'camera', resolutionPx: 0 },
          'INVALID_MEASURE',
          /properties\.resolutionPx must be at least 1, not 0/,
        ],
        [
          point(),
          { kind: 'camera', resolutionPx: 1920.5 },
          'INVALID_MEASURE',
          /properties\.resolutionPx must be a whole number/,
        ],
        [
          point(),
          { kind: 'camera', sensorWidthMm: 6.4 },
          'INVALID_MEASURE',
          /sensorWidthMm and focalLengthMm go together/,
        ],
        [
          point(),
          { kind: 'camera', hfovDeg: 60, sensorWidthMm: 6.4, focalLengthMm: 8 },
          'INVALID_MEASURE',
          /either as hfovDeg or as sensorWidthMm with focalLengthMm/,
        ],
        [point(), { kind: 'camera', bearingDeg: -10 }, 'INVALID_MEASURE', /bearingDeg must be at least 0/],
        [
          point(),
          { kind: 'camera', heightM: '6' },
          'INVALID_MEASURE',
          /properties\.heightM must be a number, not "6"/,
        ],
        [
          line(4),
          { kind: 'gate', widthM: -3 },
          'INVALID_MEASURE',
          /^A gate \(gate\): properties\.widthM must be greater than 0/,
        ],
        [line(4), { kind: 'gate', open: 'yes' }, 'INVALID_MEASURE', /properties\.open must be true or false/],
        [line(4), { kind: 'barrier', costPerM: -1 }, 'INVALID_MEASURE', /costPerM must be at least 0/],
        [
          line(4),
          { kind: 'chicane', designSpeedKmh: 0 },
          'INVALID_MEASURE',
          /^A chicane \(chicane\): properties\.designSpeedKmh/,
        ],
        [
          square(50),
          { kind: 'cordon', accessPoints: [{ position: MONACO, kind: 'drone' }] },
          'INVALID_MEASURE',
          /properties\.accessPoints\[0\]\.kind must be one of "pedestrian", "vehicle", "emergency", not "drone"/,
        ],
        [
          line(4),
          { kind: 'gate', blocking: true, name: '' },
          'INVALID_MEASURE',
          /properties\.name must not be empty/,
        ],
        [point(), { kind: 'camera', blocking: true }, 'INVALID_MEASURE', /field "blocking"/],
        [
          point(),
          { kind: 'bollard' },
          'INVALID_MEASURE',
          /^properties\.kind must be one of bollard_line, barrier, gate, chicane, camera, cordon, not "bollard"/,
        ],
        [point(), {}, 'INVALID_MEASURE', /properties\.kind must be one of .*, not missing/],
      ];
      for (const [geometry, properties, code, message] of cases) {
        await postMeasure(geometry, properties, 400, code, message);
      }
    });

    it('refuses a PATCH whose merged measure is invalid, and leaves the measure alone', async () => {
      const url = `/api/sites/${siteId}/measures/${measureId}`;
      const stored = (await t.app.inject({ method: 'GET', url })).json();
      await refused(
        { method: 'PATCH', url, payload: { properties: { version: 1, spacingM: 0.1 } } },
        400,
        'INVALID_MEASURE',
        /spacingM \(0\.1 m, centre to centre\) must be larger than diameterM \(0\.2 m\)/,
      );
      await refused(
        { method: 'PATCH', url, payload: { properties: { version: 1, hfovDeg: 60 } } },
        400,
        'INVALID_MEASURE',
        /field "hfovDeg"/,
      );
      await refused(
        { method: 'PATCH', url, payload: { geometry: square(10), properties: { version: 1 } } },
        400,
        'WRONG_GEOMETRY_TYPE',
      );
      await refused(
        { method: 'PATCH', url, payload: { properties: { version: 1, rating: 'strong' } } },
        400,
        'INVALID_RATING',
      );
      await refused(
        { method: 'PATCH', url, payload: { properties: { version: 'one', rating: 'K12' } } },
        400,
        'VALIDATION_FAILED',
      );
      expect((await t.app.inject({ method: 'GET', url })).json()).toEqual(stored);
    });

    it('refuses crash ratings in no recognised form, with an example of one that is', async () => {
      const cases: Array<[string, RegExp]> = [
        [
          'V/7200[N2A]/48',
          /ISO 22343-1, IWA 14-1 or PAS 68 rating reads .* for example V\/7200\[N2A\]\/48\/90:0\.2/,
        ],
        ['V/7200/48/90:0.2', /for example V\/7200\[N2A\]\/48\/90:0\.2/],
        ['M55-P1', /ASTM F2656 rating .* for example M50-P1/],
        ['K10', /K4, K8 or K12/],
        [
          'very strong',
          /for example V\/7200\[N2A\]\/48\/90:0\.2 \(ISO 22343-1, IWA 14-1, PAS 68\), M50-P1 \(ASTM F2656\) or K12 \(US DoS\)/,
        ],
      ];
      for (const [rating, hint] of cases) {
        const message = await postMeasure(line(10), { kind: 'barrier', rating }, 400, 'INVALID_RATING', hint);
        expect(message).toContain(`A barrier (barrier): properties.rating "${rating}" is not a crash rating`);
      }
    });
  });
});
