/**
 * Every value an approach analysis used, with its unit and where it came from (DOMAIN.md: "every default
 * must be visible in the output"): the vehicle profiles and constants, and the analysis options. Pure.
 */
import { DEFAULT_CHICANE_SPEED_KMH, PEDESTRIAN_MAX_GAP_M } from '../analysis/measure-verdict.js';
import { BUILD_DEFAULTS } from '../analysis/vda/build-graph.js';
import { DEFAULT_ENTRY_SPEED_KMH } from '../analysis/vda/propagate.js';
import { KERB_STRIP_M } from '../analysis/vda/traversable-kinds.js';
import { listParameters, type ParameterRow, type VehicleCatalogue } from '../analysis/vehicles.js';
import { APPROACH_LIMITS } from '../schemas/approach-analysis.js';
import type { ApproachRequest } from '../validation/approach-input.js';

const shared = (parameter: string, value: number | string, unit: string, source: string): ParameterRow => ({
  vehicleClass: null,
  parameter,
  value,
  unit,
  source,
});

/** The rows of `listParameters` (vehicles and constants), the friction used, then the options. */
export function parametersUsed(catalogue: VehicleCatalogue, request: ApproachRequest): ParameterRow[] {
  const { constants, constantSources } = catalogue;
  const rows = listParameters(catalogue, request.profiles).filter(
    (row) => row.parameter !== 'friction' && row.parameter !== 'frictionConservative',
  );
  const radiusDefault = APPROACH_LIMITS.studyRadiusM.default;
  rows.push(
    shared(
      'friction',
      request.friction,
      '',
      request.friction === constants.friction
        ? constantSources.friction
        : `request: ${constantSources.frictionConservative}`,
    ),
    shared(
      'studyRadiusM',
      request.studyRadiusM,
      'm',
      request.studyRadiusM === radiusDefault
        ? `our default: the protected zones grown by ${radiusDefault} m (issue 3)`
        : 'request',
    ),
    shared(
      'unmappedLand',
      request.unmappedLand,
      '',
      request.unmappedLand === 'blocked'
        ? 'DOMAIN.md §3 default: land the map leaves unmapped is not traversable'
        : 'request (DOMAIN.md §3 conservative policy): all land but buildings, walls, water and steps is traversable',
    ),
    shared(
      'entry',
      request.entry,
      '',
      request.entry === 'rest'
        ? 'DOMAIN.md §3 default: a vehicle starts anywhere at rest'
        : 'request (DOMAIN.md §3): vehicles also enter the study area along its roads at road speed',
    ),
  );
  rows.push(
    shared(
      'starts',
      request.starts,
      '',
      request.starts === 'anywhere'
        ? 'DOMAIN.md §3 default: a vehicle may start anywhere at rest'
        : 'request: only where a vehicle reaches the study boundary without passing a measure that stops it (a closed perimeter keeps its inside clear)',
    ),
  );
  if (request.entry === 'boundary')
    rows.push(
      shared(
        'entrySpeedKmh',
        DEFAULT_ENTRY_SPEED_KMH,
        'km/h',
        'our default: speed of traffic entering the study area, an urban road limit',
      ),
    );
  rows.push(
    shared('cellSizeM', BUILD_DEFAULTS.cellSizeM, 'm', 'our default: open-space grid cell size'),
    shared(
      'gridNeighbours',
      BUILD_DEFAULTS.neighbours,
      '',
      'our default: open-space cells joined to their 8 neighbours (paths up to 8.2 % longer: speeds err high)',
    ),
    shared(
      'maxClearWidthM',
      BUILD_DEFAULTS.maxClearWidthM,
      'm',
      'our default: largest clear width recorded for open space (the corner model’s width)',
    ),
    shared(
      'kerbStripM',
      KERB_STRIP_M,
      'm',
      'our default: drivable footway strip beside each carriageway (DOMAIN.md §6: 2.0 m normal footway)',
    ),
    shared(
      'defaultChicaneSpeedKmh',
      DEFAULT_CHICANE_SPEED_KMH,
      'km/h',
      'our default: speed through a chicane that gives neither a design speed nor its geometry',
    ),
    shared(
      'pedestrianMaxGapM',
      PEDESTRIAN_MAX_GAP_M,
      'm',
      'DOMAIN.md §6: largest clear gap in a pedestrian-permeable HVM line (UK DfT TAL 1/11)',
    ),
  );
  return rows;
}
