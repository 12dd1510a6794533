/** An open site: tools and properties on the left, the map, the analysis on the right. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Position } from 'geojson';
import type { LngLatBoundsLike } from 'maplibre-gl';
import { getSite, listVehicles } from '../api/endpoints.js';
import { describeError } from '../api/http.js';
import {
  VEHICLE_CLASSES,
  type ItemGeometry,
  type Site,
  type VehicleClass,
  type VehicleProfile,
} from '../api/types.js';
import { analysisLayers } from '../analysis/analysis-layers.js';
import { bombThreatLayers } from '../analysis/bomb-threat-layers.js';
import { standoffLayers } from '../analysis/standoff-layers.js';
import { useBombThreat } from '../analysis/use-bomb-threat.js';
import { lastStandoff, useStandoff } from '../analysis/use-standoff.js';
import { speedGridCells } from '../analysis/speed-grid-cells.js';
import { lastResult, useApproach } from '../analysis/use-approach.js';
import { toolForKey, type DrawTool } from '../map/draw-tools.js';
import { MapView } from '../map/map-view.js';
import { findItem } from '../plan/items.js';
import { usePlan } from '../plan/use-plan.js';
import type { SpeedUnit } from '../units.js';
import { BombThreatPanel } from './bomb-threat-panel.js';
import { CoverageLegend } from './coverage-legend.js';
import { CoveragePanel } from './coverage-panel.js';
import { ItemList } from './item-list.js';
import { Legend } from './legend.js';
import { PropertiesPanel } from './properties-panel.js';
import { ResultsPanel } from './results-panel.js';
import { StandoffPanel } from './standoff-panel.js';
import { BombThreatLegend, StandoffLegend } from './threat-legend.js';
import { Toolbar } from './toolbar.js';
import { useCoverageView } from './use-coverage-view.js';
import { useStoredState } from './use-stored-state.js';

/** Car, rigid truck and articulated lorry: the span of the threat at a third of the cost of all six. */
const DEFAULT_CLASSES: VehicleClass[] = ['M1', 'N2', 'N3F'];
const NO_CLASSES: VehicleClass[] = [];

export function SiteView({ siteId, unit }: { siteId: string; unit: SpeedUnit }) {
  const [site, setSite] = useState<Site | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setLoadError(null);
    getSite(siteId)
      .then(setSite)
      .catch((e: unknown) => setLoadError(describeError(e)));
  }, [siteId, attempt]);

  if (loadError) {
    return (
      <main className="page">
        <div role="alert" className="banner error">
          {loadError}{' '}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (!site)
    return (
      <p className="page" aria-busy="true">
        Opening the site…
      </p>
    );
  return <SiteWorkspace key={site.id} site={site} unit={unit} />;
}

function SiteWorkspace({ site, unit }: { site: Site; unit: SpeedUnit }) {
  const [plan, actions] = usePlan(site.id);
  const [vehicles, setVehicles] = useState<VehicleProfile[]>([]);
  const [classes, setClasses] = useStoredState<VehicleClass[]>('bulwark.vehicleClasses', DEFAULT_CLASSES);
  // Off until asked for: on a large venue the speed map is most of what the GPU draws.
  const [showSpeedMap, setShowSpeedMap] = useStoredState('bulwark.showSpeedMap', false);
  const [speedMapClass, setSpeedMapClass] = useState<VehicleClass | null>(null);
  const [tool, setTool] = useState<DrawTool | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [highlighted, setHighlighted] = useState<number | null>(null);
  const [focus, setFocus] = useState<LngLatBoundsLike | null>(null);
  const [showStandoff, setShowStandoff] = useStoredState('bulwark.showStandoff', true);
  const [standoffHighlighted, setStandoffHighlighted] = useState<number | null>(null);
  const [threatTool, setThreatTool] = useState(false);
  const bomb = useBombThreat(site.id);

  useEffect(() => {
    listVehicles()
      .then(setVehicles)
      .catch(() => setVehicles([]));
  }, []);

  const shownClass = speedMapClass && classes.includes(speedMapClass) ? speedMapClass : classes[0];
  const approach = useApproach(
    site.id,
    plan.changes,
    classes,
    showSpeedMap && shownClass ? [shownClass] : NO_CLASSES,
    plan.status === 'ready',
  );
  const result = lastResult(approach);
  useEffect(() => setHighlighted(null), [result]);
  const standoffState = useStandoff(site.id, approach.status === 'ready' ? approach.result : null);
  // Shown beside an approach result only: with the last zone deleted there is nothing to stand off from.
  const standoff = result ? lastStandoff(standoffState) : null;
  useEffect(() => setStandoffHighlighted(null), [standoff]);
  const coverage = useCoverageView(site.id, approach, plan.items);
  const bombResult = bomb.state.status === 'ready' ? bomb.state.result : null;
  useEffect(() => {
    if (bombResult) setFocus(boundsOf(bombResult.rings.features.flatMap((f) => f.geometry.coordinates[0]!)));
  }, [bombResult]);

  const speedMap = result?.speedMap.find((m) => m.vehicleClass === shownClass) ?? null;
  const speedCells = useMemo(() => (speedMap?.grid ? speedGridCells(speedMap.grid) : []), [speedMap]);
  const layers = useMemo(
    () => [
      ...coverage.areaLayers,
      ...analysisLayers({
        vectors: result?.vectors.features ?? [],
        highlighted,
        speedMap,
        speedCells,
        showSpeedMap,
      }),
      ...coverage.markerLayers,
      ...(showStandoff && standoff
        ? standoffLayers({ result: standoff, highlighted: standoffHighlighted })
        : []),
      ...bombThreatLayers(bomb.location, bombResult),
    ],
    [
      coverage.areaLayers,
      coverage.markerLayers,
      result,
      highlighted,
      speedMap,
      speedCells,
      showSpeedMap,
      showStandoff,
      standoff,
      standoffHighlighted,
      bomb.location,
      bombResult,
    ],
  );

  const selected = findItem(plan.items, selectedId);
  useEffect(() => {
    if (selectedId && !selected) setSelectedId(null);
  }, [selectedId, selected]);

  const onDrawn = useCallback(
    (drawTool: DrawTool, geometry: ItemGeometry) => {
      const count = plan.items.filter((i) => i.kind === drawTool.kind).length + 1;
      setTool(null);
      void actions
        .create(drawTool.collection, geometry, { ...drawTool.defaults, name: `${drawTool.label} ${count}` })
        .then((item) => setSelectedId(item?.id ?? null));
    },
    [actions, plan.items],
  );

  const removeSelected = useCallback(() => {
    if (selectedId) void actions.remove(selectedId);
  }, [actions, selectedId]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTextEntry(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) actions.redo();
        else actions.undo();
      } else if (mod && key === 'y') {
        event.preventDefault();
        actions.redo();
      } else if (mod || event.altKey) {
        return;
      } else if (key === 'escape') {
        if (tool) setTool(null);
        else if (threatTool) setThreatTool(false);
        else setSelectedId(null);
      } else if (key === 'delete' || key === 'backspace') {
        if (selectedId) {
          event.preventDefault();
          removeSelected();
        }
      } else if (key === 'v') {
        setTool(null);
        setThreatTool(false);
      } else if (key === 't') {
        setTool(null);
        setSelectedId(null);
        setThreatTool(!threatTool);
      } else {
        const next = toolForKey(key);
        if (next) {
          setSelectedId(null);
          setTool(next);
          setThreatTool(false);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, tool, threatTool, selectedId, removeSelected]);

  /** Selects an item from the list and brings it into view. */
  const selectAndShow = (id: string) => {
    const item = findItem(plan.items, id);
    if (!item) return;
    setTool(null);
    setSelectedId(id);
    const positions =
      item.geometry.type === 'Point'
        ? [item.geometry.coordinates]
        : item.geometry.type === 'LineString'
          ? item.geometry.coordinates
          : item.geometry.coordinates.flat();
    setFocus(boundsOf(positions));
  };

  const highlight = (index: number) => {
    setHighlighted(index);
    const vector = result?.vectors.features[index];
    if (vector) setFocus(boundsOf(vector.geometry.coordinates));
  };

  const highlightStandoff = (index: number) => {
    setStandoffHighlighted(index);
    const pair = standoff?.standoff[index];
    if (pair?.vehiclePoint && pair.zonePoint) setFocus(boundsOf([pair.vehiclePoint, pair.zonePoint]));
  };

  const toggleClass = (vehicleClass: VehicleClass) =>
    setClasses(
      classes.includes(vehicleClass)
        ? classes.filter((c) => c !== vehicleClass)
        : VEHICLE_CLASSES.filter((c) => c === vehicleClass || classes.includes(c)),
    );
  const label = (c: VehicleClass) => vehicles.find((v) => v.vehicleClass === c)?.label ?? c;

  return (
    <div className="workspace">
      <aside className="side left" aria-label="Plan">
        <Toolbar
          tool={tool}
          canUndo={plan.canUndo}
          canRedo={plan.canRedo}
          canDelete={selected !== undefined}
          threatTool={threatTool}
          onTool={(t) => {
            setSelectedId(null);
            setTool(t);
            setThreatTool(false);
          }}
          onThreatTool={() => {
            setSelectedId(null);
            setTool(null);
            setThreatTool(!threatTool);
          }}
          onUndo={actions.undo}
          onRedo={actions.redo}
          onDelete={removeSelected}
        />
        {plan.error && (
          <div role="alert" className="banner error">
            {plan.error}{' '}
            <button type="button" onClick={actions.dismissError}>
              Dismiss
            </button>
          </div>
        )}
        {plan.status === 'loading' && <p aria-busy="true">Loading zones and measures…</p>}
        {plan.status === 'error' && (
          <button type="button" onClick={actions.reload}>
            Load the plan again
          </button>
        )}
        {selected ? (
          <PropertiesPanel
            item={selected}
            saving={plan.saving}
            onSave={(properties) => void actions.update(selected.id, { properties })}
            onDelete={removeSelected}
          />
        ) : (
          plan.status === 'ready' && <ItemList items={plan.items} onSelect={selectAndShow} />
        )}
        <p className="saving" aria-live="polite">
          {plan.saving ? 'Saving…' : ''}
        </p>
      </aside>

      <div className="map-area">
        <MapView
          site={site}
          items={plan.items}
          selectedId={selectedId}
          tool={tool}
          layers={layers}
          focus={focus}
          onDrawn={onDrawn}
          onReshaped={(id, geometry) => void actions.update(id, { geometry })}
          onAimed={(id, aim) => void actions.update(id, { properties: aim })}
          onHandleEdit={(id, properties) => actions.update(id, { properties })}
          onSelect={(id) => {
            setTool(null);
            setSelectedId(id);
          }}
          onPickLocation={threatTool ? bomb.setLocation : undefined}
        />
        <Legend unit={unit}>
          {showStandoff && standoff && (
            <StandoffLegend classes={standoff.rings.features.map((f) => f.properties.vehicleClass)} />
          )}
          {bomb.location && <BombThreatLegend />}
          {coverage.shown && (
            <CoverageLegend level={coverage.shown.detailLevel} tailM={coverage.shown.vectorTailM} />
          )}
        </Legend>
        <button
          type="button"
          className="zoom-site"
          onClick={() => setFocus([...site.bbox] as LngLatBoundsLike)}
        >
          Zoom to site
        </button>
      </div>

      <aside className="side right" aria-label="Analysis">
        {(threatTool || bomb.location) && (
          <BombThreatPanel
            scenario={bomb}
            active={threatTool}
            onClose={() => {
              setThreatTool(false);
              bomb.setLocation(null);
            }}
          />
        )}
        <section className="panel">
          <h2>Threat</h2>
          <fieldset className="classes">
            <legend>Vehicle classes</legend>
            {VEHICLE_CLASSES.map((c) => (
              <label key={c} className="check">
                <input type="checkbox" checked={classes.includes(c)} onChange={() => toggleClass(c)} />
                <abbr title={label(c)}>{c}</abbr>{' '}
                <span className="muted">{label(c) === c ? '' : label(c)}</span>
              </label>
            ))}
          </fieldset>
          <label className="check">
            <input
              type="checkbox"
              checked={showSpeedMap}
              onChange={(e) => setShowSpeedMap(e.target.checked)}
            />
            Speed map for
            <select
              aria-label="Speed map vehicle class"
              value={shownClass ?? ''}
              onChange={(e) => setSpeedMapClass(e.target.value as VehicleClass)}
            >
              {classes.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        </section>
        <section
          className="panel analysis"
          aria-labelledby="analysis-title"
          aria-busy={approach.status === 'running'}
        >
          <h2 id="analysis-title">Approach vectors</h2>
          <AnalysisStatus approach={approach} classes={classes} />
          {result && (
            <ResultsPanel result={result} unit={unit} highlighted={highlighted} onHighlight={highlight} />
          )}
        </section>
        {result && (
          <StandoffPanel
            state={standoffState}
            result={standoff}
            showLayer={showStandoff}
            onShowLayer={setShowStandoff}
            highlighted={standoffHighlighted}
            onHighlight={highlightStandoff}
          />
        )}
        <CoveragePanel {...coverage.panel} unit={unit} onSelectCamera={selectAndShow} />
      </aside>

      {plan.conflict && (
        <div className="dialog-backdrop">
          <div role="alertdialog" aria-modal="true" aria-labelledby="conflict-title" className="dialog">
            <h2 id="conflict-title">Changed by someone else</h2>
            <p>{plan.conflict.message}</p>
            <div className="row">
              <button type="button" className="primary" onClick={actions.takeTheirs} autoFocus>
                Load their version
              </button>
              <button type="button" onClick={actions.keepMine}>
                Keep mine
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}

/** [west, south, east, north] around some positions. */
function boundsOf(positions: Position[]): LngLatBoundsLike {
  const lons = positions.map((p) => p[0]!);
  const lats = positions.map((p) => p[1]!);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/** Keys typed into a text field are text, not shortcuts (a checkbox or a button passes them on). */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  )
    return true;
  return (
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type)
  );
}

function AnalysisStatus({
  approach,
  classes,
}: {
  approach: ReturnType<typeof useApproach>;
  classes: VehicleClass[];
}) {
  if (classes.length === 0) return <p className="empty">Choose at least one vehicle class.</p>;
  switch (approach.status) {
    case 'idle':
      return <p aria-busy="true">Waiting for the plan…</p>;
    case 'running':
      return (
        <p className="muted" role="status">
          Analysing…
        </p>
      );
    case 'no-zones':
      return <p className="empty">Draw a protected zone (Z) to see how vehicles can reach it.</p>;
    case 'error':
      return (
        <p role="alert" className="error">
          {approach.message}
        </p>
      );
    case 'ready':
      return (
        <p className="muted" role="status" data-testid="analysis-done">
          {approach.result.vectors.features.length} vectors · updated in {Math.round(approach.elapsedMs)} ms
        </p>
      );
  }
}
