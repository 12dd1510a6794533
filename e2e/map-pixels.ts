/**
 * What the map shows at given places: a screenshot of the map (basemap and deck.gl canvases composited,
 * as the user sees them) read back at the screen position of each [lon, lat].
 */
import type { Locator, Page } from 'playwright-core';
import type { LonLat } from './planner-page.js';

export type Rgb = [number, number, number];

/** The colour at each position on the map, or null where it is off the map. */
export async function mapColoursAt(page: Page, map: Locator, positions: LonLat[]): Promise<(Rgb | null)[]> {
  const png = (await map.screenshot()).toString('base64');
  return page.evaluate(
    async ({ data, positions }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      return positions.map(([lon, lat]) => {
        const { x, y } = window.bulwarkMap!.project([lon, lat]);
        const px = Math.round(x);
        const py = Math.round(y);
        if (px < 0 || py < 0 || px >= image.width || py >= image.height) return null;
        const [r, g, b] = context.getImageData(px, py, 1, 1).data;
        return [r!, g!, b!] as [number, number, number];
      });
    },
    { data: png, positions },
  );
}

/** Whether two colours differ by at most `tolerance` in every channel (antialiasing, blending). */
export const near = (a: Rgb, b: Rgb, tolerance = 40) => a.every((c, i) => Math.abs(c - b[i]!) <= tolerance);

/** The share of the on-screen positions showing `colour`, and how many were on screen. */
export async function shareShowing(
  page: Page,
  map: Locator,
  positions: LonLat[],
  colour: Rgb,
): Promise<{ share: number; onScreen: number }> {
  const seen = (await mapColoursAt(page, map, positions)).filter((c): c is Rgb => c !== null);
  return {
    share: seen.length === 0 ? 0 : seen.filter((c) => near(c, colour)).length / seen.length,
    onScreen: seen.length,
  };
}
