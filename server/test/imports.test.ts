import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/config.js';
import { MAX_PENDING } from '../src/import/import-jobs.js';
import { createTestApp, type TestApp } from './helpers/test-db.js';

const OSM_DIR = path.resolve(repoRoot, '../shared/data/osm');
const MONACO_2021 = path.join(OSM_DIR, 'monaco-2021-04-21.planetiler.osm.pbf');
const MONACO_2016 = path.join(OSM_DIR, 'monaco-2016-03-05.osrm-backend.osm.pbf');
const haveData = fs.existsSync(MONACO_2021);
if (!haveData) console.warn(`skipping import API tests: ${OSM_DIR} is absent (the shared OSM extracts)`);

function pinnedSha(file: string): string | undefined {
  const sums = fs.readFileSync(path.join(OSM_DIR, 'SHA256SUMS'), 'utf8');
  return sums
    .split('\n')
    .find((line) => line.endsWith(path.basename(file)))
    ?.split(/\s+/)[0];
}

function upload(file: Buffer | string, fileName: string, name?: string): FormData {
  const form = new FormData();
  if (name) form.append('name', name);
  form.append('file', new Blob([typeof file === 'string' ? fs.readFileSync(file) : file]), fileName);
  return form;
}

async function countFeatures(t: TestApp, name: string): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM features f JOIN osm_sources s ON s.id = f.source_id WHERE s.name = $1',
    [name],
  );
  return rows[0]?.n ?? 0;
}

describe.skipIf(!haveData)('POST /api/imports (real OSM extracts)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ maxUploadBytes: 1024 * 1024 });
  });
  afterAll(() => t.close());

  it('imports Monaco 2021: 1,207 buildings (1,183 ways + 24 multipolygons) and roads by highway class', async () => {
    expect(createHash('sha256').update(fs.readFileSync(MONACO_2021)).digest('hex')).toBe(
      pinnedSha(MONACO_2021),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports?wait=true',
      payload: upload(MONACO_2021, 'monaco.osm.pbf'),
    });
    expect(res.statusCode).toBe(201);
    const job = res.json();
    expect(job.status).toBe('succeeded');
    expect(job.progress).toBe(1);
    const c = job.summary.counts;
    expect(c.byLayer.buildings).toBe(1207);
    expect(c.buildingsFromWays).toBe(1183);
    expect(c.buildingsFromRelations).toBe(24);
    // osmium's counts for this file (../shared/data/osm/README.md)
    expect(c.byKind.roads).toMatchObject({ primary: 296, residential: 271, service: 271 });
    expect(c.byKind.paths).toMatchObject({ steps: 269 });
    expect(job.summary.replaced).toBe(false);
    const { rows } = await t.db.query<{ layer: string; n: number }>(
      'SELECT layer, count(*)::int AS n FROM features WHERE source_id = $1 GROUP BY layer',
      [job.summary.sourceId],
    );
    expect(Object.fromEntries(rows.map((r) => [r.layer, r.n]))).toEqual(c.byLayer);
  });

  it('re-importing the same file replaces its data and never duplicates it', async () => {
    const before = await countFeatures(t, 'monaco.osm.pbf');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports?wait=true',
      payload: upload(MONACO_2021, 'monaco.osm.pbf'),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().summary.replaced).toBe(true);
    expect(await countFeatures(t, 'monaco.osm.pbf')).toBe(before);
    // same content under another file name is the same data set
    const renamed = await t.app.inject({
      method: 'POST',
      url: '/api/imports?wait=true',
      payload: upload(MONACO_2021, 'copy.pbf'),
    });
    expect(renamed.json().summary.replaced).toBe(true);
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM osm_sources');
    expect(rows[0]?.n).toBe(1);
  });

  it('runs as a job with progress that can be polled', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      payload: upload(MONACO_2021, 'polled.pbf', 'polled'),
    });
    expect(res.statusCode).toBe(202);
    const { id, status } = res.json();
    expect(['queued', 'running']).toContain(status);
    let job = res.json();
    for (let i = 0; i < 600 && job.status !== 'succeeded' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await t.app.inject({ method: 'GET', url: `/api/imports/${id}` })).json();
    }
    expect(job.status).toBe('succeeded');
    expect(job.summary.counts.byLayer.buildings).toBe(1207);
    const list = (await t.app.inject({ method: 'GET', url: '/api/imports' })).json();
    expect(list.imports[0].id).toBe(id);
    const sources = (await t.app.inject({ method: 'GET', url: '/api/sources' })).json().sources;
    const polled = sources.find((s: { name: string }) => s.name === 'polled');
    // the 2021 extract's declared bbox: 7.4092–7.4486 E, 43.7234–43.7517 N
    expect(polled.bbox[0]).toBeCloseTo(7.409, 2);
    expect(polled.bbox[3]).toBeCloseTo(43.752, 2);
  });

  it('refuses a truncated file with a clear error and keeps the previous import intact', async () => {
    const before = await countFeatures(t, 'monaco.osm.pbf');
    const half = fs.readFileSync(MONACO_2021).subarray(0, 200_000);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports?wait=true',
      payload: upload(half, 'monaco.osm.pbf'),
    });
    expect(res.statusCode).toBe(422);
    expect(['OSM_TRUNCATED', 'OSM_UNREADABLE']).toContain(res.json().code);
    expect(res.json().message).toMatch(/incomplete|damaged/);
    expect(await countFeatures(t, 'monaco.osm.pbf')).toBe(before);
  });

  it('refuses files that are not map data, empty uploads and missing files', async () => {
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/imports?wait=true',
      payload: upload(Buffer.from('hello, not a map'), 'notes.txt'),
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('UNSUPPORTED_FORMAT');
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/imports?wait=true',
      payload: upload(Buffer.alloc(0), 'empty.osm'),
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().code).toBe('OSM_EMPTY');
    const form = new FormData();
    form.append('name', 'nothing');
    const missing = await t.app.inject({ method: 'POST', url: '/api/imports', payload: form });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('UPLOAD_MISSING');
    const json = await t.app.inject({ method: 'POST', url: '/api/imports', payload: { file: 'x' } });
    expect(json.statusCode).toBe(400);
    expect(json.json().code).toBe('UPLOAD_MISSING');
  });

  it('refuses an upload over the size limit (here 1 MB) without importing anything', async () => {
    const sourcesBefore = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM osm_sources'))
      .rows[0]?.n;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports?wait=true',
      payload: upload(MONACO_2016, 'monaco-2016.osm.pbf'),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('UPLOAD_TOO_LARGE');
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM osm_sources')).rows[0]?.n).toBe(
      sourcesBefore,
    );
  });

  it('keeps a different file under a taken file name as a new data set, and replaces by an explicit name', async () => {
    const berlin = path.join(OSM_DIR, 'berlin-siegessaeule.graphhopper.osm.gz');
    const before = await countFeatures(t, 'monaco.osm.pbf');
    const numbered = await t.app.inject({
      method: 'POST',
      url: '/api/imports?wait=true',
      payload: upload(berlin, 'monaco.osm.pbf'),
    });
    expect(numbered.statusCode).toBe(201);
    expect(numbered.json().summary).toMatchObject({ name: 'monaco.osm.pbf (2)', replaced: false });
    expect(await countFeatures(t, 'monaco.osm.pbf')).toBe(before);
    const explicit = await t.app.inject({
      method: 'POST',
      url: '/api/imports?wait=true',
      payload: upload(berlin, 'whatever.osm.gz', 'polled'),
    });
    expect(explicit.json().summary).toMatchObject({ name: 'polled', replaced: true });
    expect(await countFeatures(t, 'polled')).toBe(explicit.json().summary.counts.features);
  });

  it('refuses a malformed multipart body with a 400 and leaves no temporary file', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.osm"\r\n\r\n<osm',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('UPLOAD_MISSING');
    const leftovers = fs
      .readdirSync(os.tmpdir())
      .filter((d) => d.startsWith('bulwark-uploads-'))
      .flatMap((d) => fs.readdirSync(path.join(os.tmpdir(), d)));
    expect(leftovers).toEqual([]);
  });

  it('answers 503 when too many imports are already waiting, and runs the accepted ones', async () => {
    const answers = [];
    for (let i = 0; i < MAX_PENDING + 1; i++) {
      answers.push(
        await t.app.inject({
          method: 'POST',
          url: '/api/imports',
          payload: upload(MONACO_2021, `queued-${i}.pbf`),
        }),
      );
    }
    expect(answers.map((a) => a.statusCode)).toEqual([...Array(MAX_PENDING).fill(202), 503]);
    expect(answers[MAX_PENDING]!.json().code).toBe('IMPORT_QUEUE_FULL');
    for (const answer of answers.slice(0, MAX_PENDING)) {
      let job = answer.json();
      while (job.status === 'queued' || job.status === 'running') {
        await new Promise((r) => setTimeout(r, 50));
        job = (await t.app.inject({ method: 'GET', url: `/api/imports/${job.id}` })).json();
      }
      expect(job.status).toBe('succeeded');
    }
  });

  it('answers 404 for an unknown job', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/imports/00000000-0000-0000-0000-000000000000',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('IMPORT_NOT_FOUND');
  });
});
