/**
 * A bomb-threat answer: the rings in words, the buildings inside them, the cordon points on the outer
 * ring, the assembly-area candidates beyond it (largest first), and the whole as CSV or GeoJSON.
 */
import type { BombThreatResult, RingName } from '../api/threat-types.js';
import { ASSEMBLY_COLOUR, CORDON_COLOURS, RING_COLOURS } from '../analysis/bomb-threat-layers.js';
import { rgbCss } from '../analysis/speed-scale.js';
import { formatLength } from '../units.js';
import { bombThreatCsv, bombThreatGeoJson, exportFileName } from './bomb-threat-export.js';
import { buildingRows, kindSummary, threatLabel } from './bomb-threat-lists.js';
import { downloadFile } from './download-file.js';

/** Rows drawn in the building table; the downloads carry every one (the largest rows reach thousands). */
const SHOWN_BUILDINGS = 300;

const RING_WORDS: Record<RingName, string> = {
  building: 'Building evacuation',
  outdoor: 'Outdoor evacuation',
};

const Swatch = ({ colour }: { colour: [number, number, number] }) => (
  <span className="swatch" style={{ background: rgbCss(colour) }} />
);

export function BombThreatResults({ result }: { result: BombThreatResult }) {
  const { threat, evacuate } = result;
  const buildings = buildingRows(result);
  const radius = { building: threat.buildingEvacuationM, outdoor: threat.outdoorEvacuationM };
  const name = exportFileName(result);
  return (
    <div className="results bomb-results">
      <p className="worst" data-testid="bomb-summary">
        {threatLabel(threat)}: everyone inside buildings within {formatLength(threat.buildingEvacuationM)}{' '}
        evacuates; everyone outdoors within {formatLength(threat.outdoorEvacuationM)} moves beyond it.
      </p>

      <h3>Buildings</h3>
      <ul className="ring-counts">
        {(['building', 'outdoor'] as const).map((ring) => (
          <li key={ring} data-testid={`ring-count-${ring}`}>
            <Swatch colour={RING_COLOURS[ring]} /> {RING_WORDS[ring]} ring ({formatLength(radius[ring])}):{' '}
            <strong>{evacuate[ring].count}</strong> {evacuate[ring].count === 1 ? 'building' : 'buildings'}
            {evacuate[ring].count > 0 && (
              <span className="muted"> — {kindSummary(evacuate[ring].byKind)}</span>
            )}
          </li>
        ))}
      </ul>
      {buildings.length > 0 && (
        <table data-testid="building-table">
          <thead>
            <tr>
              <th scope="col">OSM id</th>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Distance</th>
              <th scope="col">Innermost ring</th>
            </tr>
          </thead>
          <tbody>
            {buildings.slice(0, SHOWN_BUILDINGS).map((b) => (
              <tr key={b.id} data-testid="building-row" data-id={b.id} data-ring={b.ring}>
                <td>{b.osmId}</td>
                <td>{b.name ?? <span className="muted">unnamed</span>}</td>
                <td>{b.kind}</td>
                <td className="num">{formatLength(b.distanceM)}</td>
                <td>{b.ring}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {buildings.length > SHOWN_BUILDINGS && (
        <p className="muted">
          and {buildings.length - SHOWN_BUILDINGS} more, farther out: every one is in the downloads.
        </p>
      )}

      <h3>
        Cordon points on the outer ring <span className="muted">({result.cordonPoints.features.length})</span>
      </h3>
      {result.cordonPoints.features.length === 0 ? (
        <p className="empty">No road or path of the imported data crosses the outer ring.</p>
      ) : (
        <table data-testid="cordon-table">
          <thead>
            <tr>
              <th scope="col">Road or path</th>
              <th scope="col">Class</th>
              <th scope="col">Cordon</th>
            </tr>
          </thead>
          <tbody>
            {result.cordonPoints.features.map((c, i) => (
              <tr key={i} data-testid="cordon-row">
                <td>{c.properties.name ?? <span className="muted">unnamed</span>}</td>
                <td>{c.properties.kind}</td>
                <td>
                  <Swatch colour={CORDON_COLOURS[c.properties.cordon]} /> {c.properties.cordon}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>
        Assembly areas{' '}
        <span className="muted">(within {formatLength(result.walkingDistanceM)} of the ring)</span>
      </h3>
      {result.assemblyAreas.length === 0 ? (
        <p className="empty">No park, square or other open area beyond the outer ring within the walk.</p>
      ) : (
        <table data-testid="assembly-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Area</th>
              <th scope="col">Distance</th>
            </tr>
          </thead>
          <tbody>
            {result.assemblyAreas.map((a, i) => (
              <tr key={a.id} data-testid="assembly-row">
                <td>
                  <Swatch colour={ASSEMBLY_COLOUR} /> {i + 1}
                </td>
                <td>{a.name ?? <span className="muted">unnamed</span>}</td>
                <td>{a.kind}</td>
                <td className="num">{a.areaM2.toLocaleString('en')} m²</td>
                <td className="num">{formatLength(a.distanceM)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div className="row exports" role="group" aria-label="Download the lists">
        <button type="button" onClick={() => downloadFile(`${name}.csv`, 'text/csv', bombThreatCsv(result))}>
          Download CSV
        </button>
        <button
          type="button"
          onClick={() =>
            downloadFile(
              `${name}.geojson`,
              'application/geo+json',
              JSON.stringify(bombThreatGeoJson(result), null, 2),
            )
          }
        >
          Download GeoJSON
        </button>
      </div>
      <p className="muted source">
        {threat.source}. Map data {result.attribution}.
      </p>
    </div>
  );
}
