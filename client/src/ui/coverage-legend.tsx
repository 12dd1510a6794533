/** Legend entries of the CCTV coverage layers: the detail-level bands and the seen / not seen styles. */
import type { DetailLevel } from '../api/coverage-types.js';
import {
  DETAIL_BANDS,
  NOT_SEEN_COLOUR,
  PRIVACY_COLOUR,
  SEEN_COLOUR,
  detailBand,
} from '../analysis/coverage-scale.js';
import { rgbCss } from '../analysis/speed-scale.js';
import './coverage.css';

export function CoverageLegend({ level, tailM }: { level: DetailLevel; tailM: number }) {
  const seen = rgbCss(SEEN_COLOUR);
  const notSeen = rgbCss(NOT_SEEN_COLOUR);
  return (
    <>
      <h3>CCTV detail (px/m)</h3>
      <ul className="coverage-bands">
        {DETAIL_BANDS.map((b) => (
          <li key={b.level}>
            <span className="swatch" style={{ background: rgbCss(b.colour) }} />
            {b.label} {b.ppm}
          </li>
        ))}
      </ul>
      <ul className="styles">
        <li>
          <span className="outline" style={{ color: seen }} /> seen at {detailBand(level).label.toLowerCase()}{' '}
          or better
        </li>
        <li>
          <span className="hatch" /> zone area not seen
        </li>
        <li>
          <span className="dashed" /> zone edge or vector’s last {tailM} m not all seen
        </li>
        <li>
          <span className="core" style={{ background: seen }} /> vector’s last {tailM} m seen
        </li>
        <li>
          <span className="circle" style={{ color: seen }} />
          <span className="circle" style={{ color: notSeen }} /> impact or access point seen / not
        </li>
        <li>
          <span className="mask" style={{ background: rgbCss(PRIVACY_COLOUR) }} /> privacy mask (private
          property in view)
        </li>
      </ul>
    </>
  );
}
