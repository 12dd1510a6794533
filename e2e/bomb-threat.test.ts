/**
 * The standoff table and layer, and the bomb-threat tool, end to end on the demo site: its protected zone's
 * standoff as the API computes it; a suspect item placed with the tool, a chart row chosen, the rings on
 * the map, the buildings and cordon points as the API lists them, both downloads, and refusals in words.
 * Screenshots go to e2e/artifacts/.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from './browser.js';
import { shareShowing, type Rgb } from './map-pixels.js';
import type { LonLat, PlannerPage } from './planner-page.js';
import { startPlanner, stopPlanner } from './planner-suite.js';
import type { TestServer } from './server.js';

// West of the demo square, between Market Street and the buildings around it: a pipe bomb here has two
// buildings inside its building ring and roads crossing its outdoor ring (366 m) inside the demo data.
const SUSPECT_ITEM: LonLat = [0.0045, 51.4813];
// Colours of client/src/analysis/standoff-layers.ts and bomb-threat-layers.ts.
const M1_COLOUR: Rgb = [0, 114, 178];
const BUILDING_RING: Rgb = [221, 28, 119];
const OUTDOOR_RING: Rgb = [140, 81, 10];
const CLASSES = ['M1', 'N2', 'N3F'];

interface StandoffAnswer {
  standoff: { vehicleClass: string; distanceM: number | null; meetsBuildingDistance: boolean }[];
  rings: { features: { geometry: { coordinates: LonLat[][][] }; properties: { vehicleClass: string } }[] };
}
interface BombAnswer {
  rings: { features: { geometry: { coordinates: LonLat[][] }; properties: { ring: string } }[] };
  evacuate: Record<'building' | 'outdoor', { count: number; buildings: { id: number }[] }>;
  cordonPoints: { features: { properties: { name: string | null } }[] };
  assemblyAreas: unknown[];
}

describe('standoff and bomb threat', () => {
  let server: TestServer;
  let session: BrowserSession;
  let page: Page;
  let planner: PlannerPage;
  let bomb: BombAnswer;
  const pageErrors: string[] = [];

  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    ({ server, session, page, planner } = await startPlanner(pageErrors));
  }, 180_000);

  afterAll(() => stopPlanner({ server, session }));

  it('shows the achieved standoff of the demo square’s protected zone, as the API computes it', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: /Bulwark Demo Square/ }).click();
    await planner.waitForMap();
    const rows = page.getByTestId('standoff-row');
    // The first approach and standoff runs on a fresh server build the site's graph: give them time.
    await expect.poll(() => rows.count(), { timeout: 90_000 }).toBe(CLASSES.length);

    const siteId = /#\/sites\/([\w-]+)$/.exec(page.url())![1]!;
    const answer = await post<StandoffAnswer>(`/api/sites/${siteId}/analysis/standoff`, {
      vehicleClasses: CLASSES,
    });
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-class')))).toEqual(CLASSES);
    for (const entry of answer.standoff) {
      const row = page.locator(`[data-testid="standoff-row"][data-class="${entry.vehicleClass}"]`);
      await expect(row.getAttribute('data-meets')).resolves.toBe(String(entry.meetsBuildingDistance));
      // The demo square is open to every class: no standoff, under the 10 m floor.
      expect(entry.distanceM).toBe(0);
      await expect(row.innerText()).resolves.toMatch(/0 m\s+gets in[\s\S]*no[\s\S]*under 10 m/);
    }

    // The car's ring at its building distance (98 m) around where it gets, drawn in its colour.
    await planner.waitForMapAtRest([SUSPECT_ITEM]);
    const carRing = answer.rings.features.find((f) => f.properties.vehicleClass === 'M1')!;
    // The ring is a MultiPolygon: the outline of its widest part.
    const outer = carRing.geometry.coordinates
      .map((p) => p[0]!)
      .reduce((a, b) => (b.length > a.length ? b : a));
    const drawn = await shareShowing(page, planner.map, outer, M1_COLOUR);
    expect(drawn.onScreen).toBeGreaterThan(10);
    expect(drawn.share).toBeGreaterThan(0.4);
    await expect(page.getByLabel('Map legend').innerText()).resolves.toContain('building distance');

    // A row is reachable from the keyboard and highlights its line.
    await rows.first().focus();
    await page.keyboard.press('Enter');
    await expect(rows.first().getAttribute('aria-selected')).resolves.toBe('true');
    await planner.screenshot('bomb-1-standoff');

    // The switch hides the layer and its legend.
    await page.getByRole('checkbox', { name: /Show standoff/ }).uncheck();
    await expect(page.getByLabel('Map legend').innerText()).resolves.not.toContain('building distance');
    await page.getByRole('checkbox', { name: /Show standoff/ }).check();
  }, 120_000);

  it('places a suspect item with the bomb-threat tool and lists what the API lists', async () => {
    // The highlighted standoff row zoomed the map in: back to the whole site.
    await page.getByRole('button', { name: 'Zoom to site' }).click();
    await planner.waitForMapAtRest([SUSPECT_ITEM]);
    await planner.map.hover();
    await page.keyboard.press('t');
    await expect(
      page.getByRole('button', { name: /Bomb threat/ }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await planner.clickAt(SUSPECT_ITEM);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/threats/bomb'));
    await page.getByLabel(/^Threat/).selectOption('pipe-bomb');
    const response = await answered;
    expect(response.status()).toBe(200);
    const sent = response.request().postDataJSON() as { location: LonLat; threat: string; siteId: string };
    expect(sent.threat).toBe('pipe-bomb');
    expect(Math.abs(sent.location[0] - SUSPECT_ITEM[0])).toBeLessThan(0.0001);
    expect(Math.abs(sent.location[1] - SUSPECT_ITEM[1])).toBeLessThan(0.0001);

    // The same question asked of the API directly.
    bomb = await post<BombAnswer>('/api/threats/bomb', sent);
    expect(bomb.evacuate.building.count).toBeGreaterThan(0);
    expect(bomb.cordonPoints.features.length).toBeGreaterThan(0);
    const buildingRows = page.getByTestId('building-row');
    await expect.poll(() => buildingRows.count()).toBe(bomb.evacuate.outdoor.count);
    const shownIds = await buildingRows.evaluateAll((trs) =>
      trs.map((tr) => Number(tr.getAttribute('data-id'))),
    );
    expect(shownIds).toEqual(bomb.evacuate.outdoor.buildings.map((b) => b.id));
    const inner = await page.locator('[data-testid="building-row"][data-ring="building"]').count();
    expect(inner).toBe(bomb.evacuate.building.count);
    await expect(page.getByTestId('ring-count-building').innerText()).resolves.toContain(
      `${bomb.evacuate.building.count} building`,
    );
    await expect(page.getByTestId('cordon-row').count()).resolves.toBe(bomb.cordonPoints.features.length);
    await expect(page.getByTestId('cordon-table').innerText()).resolves.toContain(
      bomb.cordonPoints.features.find((c) => c.properties.name)!.properties.name!,
    );

    // Both rings on the map, where the API puts them (the map fits itself to the outer ring).
    const outer = bomb.rings.features.find((f) => f.properties.ring === 'outdoor')!.geometry.coordinates[0]!;
    await planner.waitForMapAtRest(outer);
    for (const [ring, colour] of [
      ['outdoor', OUTDOOR_RING],
      ['building', BUILDING_RING],
    ] as const) {
      const outline = bomb.rings.features.find((f) => f.properties.ring === ring)!.geometry.coordinates[0]!;
      const drawn = await shareShowing(page, planner.map, outline, colour);
      expect(drawn.onScreen, `${ring} ring on screen`).toBe(outline.length);
      expect(drawn.share, `${ring} ring drawn`).toBeGreaterThan(0.5);
    }
    await expect(page.getByLabel('Map legend').innerText()).resolves.toContain('outdoor evacuation');
    await expect(page.locator('.maplibregl-ctrl-attrib').innerText()).resolves.toContain(
      '© OpenStreetMap contributors',
    );
    await planner.screenshot('bomb-2-pipe-bomb');
  });

  it('exports the lists as CSV and GeoJSON', async () => {
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^bomb-threat-pipe-bomb-.*\.csv$/);
    const lines = fs
      .readFileSync(await csv.path(), 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('list,rank,id,osm_id,name,kind,distance_m,area_m2,longitude,latitude,note');
    const lists = lines.slice(1).map((line) => line.split(',')[0]);
    expect(lists.filter((l) => l === 'threat')).toHaveLength(1);
    expect(lists.filter((l) => l?.endsWith('-evacuation'))).toHaveLength(bomb.evacuate.outdoor.count);
    expect(lists.filter((l) => l === 'building-evacuation')).toHaveLength(bomb.evacuate.building.count);
    expect(lists.filter((l) => l?.endsWith('-cordon'))).toHaveLength(bomb.cordonPoints.features.length);
    expect(lists.filter((l) => l === 'assembly-area')).toHaveLength(bomb.assemblyAreas.length);

    const [geojson] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download GeoJSON' }).click(),
    ]);
    expect(geojson.suggestedFilename()).toMatch(/\.geojson$/);
    const collection = JSON.parse(fs.readFileSync(await geojson.path(), 'utf8')) as {
      type: string;
      attribution: string;
      features: { properties: { list: string } }[];
    };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.attribution).toBe('© OpenStreetMap contributors');
    expect(collection.features).toHaveLength(lines.length - 1 + 2); // the CSV's rows and the two rings
  });

  it('shows the server’s refusals in words', async () => {
    await page.getByLabel(/^Threat/).selectOption({ label: 'Another charge, in kg TNT…' });
    await page.getByLabel('Charge (kg TNT equivalent)').fill('50000');
    await expect(page.getByTestId('bomb-error').innerText()).resolves.toMatch(/outside the stand-off chart/);
    await page.getByLabel('Charge (kg TNT equivalent)').fill('100');
    await page
      .getByTestId('bomb-summary')
      .filter({ hasText: 'between chart rows briefcase and sedan' })
      .waitFor();

    // Monaco is not in this site's map data.
    await page.getByLabel('Longitude').fill('7.42');
    await page.getByLabel('Latitude').fill('43.73');
    await page.getByRole('button', { name: 'Place' }).click();
    await expect(page.getByTestId('bomb-error').innerText()).resolves.toMatch(/outside the map extract/);
    await planner.screenshot('bomb-3-outside-the-data');

    await page.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('region', { name: 'Bomb threat' }).count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
