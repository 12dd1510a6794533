/** Units shown to the planner: km/h by default, mph on request; lengths always metric. */

export type SpeedUnit = 'kmh' | 'mph';

const KMH_PER_MPH = 1.609344;

export function formatSpeed(kmh: number, unit: SpeedUnit): string {
  return unit === 'mph' ? `${Math.round(kmh / KMH_PER_MPH)} mph` : `${Math.round(kmh)} km/h`;
}

/** A speed in the chosen unit without the unit, for legends and axes. */
export function speedValue(kmh: number, unit: SpeedUnit): number {
  return Math.round(unit === 'mph' ? kmh / KMH_PER_MPH : kmh);
}

export function formatLength(m: number): string {
  if (m >= 1000) return `${(m / 1000).toFixed(m >= 10_000 ? 0 : 1)} km`;
  return m >= 10 ? `${Math.round(m)} m` : `${m.toFixed(1)} m`;
}

export function formatEnergy(kj: number): string {
  return kj >= 1000 ? `${(kj / 1000).toFixed(1)} MJ` : `${Math.round(kj)} kJ`;
}
