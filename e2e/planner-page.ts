/** The planner as the tests drive it: what a user clicks and reads, in their words. */
import type { Locator, Page } from 'playwright-core';

export type LonLat = [number, number];

export class PlannerPage {
  constructor(readonly page: Page) {}

  get map(): Locator {
    return this.page.getByTestId('map');
  }

  get vectorRows(): Locator {
    return this.page.getByTestId('vector-row');
  }

  async createSite(name: string) {
    await this.page.getByLabel('Name').fill(name);
    await this.page.getByRole('button', { name: 'Create site' }).click();
    await this.page.waitForURL(/#\/sites\/[\w-]+$/);
    await this.waitForMap();
  }

  /** The map has loaded its style and every tile in view. */
  async waitForMap() {
    await this.page.waitForFunction(() => {
      const map = window.bulwarkMap;
      return (
        map !== undefined && map.loaded() && map.areTilesLoaded() && map.getLayer('td-polygon') !== undefined
      );
    });
  }

  /**
   * The map has come to rest showing every one of `positions` and has drawn every tile in view. Fits
   * animate, and start on the render after the change that asks for them: wait for this, not for a time.
   */
  async waitForMapAtRest(positions: LonLat[] = []) {
    await this.page.waitForFunction((positions) => {
      const map = window.bulwarkMap!;
      const { clientWidth, clientHeight } = map.getCanvas();
      const inView = positions.every((p) => {
        const { x, y } = map.project(p);
        return x >= 0 && y >= 0 && x <= clientWidth && y <= clientHeight;
      });
      return inView && !map.isMoving() && map.loaded() && map.areTilesLoaded();
    }, positions);
  }

  async setVehicleClass(vehicleClass: string, checked: boolean) {
    await this.page.getByRole('checkbox', { name: new RegExp(`^${vehicleClass}\\b`) }).setChecked(checked);
  }

  /** Where a position is on the screen now. */
  /** Fits the map round `positions`, `padding` pixels clear on each side (the legend, the controls). */
  async showAround(
    positions: LonLat[],
    padding: { top: number; right: number; bottom: number; left: number },
  ) {
    const lons = positions.map((p) => p[0]);
    const lats = positions.map((p) => p[1]);
    await this.page.evaluate(
      ({ bounds, padding }) =>
        (window.bulwarkMap as unknown as { fitBounds(b: number[], o: object): void }).fitBounds(bounds, {
          padding,
          duration: 0,
        }),
      { bounds: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)], padding },
    );
    await this.waitForMap();
  }

  async screenPoint([lon, lat]: LonLat): Promise<{ x: number; y: number }> {
    const box = await this.map.boundingBox();
    if (!box) throw new Error('the map is not on the screen');
    const point = await this.page.evaluate(([x, y]) => window.bulwarkMap!.project([x, y]), [
      lon,
      lat,
    ] as const);
    return { x: box.x + point.x, y: box.y + point.y };
  }

  async clickAt(position: LonLat) {
    const { x, y } = await this.screenPoint(position);
    await this.page.mouse.move(x - 3, y - 3);
    await this.page.mouse.click(x, y);
  }

  /** Picks a tool by its key, clicks the positions and finishes with Enter (as a user would). */
  async draw(toolKey: string, positions: LonLat[]) {
    await this.map.hover();
    await this.page.keyboard.press(toolKey);
    for (const position of positions) await this.clickAt(position);
    // A point is placed by its click; lines and areas end with Enter.
    if (positions.length > 1) await this.page.keyboard.press('Enter');
  }

  async setField(label: string | RegExp, value: string) {
    await this.page.getByLabel(label).fill(value);
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
  }

  /**
   * Waits until the drawing library shows a handle (a point of its `td-` layers) at `position`: after an
   * edit the handles are placed again, and on a slow machine a drag can start before they are drawn.
   */
  async waitForHandleAt([lon, lat]: LonLat, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    const drawn = () =>
      this.page.evaluate(
        ([x, y]) => {
          const map = window.bulwarkMap!;
          const p = map.project([x, y]);
          return map
            .queryRenderedFeatures([
              [p.x - 6, p.y - 6],
              [p.x + 6, p.y + 6],
            ])
            .some((f) => f.layer.id.startsWith('td-') && f.geometry.type === 'Point');
        },
        [lon, lat] as const,
      );
    while (!(await drawn())) {
      if (Date.now() > deadline) throw new Error(`no handle was drawn at [${lon}, ${lat}]`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Waits until a field shows `value` (saves and reloads re-fill the form). */
  async waitForFieldValue(label: string | RegExp, value: string, timeoutMs = 10_000) {
    const field = this.page.getByLabel(label);
    const deadline = Date.now() + timeoutMs;
    while ((await field.inputValue()) !== value) {
      if (Date.now() > deadline) throw new Error(`${String(label)} never showed "${value}"`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Waits until the listed statuses satisfy `test` (the analysis reruns after each edit). */
  async waitForStatuses(test: (statuses: string[]) => boolean, timeoutMs = 20_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let last: string[] = [];
    while (Date.now() < deadline) {
      if ((await this.page.getByTestId('analysis-done').count()) > 0) {
        last = await this.vectorRows.evaluateAll((rows) =>
          rows.map((r) => r.getAttribute('data-status') ?? ''),
        );
        if (test(last)) return last;
      }
      await this.page.waitForTimeout(100);
    }
    throw new Error(`statuses never matched; last seen: ${last.join(', ')}`);
  }

  /** How many distinct colours the map shows (a blank or failed WebGL canvas shows one). */
  async mapColourCount(): Promise<number> {
    const png = (await this.map.screenshot()).toString('base64');
    return this.page.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set<number>();
      for (let i = 0; i < pixels.length; i += 16)
        colours.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
      return colours.size;
    }, png);
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: new URL(`./artifacts/${name}.png`, import.meta.url).pathname });
  }
}
