/** The part of the planner's MapLibre map (window.bulwarkMap, see client/src/map/map-view.tsx) the tests use. */
export {};

declare global {
  interface Window {
    bulwarkMap?: {
      project(lonLat: readonly [number, number]): { x: number; y: number };
      loaded(): boolean;
      areTilesLoaded(): boolean;
      isMoving(): boolean;
      getCanvas(): { clientWidth: number; clientHeight: number };
      getLayer(id: string): unknown;
      queryRenderedFeatures(
        box: [[number, number], [number, number]],
      ): { layer: { id: string }; geometry: { type: string } }[];
    };
  }
}
