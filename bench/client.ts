/**
 * The planner in the browser (issue 4) on the Monaco 2016 extract: Debian's Chromium, headless, SwiftShader
 * WebGL (e2e/browser.ts), against the server in this process on the embedded database with the three
 * venue sites (each with its venue as protected zone). Per venue, in a fresh browser profile:
 * - load: from navigation to the map being idle with the basemap and the plan drawn, and to the approach
 *   vectors drawn (the first analysis of the site included: cold for the first venue);
 * - edit to vectors: a barrier drawn across the fastest car vector with the tool (Enter finishes it), then
 *   its rating changed and saved in the properties panel, alternately stopping the car and not: from the
 *   Enter key or the Save click to the frame after the new result is on the page, and how much of it the
 *   analysis request took;
 * - panning with every layer on (speed map too), the whole site in view: frame times while the map is
 *   panned in a circle, one step per animation frame, for ten seconds; then the same without the speed
 *   map (off by default).
 * Everything is timed in the page (performance.now()); the numbers go to bench/results/client.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, launchBrowser } from '../e2e/browser.js';
import { buildClient } from '../e2e/server.js';
import { buildApp } from '../server/src/app.js';
import type { ApproachResult } from '../server/src/schemas/approach-analysis.js';
import { MONACO_2016, withMonacoVenues } from './monaco-venues.js';
import { barrierAcross } from './vda-analysis.js';

/** The client's default classes (client/src/ui/site-view.tsx): what a planner sees first. */
const CLASSES = ['M1', 'N2', 'N3F'];
/** One stops the car at the barrier, the other is too weak for it: each save changes the result. */
const RATINGS = ['V/7500[N2]/80/90:0.8/18.1', 'V/1500[M1]/32/90:0'];
const RATING_EDITS = 4;
const PAN_MS = 10_000;

const round = (x: number) => Math.round(x);
const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

/** The part of the planner's MapLibre map (window.bulwarkMap) used here. */
interface BenchMap {
  loaded(): boolean;
  areTilesLoaded(): boolean;
  getLayer(id: string): unknown;
  project(p: [number, number]): { x: number; y: number };
  fitBounds(bounds: number[], options: object): void;
  panBy(offset: [number, number], options: object): void;
}

/**
 * Installed before the app loads: `window.benchMarks` gets the time the map was first idle with the
 * plan's drawing layers in place, and the frame after the first vectors were on the page.
 */
function markLoad() {
  const marks: { mapReady?: number; vectorsShown?: number; vectorsDrawn?: number } = {};
  (window as unknown as { benchMarks: typeof marks }).benchMarks = marks;
  const poll = () => {
    const map = (window as unknown as { bulwarkMap?: BenchMap }).bulwarkMap;
    const now = performance.now();
    if (!marks.mapReady && map?.loaded() && map.areTilesLoaded() && map.getLayer('td-polygon'))
      marks.mapReady = now;
    if (marks.vectorsShown !== undefined && marks.vectorsDrawn === undefined) marks.vectorsDrawn = now;
    if (!marks.vectorsShown && document.querySelector('[data-testid="analysis-done"]'))
      marks.vectorsShown = now;
    if (!marks.mapReady || !marks.vectorsDrawn) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

/**
 * Arms the next edit's stopwatch in the page: it starts at the Enter that finishes a drawing or the click
 * on a form's Save, and stops at the frame after a new analysis result is on the page (the status line
 * leaves for "Analysing…" and comes back). The DOM is watched with a MutationObserver, not once a frame:
 * a software-rendered frame can take longer than a cached analysis. Resolves to the total, the part until
 * the result was on the page, and the analysis request's part (ms).
 */
interface EditTimes {
  totalMs: number;
  onPageMs: number;
  analysisMs: number;
}

async function armEdit(page: Page): Promise<() => Promise<EditTimes>> {
  await page.evaluate(() => {
    const state: { start?: number; gone?: boolean; shown?: number; end?: number } = {};
    (window as unknown as { benchEdit: typeof state }).benchEdit = state;
    const started = (event: Event) => {
      const target = event.target as HTMLElement | null;
      const isStart =
        (event instanceof KeyboardEvent && event.key === 'Enter') ||
        (event.type === 'click' && target?.closest('button[type="submit"]'));
      if (isStart && state.start === undefined) state.start = event.timeStamp;
    };
    document.addEventListener('keydown', started, true);
    document.addEventListener('click', started, true);
    const observer = new MutationObserver(() => {
      const done = document.querySelector('[data-testid="analysis-done"]');
      if (state.start !== undefined && !done) state.gone = true;
      if (!state.gone || !done) return;
      state.shown = performance.now();
      observer.disconnect();
      document.removeEventListener('keydown', started, true);
      document.removeEventListener('click', started, true);
      // The frame that draws it: the deck.gl overlay takes the new layers before its next render.
      requestAnimationFrame(() => requestAnimationFrame(() => (state.end = performance.now())));
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  return async () => {
    const handle = await page.waitForFunction(
      () => {
        const state = (window as unknown as { benchEdit: { start: number; shown: number; end?: number } })
          .benchEdit;
        if (state.end === undefined) return false;
        const requests = performance
          .getEntriesByType('resource')
          .filter((e) => e.name.endsWith('/analysis/approach') && e.startTime >= state.start);
        const analysis = requests.at(-1);
        return {
          totalMs: state.end - state.start,
          onPageMs: state.shown - state.start,
          analysisMs: analysis ? analysis.duration : NaN,
        };
      },
      undefined,
      { timeout: 120_000, polling: 100 },
    );
    return (await handle.jsonValue()) as EditTimes;
  };
}

/**
 * Resolves once the page has no request in flight: after each approach run the planner asks for the
 * standoff, which holds the embedded database's one session for seconds, and an edit made meanwhile
 * would time that wait, not the re-analysis.
 */
function settled(page: Page): () => Promise<void> {
  let inFlight = 0;
  page.on('request', () => inFlight++);
  page.on('requestfinished', () => inFlight--);
  page.on('requestfailed', () => inFlight--);
  return async () => {
    while (inFlight > 0) await page.waitForTimeout(100);
  };
}

async function waitForMapIdle(page: Page) {
  await page.waitForFunction(
    () => {
      const map = (window as unknown as { bulwarkMap?: BenchMap }).bulwarkMap;
      return map?.loaded() && map.areTilesLoaded();
    },
    undefined,
    { timeout: 60_000 },
  );
}

async function fitBounds(page: Page, bounds: number[], padding: number) {
  await page.evaluate(
    ([b, p]) =>
      (window as unknown as { bulwarkMap: BenchMap }).bulwarkMap.fitBounds(b, { padding: p, duration: 0 }),
    [bounds, padding] as const,
  );
  await waitForMapIdle(page);
}

async function clickAt(page: Page, [lon, lat]: number[]) {
  const box = (await page.getByTestId('map').boundingBox())!;
  const p = await page.evaluate(
    (q) => (window as unknown as { bulwarkMap: BenchMap }).bulwarkMap.project(q),
    [lon!, lat!] as [number, number],
  );
  await page.mouse.move(box.x + p.x - 3, box.y + p.y - 3);
  await page.mouse.click(box.x + p.x, box.y + p.y);
}

/** Pans in a circle, one step per frame, and returns the times between frames (ms). */
function panFrames(durationMs: number): Promise<number[]> {
  const map = (window as unknown as { bulwarkMap: BenchMap }).bulwarkMap;
  return new Promise((resolve) => {
    const frames: number[] = [];
    let last = performance.now();
    const start = last;
    let step = 0;
    const frame = (now: number) => {
      frames.push(now - last);
      last = now;
      if (now - start > durationMs) {
        resolve(frames.slice(1));
        return;
      }
      // 8 px a frame around a circle: tiles at the edges keep coming in as they would under a hand.
      step++;
      const angle = step / 20;
      map.panBy([8 * Math.cos(angle), 8 * Math.sin(angle)], { animate: false });
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

export async function clientBench(): Promise<Record<string, unknown>> {
  if (!fs.existsSync(CHROMIUM)) {
    console.warn(`skipped: no Chromium at ${CHROMIUM} (apt-get install chromium).`);
    return { skipped: 'no Chromium' };
  }
  buildClient();
  return withMonacoVenues(async ({ db, config, sites }) => {
    const app = await buildApp({ db, config });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const results: Record<string, unknown>[] = [];
    try {
      for (const site of sites) {
        const session = await launchBrowser();
        try {
          const page = await session.browser.newPage();
          const errors: string[] = [];
          page.on('pageerror', (e) => errors.push(e.message));
          const quiet = settled(page);
          // tsx (esbuild, keepNames) wraps the functions sent to the page in a `__name` helper the page lacks.
          await page.addInitScript({ content: 'window.__name = (f) => f;' });
          await page.addInitScript(markLoad);
          await page.goto(`${url}/#/sites/${site.siteId}`);
          const load = (await (
            await page.waitForFunction(
              () => {
                const m = (window as unknown as { benchMarks: Record<string, number | undefined> })
                  .benchMarks;
                return m.mapReady !== undefined && m.vectorsDrawn !== undefined && m;
              },
              undefined,
              { timeout: 180_000, polling: 200 },
            )
          ).jsonValue()) as { mapReady: number; vectorsDrawn: number };

          // The barrier across the fastest car vector, placed with the tool as a planner would.
          const analysed = await fetch(`${url}/api/sites/${site.siteId}/analysis/approach`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ vehicleClasses: CLASSES }),
          });
          const barrier = barrierAcross((await analysed.json()) as ApproachResult, 15);
          const [a, b] = barrier.geometry.coordinates as number[][];
          await fitBounds(
            page,
            [
              Math.min(a![0]!, b![0]!),
              Math.min(a![1]!, b![1]!),
              Math.max(a![0]!, b![0]!),
              Math.max(a![1]!, b![1]!),
            ],
            250,
          );
          await page.getByTestId('map').hover();
          await page.keyboard.press('r');
          await clickAt(page, a!);
          await clickAt(page, b!);
          const statuses = () =>
            page
              .getByTestId('vector-row')
              .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
          const stopped = async () =>
            (await statuses()).filter((s) => s === 'stopped' || s === 'energy_equivalent').length;
          const stoppedAfter: number[] = [];
          await quiet();
          const drawn = await armEdit(page);
          await page.keyboard.press('Enter');
          const edits = [await drawn()];
          stoppedAfter.push(await stopped());
          for (let i = 0; i < RATING_EDITS; i++) {
            await page.getByLabel('Crash rating').fill(RATINGS[i % 2]!);
            await quiet();
            const saved = await armEdit(page);
            await page.getByRole('button', { name: 'Save', exact: true }).click();
            edits.push(await saved());
            stoppedAfter.push(await stopped());
          }
          const vectors = (await statuses()).length;

          // Every layer on: the speed map as well, the whole site in view.
          await page.keyboard.press('Escape');
          const speedMap = page.getByRole('checkbox', { name: /Speed map for/ });
          await speedMap.check();
          const { bbox } = (await (await fetch(`${url}/api/sites/${site.siteId}`)).json()) as {
            bbox: number[];
          };
          await fitBounds(page, bbox, 40);
          await quiet();
          const frames = await page.evaluate(panFrames, PAN_MS);
          // The same without the speed map (off by default): what it costs.
          await speedMap.uncheck();
          await fitBounds(page, bbox, 40);
          await quiet();
          const framesNoSpeedMap = await page.evaluate(panFrames, PAN_MS);

          const totals = edits.map((e) => e.totalMs);
          const entry = {
            venue: site.name,
            loadMapReadyMs: round(load.mapReady),
            loadVectorsDrawnMs: round(load.vectorsDrawn),
            editToVectorsMs: totals.map(round),
            editToVectorsMedianMs: round(quantile(totals, 0.5)),
            editResultOnPageMs: edits.map((e) => round(e.onPageMs)),
            analysisRequestMs: edits.map((e) => round(e.analysisMs)),
            vectors,
            stoppedAfterEdit: stoppedAfter,
            panFrames: frames.length,
            panFrameP50Ms: round(quantile(frames, 0.5)),
            panFrameP95Ms: round(quantile(frames, 0.95)),
            panNoSpeedMapFrames: framesNoSpeedMap.length,
            panNoSpeedMapFrameP50Ms: round(quantile(framesNoSpeedMap, 0.5)),
            panNoSpeedMapFrameP95Ms: round(quantile(framesNoSpeedMap, 0.95)),
            pageErrors: errors,
          };
          console.log(JSON.stringify(entry));
          results.push(entry);
        } finally {
          await session.close();
        }
      }
    } finally {
      await app.close();
    }
    return {
      dataset: path.basename(MONACO_2016),
      browser: `${CHROMIUM}, headless, SwiftShader WebGL, 1440×900`,
      classes: CLASSES,
      ratingEdits: RATING_EDITS,
      panMs: PAN_MS,
      venues: results,
    };
  });
}
