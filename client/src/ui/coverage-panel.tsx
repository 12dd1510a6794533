/**
 * The CCTV coverage panel: the detail level coverage is scored at, the layer's switch, and the tables of
 * what the cameras see at that level: per protected zone (area and perimeter), per camera, per approach
 * vector (its last metres and its impact point), per cordon access point, and how much is seen twice.
 * A camera's row selects the camera on the map (click, or Enter on the focused row).
 */
import type { CoverageResult, DetailLevel } from '../api/coverage-types.js';
import type { CoverageState } from '../analysis/use-coverage.js';
import { DETAIL_BANDS, detailBand } from '../analysis/coverage-scale.js';
import { tailSeen } from '../analysis/coverage-layers.js';
import { rgbCss } from '../analysis/speed-scale.js';
import type { SpeedUnit } from '../units.js';
import { accessPointRows, cameraRows, redundancy, vectorRows, zoneRows } from './coverage-rows.js';
import './coverage.css';

export interface CoveragePanelProps {
  state: CoverageState;
  /** The result to show: the last one, kept while a newer one runs. */
  result: CoverageResult | null;
  unit: SpeedUnit;
  detailLevel: DetailLevel;
  onDetailLevel(level: DetailLevel): void;
  showLayer: boolean;
  onShowLayer(show: boolean): void;
  /** The cordons' names by id, for the access points. */
  cordonNames: ReadonlyMap<string, string>;
  onSelectCamera(id: string): void;
}

export function CoveragePanel(props: CoveragePanelProps) {
  const { state, result } = props;
  return (
    <section
      className="panel coverage"
      aria-labelledby="coverage-title"
      aria-busy={state.status === 'running'}
    >
      <h2 id="coverage-title">CCTV coverage</h2>
      <label className="check">
        <input
          type="checkbox"
          checked={props.showLayer}
          onChange={(e) => props.onShowLayer(e.target.checked)}
        />
        Show coverage on the map
      </label>
      <label className="field" htmlFor="coverage-level">
        <span>Detail level scored (EN 62676-4)</span>
        <select
          id="coverage-level"
          value={props.detailLevel}
          onChange={(e) => props.onDetailLevel(e.target.value as DetailLevel)}
        >
          {DETAIL_BANDS.map((b) => (
            <option key={b.level} value={b.level}>
              {b.label} ({b.ppm} px/m)
            </option>
          ))}
        </select>
      </label>
      <CoverageStatus state={state} />
      {result && <CoverageTables {...props} result={result} />}
    </section>
  );
}

function CoverageStatus({ state }: { state: CoverageState }) {
  switch (state.status) {
    case 'idle':
      return <p className="muted">Waiting for the approach analysis…</p>;
    case 'no-cameras':
      return <p className="empty">Place a camera (K) to see what it covers.</p>;
    case 'running':
      return (
        <p className="muted" role="status">
          Analysing coverage…
        </p>
      );
    case 'error':
      return (
        <p role="alert" className="error">
          {state.message}
        </p>
      );
    case 'ready':
      return (
        <p className="muted" role="status" data-testid="coverage-done">
          {state.result.cameras.length} camera{state.result.cameras.length === 1 ? '' : 's'} at{' '}
          {detailBand(state.result.detailLevel).label.toLowerCase()} or better
        </p>
      );
  }
}

function CoverageTables(props: CoveragePanelProps & { result: CoverageResult }) {
  const { result, unit } = props;
  const level = detailBand(result.detailLevel);
  const zones = zoneRows(result);
  const cameras = cameraRows(result);
  const vectors = vectorRows(result, unit);
  const points = accessPointRows(result, props.cordonNames);
  const twice = redundancy(result);
  return (
    <div className="results">
      {zones.length > 0 && (
        <>
          <h3>Protected zones</h3>
          <table aria-label="Coverage of the protected zones">
            <thead>
              <tr>
                <th scope="col">Zone</th>
                <th scope="col">Area seen</th>
                <th scope="col">Perimeter seen</th>
                <th scope="col" title="Share of the area seen by two cameras or more">
                  Seen twice
                </th>
              </tr>
            </thead>
            <tbody>
              {zones.map((z) => (
                <tr key={z.zoneId} data-testid="coverage-zone-row" data-zone-id={z.zoneId}>
                  <td>
                    {z.name}
                    <span className="how">
                      {z.cameras} camera{z.cameras === 1 ? '' : 's'}
                    </span>
                  </td>
                  <td className="num" data-testid="zone-area">
                    <strong>{z.areaShare}</strong>
                    <span className="how">{z.area}</span>
                  </td>
                  <td className="num" data-testid="zone-perimeter">
                    <strong>{z.perimeterShare}</strong>
                    <span className="how">{z.perimeter}</span>
                  </td>
                  <td className="num">{z.redundant}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>Cameras</h3>
      <table aria-label="Cameras">
        <thead>
          <tr>
            <th scope="col">Camera</th>
            <th scope="col">Resolution</th>
            <th scope="col">
              <abbr title="Horizontal field of view">FOV</abbr>
            </th>
            <th scope="col">
              <span className="swatch" style={{ background: rgbCss(level.colour) }} /> {level.label}
            </th>
            <th scope="col">Privacy</th>
          </tr>
        </thead>
        <tbody>
          {cameras.map((c) => (
            <tr
              key={c.id}
              tabIndex={0}
              data-testid="coverage-camera-row"
              data-camera-id={c.id}
              title="Select this camera on the map"
              onClick={() => props.onSelectCamera(c.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  props.onSelectCamera(c.id);
                }
              }}
            >
              <td>
                {c.name}
                {c.warnings.length > 0 && (
                  <ul className="warnings">
                    {c.warnings.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="num">{c.resolution}</td>
              <td className="num">{c.fov}</td>
              <td className="num" data-testid="camera-area">
                {c.area}
              </td>
              <td className="num" data-testid="camera-privacy">
                {c.privacy}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {vectors.length > 0 && (
        <>
          <h3>Approach vectors: last {result.vectorTailM} m</h3>
          <table aria-label="Approach vectors seen">
            <thead>
              <tr>
                <th scope="col">Class</th>
                <th scope="col">Impact</th>
                <th scope="col">Seen</th>
                <th scope="col">Impact point</th>
              </tr>
            </thead>
            <tbody>
              {vectors.map((v) => (
                <tr
                  key={v.index}
                  className={tailSeen(v.tail) ? 'seen' : 'unseen'}
                  data-testid="coverage-vector-row"
                  data-index={v.index}
                >
                  <td>
                    {v.tail.properties.vehicleClass}
                    <span className="how">{v.zone}</span>
                  </td>
                  <td className="num">{v.speed}</td>
                  <td className="num" data-testid="vector-seen">
                    <strong>{v.share}</strong>
                    <span className="how">{v.seen}</span>
                  </td>
                  <td className={v.tail.properties.impactSeen ? 'verdict seen' : 'verdict unseen'}>
                    {v.impact}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {points.length > 0 && (
        <>
          <h3>Access points</h3>
          <table aria-label="Access points seen">
            <tbody>
              {points.map((p) => (
                <tr key={p.key} data-testid="coverage-access-row">
                  <td>{p.label}</td>
                  <td className={p.point.seen ? 'verdict seen' : 'verdict unseen'}>{p.seen}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="muted" data-testid="coverage-redundancy">
        Seen by two cameras or more: {twice.impactPoints} of {result.vectors.features.length} impact points,{' '}
        {twice.accessPoints} of {result.accessPoints.length} access points.
      </p>
    </div>
  );
}
