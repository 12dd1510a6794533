/**
 * A bomb-threat answer as files to hand on: one CSV table (the threat, the buildings by ring, the cordon
 * points, the assembly areas, a `list` column saying which) and the same as GeoJSON with the rings.
 * Buildings come without geometry from the API, so in GeoJSON they are features with `geometry: null`
 * (allowed by RFC 7946).
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { BombThreatResult } from '../api/threat-types.js';
import { buildingRows, threatLabel } from './bomb-threat-lists.js';

type Cell = string | number | null;

const CSV_COLUMNS = [
  'list',
  'rank',
  'id',
  'osm_id',
  'name',
  'kind',
  'distance_m',
  'area_m2',
  'longitude',
  'latitude',
  'note',
] as const;
type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], Cell>>;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text a spreadsheet would
 * run as a formula (OSM names are anyone's to edit) is prefixed with an apostrophe; numbers stay numbers.
 */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function summary(result: BombThreatResult): string {
  const { threat } = result;
  return (
    `${threatLabel(threat)}; building evacuation ${threat.buildingEvacuationM} m; ` +
    `outdoor evacuation ${threat.outdoorEvacuationM} m; ${threat.source}; map data ${result.attribution}`
  );
}

function csvRows(result: BombThreatResult): CsvRow[] {
  const [lon, lat] = result.location;
  return [
    {
      list: 'threat',
      name: result.threat.row?.label ?? 'Typed charge',
      longitude: lon,
      latitude: lat,
      note: summary(result),
    },
    ...buildingRows(result).map((b, i) => ({
      list: `${b.ring}-evacuation`,
      rank: i + 1,
      id: b.id,
      osm_id: b.osmId,
      name: b.name,
      kind: b.kind,
      distance_m: b.distanceM,
    })),
    ...result.cordonPoints.features.map((c) => ({
      list: `${c.properties.cordon}-cordon`,
      id: c.properties.featureId,
      name: c.properties.name,
      kind: c.properties.kind,
      longitude: c.geometry.coordinates[0]!,
      latitude: c.geometry.coordinates[1]!,
    })),
    ...result.assemblyAreas.map((a, i) => ({
      list: 'assembly-area',
      rank: i + 1,
      id: a.id,
      name: a.name,
      kind: a.kind,
      distance_m: a.distanceM,
      area_m2: a.areaM2,
      longitude: a.at.coordinates[0]!,
      latitude: a.at.coordinates[1]!,
    })),
  ];
}

/** CRLF line ends, as RFC 4180 and spreadsheets expect. */
export function bombThreatCsv(result: BombThreatResult): string {
  const lines = [
    CSV_COLUMNS.join(','),
    ...csvRows(result).map((row) => CSV_COLUMNS.map((c) => csvField(row[c] ?? null)).join(',')),
  ];
  return lines.join('\r\n') + '\r\n';
}

export function bombThreatGeoJson(result: BombThreatResult): FeatureCollection<Geometry | null> & {
  attribution: string;
} {
  const feature = (
    geometry: Geometry | null,
    properties: Record<string, unknown>,
  ): Feature<Geometry | null> => ({
    type: 'Feature',
    geometry,
    properties,
  });
  return {
    type: 'FeatureCollection',
    attribution: result.attribution,
    features: [
      feature({ type: 'Point', coordinates: result.location }, { list: 'threat', ...result.threat }),
      ...result.rings.features.map((r) =>
        feature(r.geometry, { list: `${r.properties.ring}-evacuation-ring`, radiusM: r.properties.radiusM }),
      ),
      ...buildingRows(result).map(({ ring, ...b }) => feature(null, { list: `${ring}-evacuation`, ...b })),
      ...result.cordonPoints.features.map((c) =>
        feature(c.geometry, { list: `${c.properties.cordon}-cordon`, ...c.properties }),
      ),
      ...result.assemblyAreas.map(({ at, ...a }, i) =>
        feature(at, { list: 'assembly-area', rank: i + 1, ...a }),
      ),
    ],
  };
}

/** "bomb-threat-pipe-bomb-0.00450-51.48130": what and where, safe as a file name. */
export function exportFileName(result: BombThreatResult): string {
  const what = result.threat.row?.key ?? `${result.threat.chargeKg}kg`;
  const [lon, lat] = result.location.map((c) => c.toFixed(5));
  return `bomb-threat-${what}-${lon}-${lat}`;
}
