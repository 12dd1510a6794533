/**
 * The analysis results: per protected zone the worst case and what would stop it, then every approach
 * vector (class, impact speed, energy, required rating, status). A row highlights its vector on the map.
 */
import type { ApproachResult, VectorStatus, ZoneSummary } from '../api/types.js';
import { formatEnergy, formatSpeed, type SpeedUnit } from '../units.js';

export const STATUS_WORDS: Record<VectorStatus, string> = {
  unmitigated: 'Unmitigated',
  under_rated: 'Under-rated measure',
  gap: 'Through a gap',
  energy_equivalent: 'Stopped (energy only)',
  stopped: 'Stopped',
};

export interface ResultsPanelProps {
  result: ApproachResult;
  unit: SpeedUnit;
  highlighted: number | null;
  onHighlight(index: number): void;
}

/** The worst vector nothing stops of a zone, over its classes. */
function worstCase(summaries: ZoneSummary[]): ZoneSummary | undefined {
  return summaries
    .filter((s) => s.worstImpactSpeedKmh !== null)
    .sort((a, b) => (b.worstImpactSpeedKmh ?? 0) - (a.worstImpactSpeedKmh ?? 0))[0];
}

export function ResultsPanel({ result, unit, highlighted, onHighlight }: ResultsPanelProps) {
  const zones = [...new Set(result.summary.map((s) => s.zoneId))];
  const vectors = result.vectors.features.map((v, index) => ({ v, index }));
  return (
    <div className="results">
      {zones.map((zoneId) => {
        const summaries = result.summary.filter((s) => s.zoneId === zoneId);
        const worst = worstCase(summaries);
        const rows = vectors
          .filter(({ v }) => v.properties.zoneId === zoneId)
          .sort((a, b) => b.v.properties.impactSpeedKmh - a.v.properties.impactSpeedKmh);
        return (
          <section
            key={zoneId}
            className="zone-result"
            aria-label={`Results for ${summaries[0]?.zoneName ?? 'zone'}`}
          >
            <h3>{summaries[0]?.zoneName}</h3>
            <p className={worst ? 'worst' : 'safe'} data-testid="worst-case">
              {worst
                ? `Worst case: ${worst.vehicleClass} at ${formatSpeed(worst.worstImpactSpeedKmh ?? 0, unit)}. ${
                    worst.requiredRating ? `Stopped by ${worst.requiredRating} or better. ` : ''
                  }${worst.requiredRatingNote}`
                : 'Every approach found is stopped by a measure.'}
            </p>
            <table>
              <thead>
                <tr>
                  <th scope="col">Class</th>
                  <th scope="col">Impact</th>
                  <th scope="col">Energy</th>
                  <th scope="col">Required rating</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ v, index }) => (
                  <tr
                    key={index}
                    tabIndex={0}
                    className={`status-${v.properties.status}${index === highlighted ? ' highlighted' : ''}`}
                    aria-selected={index === highlighted}
                    data-testid="vector-row"
                    data-status={v.properties.status}
                    title={[v.properties.measureDetail, ...v.properties.warnings].filter(Boolean).join(' ')}
                    onClick={() => onHighlight(index)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        onHighlight(index);
                      }
                    }}
                  >
                    <td>{v.properties.vehicleClass}</td>
                    <td className="num">{formatSpeed(v.properties.impactSpeedKmh, unit)}</td>
                    <td className="num">{formatEnergy(v.properties.energyKj)}</td>
                    <td>{v.properties.requiredRating ?? 'none covers it'}</td>
                    <td>{STATUS_WORDS[v.properties.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
