/**
 * The achieved standoff per protected zone and vehicle class against the building evacuation distance of
 * the class's default charge (DOMAIN.md §4), with the map layer's switch. A row highlights its standoff
 * line on the map (click, or Enter/Space on the focused row).
 */
import type { StandoffResult } from '../api/threat-types.js';
import type { StandoffState } from '../analysis/use-standoff.js';
import { CLASS_COLOURS } from '../analysis/standoff-layers.js';
import { rgbCss } from '../analysis/speed-scale.js';
import { standoffRows } from './standoff-rows.js';
import './threat-panels.css';

export interface StandoffPanelProps {
  state: StandoffState;
  /** The result to show: the last one, kept while a newer one runs. */
  result: StandoffResult | null;
  showLayer: boolean;
  onShowLayer(show: boolean): void;
  highlighted: number | null;
  onHighlight(index: number): void;
}

export function StandoffPanel(props: StandoffPanelProps) {
  const { state, result, highlighted } = props;
  const rows = result ? standoffRows(result.standoff, result.chart.minimumVehicleStandoffM) : [];
  const zones = [...new Set(rows.map((r) => r.entry.zoneId))].map(
    (zoneId) => [zoneId, rows.filter((r) => r.entry.zoneId === zoneId)] as const,
  );
  return (
    <section
      className="panel standoff"
      aria-labelledby="standoff-title"
      aria-busy={state.status === 'running'}
    >
      <h2 id="standoff-title">Standoff</h2>
      <label className="check">
        <input
          type="checkbox"
          checked={props.showLayer}
          onChange={(e) => props.onShowLayer(e.target.checked)}
        />
        Show standoff lines and rings on the map
      </label>
      {state.status === 'running' && (
        <p className="muted" role="status">
          Analysing standoff…
        </p>
      )}
      {state.status === 'error' && (
        <p role="alert" className="error">
          {state.message}
        </p>
      )}
      {result && (
        <div className="results">
          <p className="muted">
            Vehicles start outside the perimeter; each class is assessed with its default charge from the bomb
            stand-off chart.
          </p>
          {zones.map(([zoneId, zoneRows]) => (
            <section key={zoneId} aria-label={`Standoff of ${zoneRows[0]!.entry.zoneName}`}>
              <h3>{zoneRows[0]!.entry.zoneName}</h3>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Class</th>
                    <th scope="col">Achieved</th>
                    <th scope="col">Building distance (charge)</th>
                    <th scope="col">Meets</th>
                    <th scope="col">Largest charge that fits</th>
                    <th scope="col">10 m floor</th>
                  </tr>
                </thead>
                <tbody>
                  {zoneRows.map((row) => (
                    <tr
                      key={row.index}
                      tabIndex={0}
                      className={`${row.entry.meetsBuildingDistance ? 'meets' : 'short'}${
                        row.index === highlighted ? ' highlighted' : ''
                      }`}
                      aria-selected={row.index === highlighted}
                      data-testid="standoff-row"
                      data-class={row.entry.vehicleClass}
                      data-meets={row.entry.meetsBuildingDistance}
                      onClick={() => props.onHighlight(row.index)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' || e.key === ' ') {
                          e.preventDefault();
                          props.onHighlight(row.index);
                        }
                      }}
                    >
                      <td className="class">
                        <span
                          className="swatch"
                          style={{ background: rgbCss(CLASS_COLOURS[row.entry.vehicleClass]) }}
                        />{' '}
                        {row.entry.vehicleClass}
                      </td>
                      <td className="num">
                        {row.achieved}
                        <span className="how">{row.how}</span>
                      </td>
                      <td className="num" title={row.entry.chargeSource}>
                        {row.required}
                      </td>
                      <td className="verdict">{row.meets}</td>
                      <td className="num" title={row.largestChargeNote ?? undefined}>
                        {row.largestCharge}
                      </td>
                      <td className="flag">{row.underMinimum}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
