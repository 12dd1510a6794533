/**
 * The key to the speed colours and the vector line styles, in the chosen speed unit; other layers' keys
 * after. With every layer on it is tall enough to cover the lower left of the map, so it folds to one
 * button, and the browser remembers whether it was folded.
 */
import type { ReactNode } from 'react';
import { SPEED_BANDS, rgbCss } from '../analysis/speed-scale.js';
import { speedValue, type SpeedUnit } from '../units.js';
import { useStoredState } from './use-stored-state.js';

export function Legend({ unit, children }: { unit: SpeedUnit; children?: ReactNode }) {
  const [open, setOpen] = useStoredState('bulwark.legendOpen', true);
  const unitLabel = unit === 'mph' ? 'mph' : 'km/h';
  return (
    <section className={open ? 'legend' : 'legend folded'} aria-label="Map legend">
      <button
        type="button"
        className="legend-toggle"
        aria-expanded={open}
        aria-controls="legend-body"
        title={open ? 'Fold the legend away' : 'Show the legend'}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide' : 'Legend'}
      </button>
      {open && (
        <div id="legend-body">
          <h3>Impact speed ({unitLabel})</h3>
          <ul>
            {SPEED_BANDS.map((band) => (
              <li key={band.fromKmh}>
                <span className="swatch" style={{ background: rgbCss(band.colour) }} />
                {band.toKmh === null
                  ? `${speedValue(band.fromKmh, unit)} and over (no rating test)`
                  : `${speedValue(band.fromKmh, unit)}–${speedValue(band.toKmh, unit)}`}
              </li>
            ))}
          </ul>
          <ul className="styles">
            <li>
              <span className="line residual" /> reaches the zone
            </li>
            <li>
              <span className="line stopped" /> stopped by a measure
            </li>
            <li>
              <span className="dot" /> impact point
            </li>
          </ul>
          {children}
        </div>
      )}
    </section>
  );
}
