/**
 * The map's own handles in Debian's Chromium: a cordon drawn with an access point added on its edge, its
 * kind changed, dragged along the edge, another added, deleted and the deletion undone; a camera's view
 * widened by dragging an edge of its sector. Each step is checked in what the server saved and in what
 * the map draws. Screenshots go to e2e/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from './browser.js';
import type { LonLat, PlannerPage } from './planner-page.js';
import { startPlanner, stopPlanner } from './planner-suite.js';
import type { TestServer } from './server.js';

// Around Bulwark Demo Square (data/demo-site.json), clear of the square's own outline.
const CORDON: LonLat[] = [
  [0.0049, 51.4805],
  [0.0073, 51.4805],
  [0.0073, 51.4821],
  [0.0049, 51.4821],
];
const CAMERA: LonLat = [0.0061, 51.4813];
const METRES_PER_LAT = 111_320;
const metresPerLon = (lat: number) => METRES_PER_LAT * Math.cos((lat * Math.PI) / 180);

interface Measure {
  id: string;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown> & {
    kind: string;
    accessPoints?: { position: LonLat; kind: string }[];
    hfovDeg?: number;
  };
}

/** The point `t` of the way from `a` to `b`. */
const along = (a: LonLat, b: LonLat, t: number): LonLat => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
];

/** Metres between two nearby positions. */
const metres = (a: LonLat, b: LonLat) =>
  Math.hypot((a[0] - b[0]) * metresPerLon(a[1]), (a[1] - b[1]) * METRES_PER_LAT);

/** The position `rangeM` from `from` along `bearingDeg`. */
const offset = ([lon, lat]: LonLat, bearingDeg: number, rangeM: number): LonLat => [
  lon + (rangeM * Math.sin((bearingDeg * Math.PI) / 180)) / metresPerLon(lat),
  lat + (rangeM * Math.cos((bearingDeg * Math.PI) / 180)) / METRES_PER_LAT,
];

describe('map handles: cordon access points and a camera’s field of view', () => {
  let server: TestServer;
  let session: BrowserSession;
  let page: Page;
  let planner: PlannerPage;
  let siteId: string;
  const pageErrors: string[] = [];

  const measures = async (kind: string): Promise<Measure[]> => {
    const list = (await (await fetch(`${server.url}/api/sites/${siteId}/measures`)).json()) as {
      features: Measure[];
    };
    return list.features.filter((f) => f.properties.kind === kind);
  };
  const accessPoints = async () => (await measures('cordon'))[0]?.properties.accessPoints ?? [];

  /** The features a plan layer draws within a few pixels of a position. */
  const drawnAt = (layer: string, [lon, lat]: LonLat) =>
    page.evaluate(
      ([layerId, x, y]) => {
        const map = window.bulwarkMap as unknown as {
          project(p: [number, number]): { x: number; y: number };
          queryRenderedFeatures(
            box: [[number, number], [number, number]],
            options: { layers: string[] },
          ): { properties: Record<string, unknown> }[];
        };
        const p = map.project([x, y]);
        return map
          .queryRenderedFeatures(
            [
              [p.x - 4, p.y - 4],
              [p.x + 4, p.y + 4],
            ],
            { layers: [layerId] },
          )
          .map((f) => f.properties);
      },
      [layer, lon, lat] as const,
    );

  /** Waits until a plan layer draws something at a position (after a save the map is redrawn). */
  const waitForDrawnAt = async (layer: string, position: LonLat) => {
    await expect
      .poll(async () => (await drawnAt(layer, position)).length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    return drawnAt(layer, position);
  };

  /**
   * Shows the positions closer in than the whole site (handles apart on the screen), clear of the map's
   * controls and of the legend in its lower left corner.
   */
  const showAround = (positions: LonLat[]) =>
    planner.showAround(positions, { top: 60, right: 80, bottom: 240, left: 240 });

  /** Presses at `from`, moves to `to` in steps as a hand would, and lets go. */
  const drag = async (from: LonLat, to: LonLat) => {
    const a = await planner.screenPoint(from);
    const b = await planner.screenPoint(to);
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++)
      await page.mouse.move(a.x + ((b.x - a.x) * step) / 10, a.y + ((b.y - a.y) * step) / 10);
    await page.mouse.up();
  };

  beforeAll(async () => {
    ({ server, session, page, planner } = await startPlanner(pageErrors));
    await page.goto(server.url);
    await page.getByRole('button', { name: /Bulwark Demo Square/ }).waitFor();
    await planner.createSite('E2E handles');
    siteId = /#\/sites\/([\w-]+)$/.exec(page.url())![1]!;
    await showAround(CORDON);
  }, 180_000);

  afterAll(() => stopPlanner({ server, session }));

  it('draws a cordon and adds an access point by clicking its edge', async () => {
    await planner.draw('o', CORDON);
    await page.getByRole('form', { name: 'Properties of the cordon' }).waitFor();
    await page.getByText(/None yet\. Click the cordon’s edge/).waitFor();
    const [cordon] = await measures('cordon');
    // Snapping may have moved the corners a little: the edge is taken as saved.
    const ring = (cordon!.geometry.coordinates as LonLat[][])[0]!;
    expect(ring).toHaveLength(5);
    const onEdge = along(ring[0]!, ring[1]!, 1 / 3);
    await planner.waitForHandleAt(ring[0]!);
    await planner.clickAt(onEdge);
    await expect.poll(async () => (await accessPoints()).length, { timeout: 10_000 }).toBe(1);
    const [point] = await accessPoints();
    expect(point!.kind).toBe('pedestrian');
    expect(metres(point!.position, onEdge)).toBeLessThan(1);
    const drawn = await waitForDrawnAt('plan-access-points', point!.position);
    expect(drawn[0]).toMatchObject({ itemId: cordon!.id, accessKind: 'pedestrian', index: 0 });
  });

  it('changes the access point’s kind in the properties panel', async () => {
    await page.getByLabel('Access point 1', { exact: true }).selectOption('vehicle');
    await expect.poll(async () => (await accessPoints())[0]?.kind, { timeout: 10_000 }).toBe('vehicle');
    const [point] = await accessPoints();
    await expect
      .poll(async () => (await drawnAt('plan-access-points', point!.position))[0]?.accessKind, {
        timeout: 10_000,
      })
      .toBe('vehicle');
  });

  it('moves the access point along the edge by dragging it', async () => {
    const [cordon] = await measures('cordon');
    const ring = (cordon!.geometry.coordinates as LonLat[][])[0]!;
    const [before] = await accessPoints();
    await waitForDrawnAt('plan-access-points', before!.position);
    // Dropped 2 m off the edge, square to it: it lands on the edge.
    const [a, b] = [ring[0]!, ring[1]!];
    const target = along(a, b, 2 / 3);
    const east = (b[0] - a[0]) * metresPerLon(a[1]);
    const north = (b[1] - a[1]) * METRES_PER_LAT;
    const scale = 2 / Math.hypot(east, north);
    const off: LonLat = [
      target[0] - (north * scale) / metresPerLon(a[1]),
      target[1] + (east * scale) / METRES_PER_LAT,
    ];
    expect(metres(off, target)).toBeCloseTo(2, 1);
    await drag(before!.position, off);
    await expect
      .poll(async () => metres((await accessPoints())[0]!.position, target), { timeout: 10_000 })
      .toBeLessThan(1);
    const moved = (await accessPoints())[0]!;
    expect(moved.kind).toBe('vehicle');
    expect((await measures('cordon'))[0]!.geometry).toEqual(cordon!.geometry);
    await waitForDrawnAt('plan-access-points', moved.position);
  });

  it('adds a second access point, deletes it in the panel and undoes the deletion', async () => {
    const [cordon] = await measures('cordon');
    const ring = (cordon!.geometry.coordinates as LonLat[][])[0]!;
    const onEdge = along(ring[1]!, ring[2]!, 0.4);
    await planner.clickAt(onEdge);
    await expect.poll(async () => (await accessPoints()).length, { timeout: 10_000 }).toBe(2);
    await page.getByLabel('Access point 2', { exact: true }).selectOption('emergency');
    await expect.poll(async () => (await accessPoints())[1]?.kind, { timeout: 10_000 }).toBe('emergency');
    await waitForDrawnAt('plan-access-points', (await accessPoints())[1]!.position);
    await planner.screenshot('handles-1-cordon-access-points');

    await page.getByRole('button', { name: 'Delete access point 2' }).click();
    await expect.poll(async () => (await accessPoints()).length, { timeout: 10_000 }).toBe(1);
    await page.keyboard.press('Control+z');
    await expect
      .poll(async () => (await accessPoints()).map((p) => p.kind), { timeout: 10_000 })
      .toEqual(['vehicle', 'emergency']);
    await page.getByLabel('Access point 2', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('widens a camera’s view by dragging an edge of its sector', async () => {
    await showAround([offset(CAMERA, 315, 50), offset(CAMERA, 135, 50)]);
    await planner.draw('k', [CAMERA]);
    await page.getByLabel(/Horizontal field of view/).waitFor();
    // A new camera looks north, 60° wide, 40 m: its right edge handle is at 30°.
    const [camera] = await measures('camera');
    expect(camera!.properties).toMatchObject({ bearingDeg: 0, hfovDeg: 60 });
    const rightEdge = offset(CAMERA, 30, 40);
    await waitForDrawnAt('plan-fov-handles', rightEdge);
    await drag(rightEdge, offset(CAMERA, 45, 40));
    await expect
      .poll(async () => (await measures('camera'))[0]!.properties.hfovDeg ?? 0, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(88);
    const saved = (await measures('camera'))[0]!.properties;
    expect(saved.hfovDeg).toBeLessThanOrEqual(92);
    expect(saved.bearingDeg).toBe(0);
    await planner.waitForFieldValue(/Horizontal field of view/, String(saved.hfovDeg));
    // The handles follow: now at ±45°.
    const drawn = await waitForDrawnAt('plan-fov-handles', offset(CAMERA, -saved.hfovDeg! / 2, 40));
    expect(drawn[0]).toMatchObject({ itemId: camera!.id, side: 'left' });
    await planner.screenshot('handles-2-camera-widened');
    // Undone through the plan like any edit.
    await page.keyboard.press('Control+z');
    await expect
      .poll(async () => (await measures('camera'))[0]!.properties.hfovDeg, { timeout: 10_000 })
      .toBe(60);
    expect(pageErrors).toEqual([]);
  });
});
