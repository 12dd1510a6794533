/** Legend entries of the standoff layer (one colour per vehicle class) and of the bomb-threat layers. */
import type { VehicleClass } from '../api/types.js';
import { ASSEMBLY_COLOUR, CORDON_COLOURS, RING_COLOURS } from '../analysis/bomb-threat-layers.js';
import { rgbCss } from '../analysis/speed-scale.js';
import { CLASS_COLOURS } from '../analysis/standoff-layers.js';
import './threat-panels.css';

export function StandoffLegend({ classes }: { classes: readonly VehicleClass[] }) {
  return (
    <>
      <h3>Standoff</h3>
      <ul className="inline">
        <li>
          <span className="pair" /> nearest approach
        </li>
        <li>
          <span className="ring" /> building distance
        </li>
      </ul>
      <ul className="inline">
        {classes.map((c) => (
          <li key={c}>
            <span className="swatch" style={{ background: rgbCss(CLASS_COLOURS[c]) }} />
            {c}
          </li>
        ))}
      </ul>
    </>
  );
}

export function BombThreatLegend() {
  return (
    <>
      <h3>Bomb threat</h3>
      <ul className="columns">
        <li>
          <span className="ring" style={{ borderColor: rgbCss(RING_COLOURS.building) }} /> building evacuation
        </li>
        <li>
          <span className="ring" style={{ borderColor: rgbCss(RING_COLOURS.outdoor) }} /> outdoor evacuation
        </li>
        <li>
          <span className="marker" style={{ background: rgbCss(CORDON_COLOURS.traffic) }} /> traffic cordon
          point
        </li>
        <li>
          <span className="marker" style={{ background: rgbCss(CORDON_COLOURS.pedestrian) }} /> pedestrian
          cordon point
        </li>
        <li>
          <span className="marker" style={{ background: rgbCss(ASSEMBLY_COLOUR) }} /> assembly area
        </li>
      </ul>
    </>
  );
}
