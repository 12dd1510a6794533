/**
 * The standoff table's rows from the API's entries: by zone, then vehicle class in the catalogue's
 * order, each value in words and metres/kg; `index` points back at the entry (to highlight it on the map).
 */
import type { StandoffEntry, StandoffHow } from '../api/threat-types.js';
import { VEHICLE_CLASSES } from '../api/types.js';
import { formatLength } from '../units.js';

export interface StandoffRow {
  index: number;
  entry: StandoffEntry;
  /** The distance ("0 m", "12 m"; "—" when the vehicle gets nowhere) and how it ends. */
  achieved: string;
  how: string;
  /** The building evacuation distance and the charge it is for. */
  required: string;
  meets: string;
  largestCharge: string;
  /** Why the largest charge is what it is, when the chart cannot say (none fits, or the chart ends). */
  largestChargeNote: string | null;
  underMinimum: string;
}

const HOW_WORDS: Record<StandoffHow, string> = {
  enters: 'gets in',
  stopped: 'stopped',
  reached: 'nearest reach',
  unreachable: 'never gets there',
};

function achieved(entry: StandoffEntry): string {
  if (entry.distanceM === null) return '—';
  // A vehicle that gets in is at no distance, not at a measured 0.0 m.
  return entry.distanceM === 0 ? '0 m' : formatLength(entry.distanceM);
}

/** "52.5 kg", "1,814 kg": tenths below 100 kg, whole kilograms above. */
const formatKg = (kg: number) =>
  `${(kg >= 100 ? Math.round(kg) : Math.round(kg * 10) / 10).toLocaleString('en')} kg`;

function largestCharge(entry: StandoffEntry): string {
  if (entry.largestChargeKg === null) return entry.distanceM === null ? 'any' : 'none';
  // With a note, the standoff covers the chart's largest row and nothing larger is claimed.
  return `${entry.largestChargeNote ? '≥ ' : ''}${formatKg(entry.largestChargeKg)}`;
}

const classOrder = (entry: StandoffEntry) => VEHICLE_CLASSES.indexOf(entry.vehicleClass);

/** `floorM`: the minimum vehicle standoff to inhabited buildings (10 m, UFC 4-010-01), from the answer. */
export function standoffRows(entries: readonly StandoffEntry[], floorM: number): StandoffRow[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        a.entry.zoneName.localeCompare(b.entry.zoneName) ||
        a.entry.zoneId.localeCompare(b.entry.zoneId) ||
        classOrder(a.entry) - classOrder(b.entry),
    )
    .map(({ entry, index }) => ({
      index,
      entry,
      achieved: achieved(entry),
      how: HOW_WORDS[entry.how],
      required: `${formatLength(entry.buildingEvacuationM)} (${formatKg(entry.chargeKg)})`,
      meets: entry.meetsBuildingDistance ? 'yes' : 'no',
      largestCharge: largestCharge(entry),
      largestChargeNote: entry.largestChargeNote,
      underMinimum: entry.underMinimum ? `under ${floorM} m` : '',
    }));
}
