/**
 * The bomb-threat tool's panel: where the suspect item is (a click on the map with the tool on, or typed
 * coordinates for keyboard users), which threat (a row of the stand-off chart, or a charge typed in kg),
 * and the answer. The server judges a typed charge and the location; its refusal is shown in its words.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { getThreatChart } from '../api/threat-endpoints.js';
import type { ThreatRow } from '../api/threat-types.js';
import { describeError } from '../api/http.js';
import type { BombThreatScenario } from '../analysis/use-bomb-threat.js';
import { BombThreatResults } from './bomb-threat-results.js';
import './threat-panels.css';

export interface BombThreatPanelProps {
  scenario: BombThreatScenario;
  /** The tool is on: a map click places the item. */
  active: boolean;
  onClose(): void;
}

/** The select's value for "type a charge" (chart row keys are words). */
const TYPED = '#kg';

/** 7 decimals: about 1 cm, what the server keeps. */
const coordinate = (x: number) => String(Math.round(x * 1e7) / 1e7);

export function BombThreatPanel({ scenario, active, onClose }: BombThreatPanelProps) {
  const { location, choice, state } = scenario;
  const [rows, setRows] = useState<ThreatRow[]>([]);
  const [chartError, setChartError] = useState<string | null>(null);
  const [typing, setTyping] = useState(false);
  const [chargeText, setChargeText] = useState('');
  const [lonText, setLonText] = useState('');
  const [latText, setLatText] = useState('');

  useEffect(() => {
    getThreatChart()
      .then((chart) => setRows(chart.rows))
      .catch((e: unknown) => setChartError(describeError(e)));
  }, []);

  useEffect(() => {
    setLonText(location ? coordinate(location[0]) : '');
    setLatText(location ? coordinate(location[1]) : '');
  }, [location]);

  const selectValue = typing ? TYPED : choice && 'threat' in choice ? choice.threat : '';

  const choose = (value: string) => {
    setTyping(value === TYPED);
    if (value === TYPED) typeCharge(chargeText);
    else scenario.setChoice(value === '' ? null : { threat: value });
  };
  const typeCharge = (text: string) => {
    setChargeText(text);
    const kg = Number(text);
    scenario.setChoice(text.trim() === '' || !Number.isFinite(kg) ? null : { chargeKg: kg });
  };
  const placeTyped = (event: FormEvent) => {
    event.preventDefault();
    const lon = Number(lonText);
    const lat = Number(latText);
    if (lonText.trim() !== '' && latText.trim() !== '' && Number.isFinite(lon) && Number.isFinite(lat))
      scenario.setLocation([lon, lat]);
  };

  return (
    <section
      className="panel bomb-threat"
      aria-labelledby="bomb-threat-title"
      aria-busy={state.status === 'running'}
    >
      <div className="panel-title">
        <h2 id="bomb-threat-title">Bomb threat</h2>
        <button type="button" onClick={onClose} title="Close the bomb-threat tool and clear its rings">
          Close
        </button>
      </div>
      <p className="hint" aria-live="polite">
        {active
          ? 'Click the map where the suspect item is, or type its coordinates.'
          : 'Turn the tool on (T) to place the suspect item with a click.'}
      </p>
      <form className="coordinates" onSubmit={placeTyped} aria-label="Suspect item location">
        <label className="field">
          <span>Longitude</span>
          <input inputMode="decimal" value={lonText} onChange={(e) => setLonText(e.target.value)} />
        </label>
        <label className="field">
          <span>Latitude</span>
          <input inputMode="decimal" value={latText} onChange={(e) => setLatText(e.target.value)} />
        </label>
        <button type="submit">Place</button>
      </form>
      <label className="field">
        <span>Threat (building / outdoor evacuation distance)</span>
        <select value={selectValue} onChange={(e) => choose(e.target.value)}>
          <option value="">Choose a threat…</option>
          {rows.map((r) => (
            <option key={r.key} value={r.key}>
              {r.label}: {r.chargeKg} kg ({r.chargeLb} lb) · {r.buildingEvacuationM} m /{' '}
              {r.outdoorEvacuationM} m
            </option>
          ))}
          <option value={TYPED}>Another charge, in kg TNT…</option>
        </select>
      </label>
      {typing && (
        <label className="field">
          <span>Charge (kg TNT equivalent)</span>
          <input
            inputMode="decimal"
            value={chargeText}
            onChange={(e) => typeCharge(e.target.value)}
            autoFocus
          />
        </label>
      )}
      {chartError && (
        <p role="alert" className="error">
          {chartError}
        </p>
      )}
      <BombThreatStatus scenario={scenario} />
    </section>
  );
}

function BombThreatStatus({ scenario }: { scenario: BombThreatScenario }) {
  const { location, choice, state } = scenario;
  switch (state.status) {
    case 'idle':
      return (
        <p className="empty">
          {location
            ? 'Choose the threat.'
            : choice
              ? 'Place the suspect item.'
              : 'Place the item and choose the threat.'}
        </p>
      );
    case 'running':
      return (
        <p className="muted" role="status">
          Finding the buildings, cordon points and assembly areas…
        </p>
      );
    case 'error':
      return (
        <p role="alert" className="error" data-testid="bomb-error">
          {state.message}
        </p>
      );
    case 'ready':
      return <BombThreatResults result={state.result} />;
  }
}
