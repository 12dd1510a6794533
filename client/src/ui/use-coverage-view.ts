/**
 * Everything the site view needs for CCTV coverage in one place: the chosen detail level and the layer's
 * switch (remembered in this browser), the analysis run after each approach run, its map layers (areas
 * under the vectors, markers over them) and the panel's props.
 */
import { useMemo } from 'react';
import { DETAIL_LEVELS, type DetailLevel } from '../api/coverage-types.js';
import { coverageAreaLayers, coverageMarkerLayers } from '../analysis/coverage-layers.js';
import type { ApproachState } from '../analysis/use-approach.js';
import { lastCoverage, useCoverage } from '../analysis/use-coverage.js';
import type { Items } from '../plan/items.js';
import { itemName } from '../plan/plan-item.js';
import type { CoveragePanelProps } from './coverage-panel.js';
import { useStoredState } from './use-stored-state.js';

export function useCoverageView(siteId: string, approach: ApproachState, items: Items) {
  const [stored, setDetailLevel] = useStoredState<DetailLevel>('bulwark.coverageLevel', 'detect');
  // A value from an older version of the planner falls back to the API's default.
  const detailLevel = DETAIL_LEVELS.includes(stored) ? stored : 'detect';
  const [showLayer, setShowLayer] = useStoredState('bulwark.showCoverage', true);
  const cameraCount = items.filter((i) => i.kind === 'camera').length;
  const state = useCoverage(siteId, approach, detailLevel, cameraCount);
  // A result for the last camera deleted is no longer the site's.
  const result = cameraCount > 0 ? lastCoverage(state) : null;
  const shown = showLayer ? result : null;
  const areaLayers = useMemo(() => (shown ? coverageAreaLayers(shown) : []), [shown]);
  const markerLayers = useMemo(() => (shown ? coverageMarkerLayers(shown) : []), [shown]);
  const cordonNames = useMemo(
    () => new Map(items.filter((i) => i.kind === 'cordon').map((i) => [i.id, itemName(i)])),
    [items],
  );
  const panel: Omit<CoveragePanelProps, 'unit' | 'onSelectCamera'> = {
    state,
    result,
    detailLevel,
    onDetailLevel: setDetailLevel,
    showLayer,
    onShowLayer: setShowLayer,
    cordonNames,
  };
  return { shown, areaLayers, markerLayers, panel };
}
