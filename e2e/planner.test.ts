/**
 * The planner end to end in Debian's Chromium: a new site on the demo data, a protected zone, approach
 * vectors, a rated barrier that stops the fastest one, a bollard line with gaps too wide, undo/redo, and
 * everything still there after a reload. Screenshots go to e2e/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from './browser.js';
import type { LonLat, PlannerPage } from './planner-page.js';
import { startPlanner, stopPlanner } from './planner-suite.js';
import type { TestServer } from './server.js';

// Bulwark Demo Square (data/demo-site.json): the square, and the streets running into it from the west
// (Market Street) and the east (Church Lane), both at latitude 51.4813.
const SQUARE: LonLat[] = [
  [0.0053803, 51.4809405],
  [0.0068197, 51.4809405],
  [0.0068197, 51.4816595],
  [0.0053803, 51.4816595],
];
const ACROSS_MARKET_STREET: LonLat[] = [
  [0.005, 51.48115],
  [0.005, 51.48145],
];
const ACROSS_CHURCH_LANE: LonLat[] = [
  [0.0072, 51.48115],
  [0.0072, 51.48145],
];
const CAMERA: LonLat = [0.0069, 51.4817];
const TRUCK_RATING = 'V/7200[N2A]/80/90:3.1/12.5';

const residual = (s: string) => s !== 'stopped' && s !== 'energy_equivalent';

describe('planner', () => {
  let server: TestServer;
  let session: BrowserSession;
  let page: Page;
  let planner: PlannerPage;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ server, session, page, planner } = await startPlanner(pageErrors));
  }, 180_000);

  afterAll(() => stopPlanner({ server, session }));

  it('lists the demo site and creates a new site on the demo data', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: /Bulwark Demo Square/ }).waitFor();
    await planner.createSite('E2E venue');
    await page.getByText('Draw a protected zone (Z)').waitFor();
    await expect(page.locator('.maplibregl-ctrl-attrib').innerText()).resolves.toContain(
      '© OpenStreetMap contributors',
    );
    // One class keeps the run short; the truck's fastest way in is along Market Street.
    await planner.setVehicleClass('M1', false);
    await planner.setVehicleClass('N3F', false);
    await page.getByRole('checkbox', { name: /Speed map for/ }).check();
    await planner.screenshot('1-new-site');
  });

  it('draws a protected zone and shows approach vectors', async () => {
    await planner.draw('z', SQUARE);
    const statuses = await planner.waitForStatuses((s) => s.length >= 4);
    expect(statuses.every(residual)).toBe(true);
    await expect(page.getByTestId('worst-case').innerText()).resolves.toMatch(/Worst case: N2 at \d+ km\/h/);
    expect(await planner.mapColourCount()).toBeGreaterThan(50);
    await planner.screenshot('2-zone-and-vectors');
  });

  it('folds the legend away to one button and back, and remembers the choice', async () => {
    const legend = page.getByLabel('Map legend');
    const open = (await legend.boundingBox())!;
    expect(open.height).toBeGreaterThan(150);
    await legend.getByRole('button', { name: 'Hide' }).click();
    const folded = (await legend.boundingBox())!;
    expect(folded.height).toBeLessThan(40);
    expect(folded.width).toBeLessThan(open.width / 2);
    await expect(legend.innerText()).resolves.not.toContain('Impact speed');
    await expect(legend.getByRole('button', { name: 'Legend' }).getAttribute('aria-expanded')).resolves.toBe(
      'false',
    );
    await expect(page.evaluate(() => localStorage.getItem('bulwark.legendOpen'))).resolves.toBe('false');
    await planner.screenshot('2b-legend-folded');
    await legend.getByRole('button', { name: 'Legend' }).click();
    await expect(legend.innerText()).resolves.toContain('Impact speed (km/h)');
    await expect(page.evaluate(() => localStorage.getItem('bulwark.legendOpen'))).resolves.toBe('true');
  });

  it('shows the server’s refusal of a malformed rating in words', async () => {
    await planner.draw('r', ACROSS_MARKET_STREET);
    await page.getByLabel('Crash rating').waitFor();
    await planner.setField('Crash rating', 'strong');
    await expect(page.getByRole('alert').first().innerText()).resolves.toMatch(/rating/i);
  });

  it('stops the fastest vector with a rated barrier', async () => {
    await planner.setField('Crash rating', TRUCK_RATING);
    const statuses = await planner.waitForStatuses((s) => s.includes('stopped'));
    expect(statuses.filter((s) => s === 'stopped')).toHaveLength(1);
    await planner.screenshot('3-barrier-stops-market-street');
  });

  it('finds the gaps of a bollard line spaced too widely', async () => {
    await page.keyboard.press('Escape');
    await planner.draw('b', ACROSS_CHURCH_LANE);
    await page.getByLabel(/Spacing/).waitFor();
    await planner.setField(/Spacing/, '4');
    await planner.waitForStatuses((s) => s.includes('gap'));
    await planner.screenshot('4-bollard-gaps');
  });

  it('undoes and redoes edits', async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Undo' }).click(); // the spacing
    await page.getByRole('button', { name: 'Undo' }).click(); // the bollard line
    await planner.waitForStatuses((s) => !s.includes('gap') && s.includes('stopped'));
    await page.keyboard.press('Control+Shift+Z');
    await page.keyboard.press('Control+y');
    await planner.waitForStatuses((s) => s.includes('gap') && s.includes('stopped'));
  });

  it('reshapes the zone by dragging a corner, and undoes that', async () => {
    const siteId = /#\/sites\/([\w-]+)$/.exec(page.url())![1]!;
    const zoneCorners = async () => {
      const zones = (await (await fetch(`${server.url}/api/sites/${siteId}/zones`)).json()) as {
        features: { geometry: { coordinates: number[][][] } }[];
      };
      return zones.features[0]!.geometry.coordinates[0]!;
    };
    const before = await zoneCorners();
    await page.keyboard.press('Escape');
    await planner.clickAt([0.0061, 51.4813]);
    await page.getByRole('form', { name: 'Properties of the protected zone' }).waitFor();
    const from = await planner.screenPoint(SQUARE[2]!);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(from.x + step * 4, from.y - step * 4);
    await page.mouse.up();
    await expect.poll(zoneCorners, { timeout: 10_000 }).not.toEqual(before);
    await planner.screenshot('5-reshaped-zone');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await expect.poll(zoneCorners, { timeout: 10_000 }).toEqual(before);
  });

  it('places a camera and turns it', async () => {
    await planner.draw('k', [CAMERA]);
    await page.getByLabel(/Bearing/).waitFor();
    await planner.setField(/Bearing/, '270');
    await page.getByRole('button', { name: 'Save', exact: true, disabled: true }).waitFor();
    // Aim it by its handle (at the end of its 40 m view, now due west): drag the handle due north.
    const metresPerLon = 111_320 * Math.cos((CAMERA[1] * Math.PI) / 180);
    const handleAt: [number, number] = [CAMERA[0] - 40 / metresPerLon, CAMERA[1]];
    await planner.waitForHandleAt(handleAt);
    const handle = await planner.screenPoint(handleAt);
    const north = await planner.screenPoint([CAMERA[0], CAMERA[1] + 30 / 111_320]);
    await page.mouse.move(handle.x, handle.y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) {
      await page.mouse.move(
        handle.x + ((north.x - handle.x) * step) / 10,
        handle.y + ((north.y - handle.y) * step) / 10,
      );
    }
    await page.mouse.up();
    await planner.waitForFieldValue(/Bearing/, '0');
    await expect(page.getByLabel(/Maximum range/).inputValue()).resolves.toBe('30');
    await planner.screenshot('6-camera');
    await page.keyboard.press('Escape');
  });

  it('offers to keep my change when someone else changed the item meanwhile (409)', async () => {
    const siteId = /#\/sites\/([\w-]+)$/.exec(page.url())![1]!;
    const measures = (await (await fetch(`${server.url}/api/sites/${siteId}/measures`)).json()) as {
      features: { id: string; properties: { kind: string; version: number } }[];
    };
    const camera = measures.features.find((f) => f.properties.kind === 'camera')!;
    const colleague = await fetch(`${server.url}/api/sites/${siteId}/measures/${camera.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { version: camera.properties.version, name: 'Gate camera' } }),
    });
    expect(colleague.status).toBe(200);

    await planner.clickAt(CAMERA);
    await planner.setField(/Bearing/, '180');
    await page.getByRole('alertdialog', { name: 'Changed by someone else' }).waitFor();
    await planner.screenshot('7-conflict');
    await page.getByRole('button', { name: 'Keep mine' }).click();
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    // Saved as their name with my bearing, and shown so.
    await planner.waitForFieldValue('Name', 'Gate camera');
    await planner.waitForFieldValue(/Bearing/, '180');
    const saved = (await (await fetch(`${server.url}/api/sites/${siteId}/measures/${camera.id}`)).json()) as {
      properties: { name: string; bearingDeg: number; version: number };
    };
    expect(saved.properties).toMatchObject({
      name: 'Gate camera',
      bearingDeg: 180,
      version: camera.properties.version + 2,
    });
    await page.keyboard.press('Escape');
  });

  it('finds everything saved after a reload', async () => {
    await page.reload();
    await planner.waitForMap();
    await page.getByText('4 zones and measures').waitFor();
    // The list selects without a pointer: the barrier kept its rating.
    await page.getByRole('button', { name: /^Barrier 1/ }).focus();
    await page.keyboard.press('Enter');
    await planner.waitForFieldValue('Crash rating', TRUCK_RATING);
    await page.keyboard.press('Escape');
    await planner.waitForStatuses((s) => s.includes('gap') && s.includes('stopped'));
    // A row highlights its vector on the map.
    await planner.vectorRows.first().click();
    await expect(planner.vectorRows.first().getAttribute('aria-selected')).resolves.toBe('true');
    await planner.waitForMapAtRest(); // after the fly-to the row's click started
    expect(await planner.mapColourCount()).toBeGreaterThan(50);
    await planner.screenshot('8-after-reload');
    expect(pageErrors).toEqual([]);
  });

  it('imports a map data file with a progress bar', async () => {
    await page.getByRole('link', { name: '← All sites' }).click();
    await page
      .getByLabel(/OpenStreetMap extract/)
      .setInputFiles(new URL('../data/demo-site.geojson', import.meta.url).pathname);
    await page
      .getByRole('status')
      .filter({ hasText: /^Imported demo-site\.geojson: \d+ features\.$/ })
      .waitFor();
    await planner.screenshot('9-imported');
  });

  it('says so, in words, when the server stops', async () => {
    await server.stop();
    await page
      .getByRole('alert')
      .filter({ hasText: 'The Bulwark server is not answering' })
      .waitFor({ timeout: 15_000 });
    await planner.screenshot('10-server-stopped');
  });
});
