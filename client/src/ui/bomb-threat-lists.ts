/**
 * The lists of a bomb-threat answer as the panel and the exports show them: every building once, in the
 * innermost ring it is in, nearest first; counts by type, most first.
 */
import type { BombThreatResult, RingName } from '../api/threat-types.js';

export interface BuildingRow {
  id: number;
  osmId: string;
  name: string | null;
  kind: string;
  distanceM: number;
  /** The innermost ring the building is in: its occupants evacuate (building) or stay in (outdoor). */
  ring: RingName;
}

export function buildingRows(result: BombThreatResult): BuildingRow[] {
  const inner = new Set(result.evacuate.building.buildings.map((b) => b.id));
  return result.evacuate.outdoor.buildings.map((b) => ({
    id: b.id,
    osmId: b.osmId,
    name: b.name,
    kind: b.kind,
    distanceM: b.distanceM,
    ring: inner.has(b.id) ? 'building' : 'outdoor',
  }));
}

/** "18 terrace, 2 apartments, 1 church": most first, then by name. */
export function kindSummary(byKind: Record<string, number>): string {
  return Object.entries(byKind)
    .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');
}

/** The threat in words: "Pipe bomb, 2.3 kg TNT (5 lb)", or the rows a typed charge lies between. */
export function threatLabel(threat: BombThreatResult['threat']): string {
  const charge = `${threat.chargeKg} kg TNT (${threat.chargeLb} lb)`;
  if (threat.row) return `${threat.row.label}, ${charge}`;
  return threat.between ? `${charge}, between chart rows ${threat.between.join(' and ')}` : charge;
}
