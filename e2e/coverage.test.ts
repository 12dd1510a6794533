/**
 * CCTV coverage end to end on the demo site: a camera placed and turned towards the square, its view drawn
 * in detail bands and the coverage tables showing what the API answers to the same request; then the
 * camera aimed elsewhere by its handle, and the tables and the map following. Screenshots go to
 * e2e/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import type { BrowserSession } from './browser.js';
import { mapColoursAt, type Rgb } from './map-pixels.js';
import type { LonLat, PlannerPage } from './planner-page.js';
import { startPlanner, stopPlanner } from './planner-suite.js';
import type { TestServer } from './server.js';

// South-west of the demo square (data/demo-site.json), 12 m off its west edge: turned to 45° it looks
// across the square; aimed north it looks up Market Street's side of it.
const CAMERA: LonLat = [0.0052, 51.4807];
// The square's south-west and north-east corners.
const SQUARE: [LonLat, LonLat] = [
  [0.0053803, 51.4809405],
  [0.0068197, 51.4816595],
];
const METRES_PER_LAT = 111_320;
const metresPerLon = (lat: number) => METRES_PER_LAT * Math.cos((lat * Math.PI) / 180);

/** The position `rangeM` from `from` along `bearingDeg`. */
const offset = ([lon, lat]: LonLat, bearingDeg: number, rangeM: number): LonLat => [
  lon + (rangeM * Math.sin((bearingDeg * Math.PI) / 180)) / metresPerLon(lat),
  lat + (rangeM * Math.cos((bearingDeg * Math.PI) / 180)) / METRES_PER_LAT,
];

type MultiPolygon = LonLat[][][];
interface CoverageAnswer {
  detailLevel: string;
  vectorTailM: number;
  cameras: {
    id: string;
    name: string | null;
    bearingDeg: number;
    hfovDeg: number;
    resolutionPx: number;
    coverageAreaM2: number;
    privacyAreaM2: number;
  }[];
  bands: { features: { geometry: { coordinates: MultiPolygon }; properties: { level: string } }[] };
  zones: {
    zoneId: string;
    areaM2: number;
    seenAreaM2: number;
    areaShare: number;
    perimeterM: number;
    seenPerimeterM: number;
    perimeterShare: number;
  }[];
  vectors: {
    features: {
      geometry: { coordinates: LonLat[] };
      properties: { share: number; seenM: number; tailM: number; impactSeen: boolean };
    }[];
  };
  privacy: { features: { geometry: { coordinates: MultiPolygon } }[] };
}

/** The answer without how it was computed (timings, cache hits), which differ between two asks. */
const scored = (answer: CoverageAnswer) => ({ ...answer, timingsMs: null, cache: null });

/** As the planner writes them (client/src/ui/coverage-rows.ts). */
const whole = (x: number) => Math.round(x).toLocaleString('en');
const area = (m2: number) => `${m2 < 10 && m2 > 0 ? m2.toFixed(1) : whole(m2)} m²`;
const length = (m: number) => `${m < 10 && m > 0 ? m.toFixed(1) : whole(m)} m`;
const share = (s: number) =>
  s <= 0 ? '0%' : s >= 1 ? '100%' : s < 0.01 ? '<1%' : s > 0.99 ? '>99%' : `${Math.round(s * 100)}%`;

/** Even–odd point in polygon, in degrees (the views are a few hundred metres across). */
function inside([x, y]: LonLat, multi: MultiPolygon): boolean {
  return multi.some((polygon) => {
    let odd = false;
    for (const ring of polygon)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
      }
    return odd;
  });
}
/** Within 8 m of the demo square, where blind spots are drawn. */
const inSquare = ([lon, lat]: LonLat) =>
  lon > SQUARE[0][0] - 8 / metresPerLon(lat) &&
  lon < SQUARE[1][0] + 8 / metresPerLon(lat) &&
  lat > SQUARE[0][1] - 8 / METRES_PER_LAT &&
  lat < SQUARE[1][1] + 8 / METRES_PER_LAT;
const inView = (p: LonLat, answer: CoverageAnswer) =>
  answer.bands.features.some((f) => inside(p, f.geometry.coordinates));

/** Metres from a point to a line (flat: a few hundred metres). */
function distanceToLine(p: LonLat, line: LonLat[]): number {
  const k = metresPerLon(p[1]);
  const local = ([lon, lat]: LonLat) => [(lon - p[0]) * k, (lat - p[1]) * METRES_PER_LAT] as const;
  let best = Infinity;
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = local(line[i - 1]!);
    const [bx, by] = local(line[i]!);
    const l2 = (bx - ax) ** 2 + (by - ay) ** 2;
    const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * (bx - ax) + ay * (by - ay)) / l2));
    best = Math.min(best, Math.hypot(ax + t * (bx - ax), ay + t * (by - ay)));
  }
  return best;
}

/** Drawn by the coverage layers outside the views: privacy masks, vector tails and their rings. */
const markedOutsideView = (p: LonLat, answer: CoverageAnswer) =>
  answer.privacy.features.some((f) => inside(p, f.geometry.coordinates)) ||
  answer.vectors.features.some((f) => distanceToLine(p, f.geometry.coordinates) < 5);

describe('CCTV coverage', () => {
  let server: TestServer;
  let session: BrowserSession;
  let page: Page;
  let planner: PlannerPage;
  let siteId: string;
  const pageErrors: string[] = [];
  /** Every coverage request the planner sent, with its answer once it came (a cancelled one never does). */
  const runs: { request: Request; body: unknown; answer: CoverageAnswer | null; order: number }[] = [];
  /**
   * The order of the planner's requests: when its last edit was answered, when it sent its last approach
   * request (0: none yet), and how many edits are still unanswered.
   */
  const sent = { order: 0, edit: 0, approach: 0, editsPending: 0 };
  const isEdit = (request: Request) =>
    request.method() !== 'GET' &&
    /^\/api\/sites\/[^/]+\/(zones|measures)(\/|$)/.test(new URL(request.url()).pathname);

  const post = async (body: unknown): Promise<CoverageAnswer> => {
    const response = await fetch(`${server.url}/api/sites/${siteId}/analysis/coverage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as CoverageAnswer;
  };

  /**
   * Waits until the planner has settled on a coverage answer that satisfies `test`, and returns what it
   * asked and what it was answered. Settled means the last coverage run was answered and shown, and was
   * asked after the last approach run, which was asked after the last edit was answered (the planner
   * reruns the analysis once it has the answer): a run asked before an edit's rerun started can be
   * answered for the edited plan and then be superseded.
   */
  const settled = async (test: (answer: CoverageAnswer) => boolean, timeout = 90_000) => {
    let last: (typeof runs)[number] | undefined;
    await expect
      .poll(
        async () => {
          last = runs.at(-1);
          return (
            last?.answer != null &&
            last.order > sent.approach &&
            sent.approach > sent.edit &&
            sent.editsPending === 0 &&
            test(last.answer) &&
            (await page.getByTestId('coverage-done').count()) === 1
          );
        },
        { timeout, interval: 200 },
      )
      .toBe(true);
    return { body: last!.body, answer: last!.answer! };
  };

  /** The table shows `answer`: the zone's shares and metres, the camera's area, every vector's share. */
  const expectTablesToShow = async (answer: CoverageAnswer) => {
    const zone = answer.zones[0]!;
    const row = page.locator(`[data-testid="coverage-zone-row"][data-zone-id="${zone.zoneId}"]`);
    await expect(row.getByTestId('zone-area').innerText()).resolves.toMatch(
      `${share(zone.areaShare)}\n${area(zone.seenAreaM2)} of ${area(zone.areaM2)}`,
    );
    await expect(row.getByTestId('zone-perimeter').innerText()).resolves.toMatch(
      `${share(zone.perimeterShare)}\n${length(zone.seenPerimeterM)} of ${length(zone.perimeterM)}`,
    );
    const camera = answer.cameras[0]!;
    const cameraRow = page.locator(`[data-testid="coverage-camera-row"][data-camera-id="${camera.id}"]`);
    await expect(cameraRow.getByTestId('camera-area').innerText()).resolves.toBe(area(camera.coverageAreaM2));
    await expect(cameraRow.innerText()).resolves.toContain(`${camera.resolutionPx.toLocaleString('en')} px`);
    const vectors = page.getByTestId('coverage-vector-row');
    await expect(vectors.count()).resolves.toBe(answer.vectors.features.length);
    const shown = await vectors.evaluateAll((rows) =>
      rows.map((r) => ({
        index: Number(r.getAttribute('data-index')),
        seen: r.querySelector('[data-testid="vector-seen"]')!.textContent,
      })),
    );
    for (const { index, seen } of shown) {
      const tail = answer.vectors.features[index]!.properties;
      expect(seen).toBe(`${share(tail.share)}${length(tail.seenM)} of ${length(tail.tailM)}`);
    }
  };

  /** Points every 3 m within `radiusM` of the camera. */
  const around = (radiusM: number): LonLat[] => {
    const points: LonLat[] = [];
    for (let east = -radiusM; east <= radiusM; east += 3)
      for (let north = -radiusM; north <= radiusM; north += 3)
        if (Math.hypot(east, north) <= radiusM)
          points.push([CAMERA[0] + east / metresPerLon(CAMERA[1]), CAMERA[1] + north / METRES_PER_LAT]);
    return points;
  };

  beforeAll(async () => {
    ({ server, session, page, planner } = await startPlanner(pageErrors));
    page.on('request', (request) => {
      const url = new URL(request.url()).pathname;
      if (isEdit(request)) sent.editsPending += 1;
      else if (request.method() === 'POST' && url.endsWith('/analysis/coverage'))
        runs.push({ request, body: request.postDataJSON(), answer: null, order: ++sent.order });
      else if (request.method() === 'POST' && url.endsWith('/analysis/approach'))
        sent.approach = ++sent.order;
    });
    const editAnswered = (request: Request) => {
      if (!isEdit(request)) return;
      sent.editsPending -= 1;
      sent.edit = ++sent.order;
    };
    page.on('requestfinished', editAnswered);
    page.on('requestfailed', editAnswered);
    page.on('response', async (response) => {
      const run = runs.find((r) => r.request === response.request());
      // A run the planner cancels while its answer arrives has none.
      if (run && response.ok())
        run.answer = (await response.json().catch(() => null)) as CoverageAnswer | null;
    });
  }, 180_000);

  afterAll(() => stopPlanner({ server, session }));

  /** Shows the positions with room for the legend (lower left) and the map's controls. */
  const showAround = (positions: LonLat[]) =>
    planner.showAround(positions, { top: 40, right: 60, bottom: 40, left: 300 });

  /** The share of `points` whose colour differs between two readings of the map. */
  const changedShare = (points: LonLat[], a: (Rgb | null)[], b: (Rgb | null)[], all: LonLat[]) => {
    const pairs = points
      .map((p) => all.indexOf(p))
      .map((i) => [a[i], b[i]] as const)
      .filter((pair): pair is readonly [Rgb, Rgb] => pair[0] !== null && pair[1] !== null);
    const changed = pairs.filter(([x, y]) => x.some((c, i) => Math.abs(c - y[i]!) > 12)).length;
    return { share: pairs.length === 0 ? 0 : changed / pairs.length, count: pairs.length };
  };

  /** The positions on the map and clear of the legend (which is as tall as the layers it explains). */
  const unhidden = async (positions: LonLat[]) => {
    const legend = (await page.getByLabel('Map legend').boundingBox())!;
    const map = (await planner.map.boundingBox())!;
    const onScreen = await page.evaluate(
      (positions) => positions.map((p) => window.bulwarkMap!.project(p)),
      positions,
    );
    return positions.filter((_, i) => {
      const x = map.x + onScreen[i]!.x;
      const y = map.y + onScreen[i]!.y;
      const inLegend =
        x >= legend.x && x <= legend.x + legend.width && y >= legend.y && y <= legend.y + legend.height;
      return x >= map.x && y >= map.y && x <= map.x + map.width && y <= map.y + map.height && !inLegend;
    });
  };

  let points: LonLat[];
  let first: CoverageAnswer;
  let moved: CoverageAnswer;
  let firstColours: (Rgb | null)[];

  it('draws a new camera’s view in detail bands and tabulates what the API answers', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: /Bulwark Demo Square/ }).click();
    await planner.waitForMap();
    siteId = /#\/sites\/([\w-]+)$/.exec(page.url())![1]!;
    // The first approach run on a fresh server builds the site's graph: give it time.
    await page.getByText('Place a camera (K) to see what it covers.').waitFor({ timeout: 90_000 });
    expect(runs).toHaveLength(0);

    // The whole view: to the monitor level, about 130 m out.
    await showAround([offset(CAMERA, 225, 20), offset(CAMERA, 15, 135), offset(CAMERA, 75, 135)]);
    await planner.draw('k', [CAMERA]);
    await page.getByLabel(/Bearing/).waitFor();
    await planner.setField(/Bearing/, '45');
    const { body, answer } = await settled((a) => a.cameras[0]?.bearingDeg === 45);
    // The classes of the approach run on the map, at the default level.
    expect(body).toEqual({ detailLevel: 'detect', vehicleClasses: ['M1', 'N2', 'N3F'] });
    first = await post(body);
    expect(scored(first)).toEqual(scored(answer));
    expect(first.cameras).toHaveLength(1);
    expect(first.cameras[0]).toMatchObject({ bearingDeg: 45, hfovDeg: 60, resolutionPx: 1920 });
    expect(first.zones[0]!.areaShare).toBeGreaterThan(0.05);
    await expectTablesToShow(first);
    await expect(page.getByLabel('Map legend').innerText()).resolves.toContain('CCTV detail');
    await planner.screenshot('coverage-1-camera-at-45');

    // What the coverage layers add: the map with them against the map without them.
    await planner.map.hover({ position: { x: 5, y: 5 } });
    points = await unhidden(around(140));
    firstColours = await mapColoursAt(page, planner.map, points);
    await page.getByRole('checkbox', { name: 'Show coverage on the map' }).uncheck();
    await expect(page.getByLabel('Map legend').innerText()).resolves.not.toContain('CCTV detail');
    const without = await mapColoursAt(page, planner.map, points);
    await page.getByRole('checkbox', { name: 'Show coverage on the map' }).check();
    const seen = points.filter((p) => inView(p, first));
    const clear = points.filter((p) => !inView(p, first) && !inSquare(p) && !markedOutsideView(p, first));
    const drawn = changedShare(seen, firstColours, without, points);
    expect(drawn.count).toBeGreaterThan(100);
    expect(drawn.share, 'the view is drawn').toBeGreaterThan(0.9);
    const elsewhere = changedShare(clear, firstColours, without, points);
    expect(elsewhere.count).toBeGreaterThan(100);
    expect(elsewhere.share, 'nothing else').toBeLessThan(0.05);
  }, 150_000);

  it('follows the camera aimed elsewhere by its handle', async () => {
    // The aim handle is at the end of the drawn view (40 m, the planner's default range) along 45°.
    const handle = offset(CAMERA, 45, 40);
    await planner.waitForHandleAt(handle);
    const a = await planner.screenPoint(handle);
    const b = await planner.screenPoint(offset(CAMERA, 0, 60));
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++)
      await page.mouse.move(a.x + ((b.x - a.x) * step) / 10, a.y + ((b.y - a.y) * step) / 10);
    await page.mouse.up();
    await planner.waitForFieldValue(/Bearing/, '0');

    const { body, answer } = await settled((a) => a.cameras[0]?.bearingDeg === 0);
    moved = await post(body);
    expect(scored(moved)).toEqual(scored(answer));
    expect(moved.zones[0]!.seenAreaM2).not.toBe(first.zones[0]!.seenAreaM2);
    expect(moved.cameras[0]!.coverageAreaM2).not.toBe(first.cameras[0]!.coverageAreaM2);
    await expectTablesToShow(moved);

    // Where the view left and where it went, the map changed (deck.gl draws on its next frame).
    const left = points.filter((p) => inView(p, first) && !inView(p, moved));
    const came = points.filter((p) => inView(p, moved) && !inView(p, first));
    expect(left.length).toBeGreaterThan(50);
    expect(came.length).toBeGreaterThan(20);
    await planner.map.hover({ position: { x: 5, y: 5 } });
    await expect
      .poll(
        async () => {
          const now = await mapColoursAt(page, planner.map, points);
          return Math.min(
            changedShare(left, firstColours, now, points).share,
            changedShare(came, firstColours, now, points).share,
          );
        },
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0.85);
    await planner.screenshot('coverage-2-camera-aimed-north');
  }, 120_000);

  it('scores another detail level, and a camera’s row selects it from the keyboard', async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('form', { name: 'Properties of the camera' }).waitFor({ state: 'detached' });
    await page.getByLabel(/Detail level/).selectOption('identify');
    const { body } = await settled((answer) => answer.detailLevel === 'identify');
    expect(body).toMatchObject({ detailLevel: 'identify' });
    const identify = await post(body);
    expect(identify.cameras[0]!.coverageAreaM2).toBeLessThan(moved.cameras[0]!.coverageAreaM2);
    await expectTablesToShow(identify);
    await expect(page.getByLabel('Map legend').innerText()).resolves.toContain('seen at identify or better');
    await planner.screenshot('coverage-3-identify');

    await page.getByTestId('coverage-camera-row').first().focus();
    await page.keyboard.press('Enter');
    await page.getByRole('form', { name: 'Properties of the camera' }).waitFor();
    await expect(page.locator('.maplibregl-ctrl-attrib').innerText()).resolves.toContain(
      '© OpenStreetMap contributors',
    );
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
