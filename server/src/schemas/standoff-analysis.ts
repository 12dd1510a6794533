import { Type, type Static } from 'typebox';
import { VEHICLE_CLASSES } from '../analysis/vehicles.js';
import { OSM_ATTRIBUTION } from '../attribution.js';
import { ApproachRequestBody, Nullable, StandoffSchema } from './approach-analysis.js';
import { VehicleClassSchema } from './vehicles.js';

/** POST /api/sites/:id/analysis/standoff (issue 5, DOMAIN.md §4). */

export const StandoffRequestBody = Type.Object(
  {
    ...ApproachRequestBody.properties,
    charges: Type.Optional(
      Type.Object(
        Object.fromEntries(
          VEHICLE_CLASSES.map((c) => [
            c,
            Type.Optional(Type.Number({ description: `vehicle-borne charge of ${c}, kg TNT equivalent` })),
          ]),
        ),
        {
          additionalProperties: false,
          description:
            'per class, the charge to assess in kg TNT (default: the class’s row of the stand-off chart, data/threats.json); within the chart',
        },
      ),
    ),
  },
  { additionalProperties: false, title: 'StandoffRequest' },
);

export const StandoffEntrySchema = Type.Object(
  {
    ...StandoffSchema.properties,
    chargeKg: Type.Number({ description: 'the charge assessed, kg TNT' }),
    chargeSource: Type.String({ description: 'the chart row it is, or "request"' }),
    buildingEvacuationM: Type.Number({ description: 'building evacuation distance of that charge (chart)' }),
    outdoorEvacuationM: Type.Number({ description: 'outdoor evacuation distance of that charge (chart)' }),
    meetsBuildingDistance: Type.Boolean({ description: 'achieved standoff ≥ building evacuation distance' }),
    largestChargeKg: Nullable(
      Type.Number({ description: 'the largest charge whose building distance fits the achieved standoff' }),
    ),
    largestChargeNote: Nullable(Type.String({ description: 'when none fits, or the chart ends' })),
    underMinimum: Type.Boolean({
      description:
        'achieved standoff under the 10 m floor for vehicles to inhabited buildings (UFC 4-010-01)',
    }),
  },
  { additionalProperties: false, title: 'StandoffEntry' },
);

export const StandoffResultSchema = Type.Object(
  {
    standoff: Type.Array(StandoffEntrySchema, { description: 'per zone and class' }),
    rings: Type.Object(
      {
        type: Type.Literal('FeatureCollection'),
        features: Type.Array(
          Type.Object({
            type: Type.Literal('Feature'),
            geometry: Type.Unknown({ description: 'MultiPolygon, WGS84' }),
            properties: Type.Object({
              vehicleClass: VehicleClassSchema,
              chargeKg: Type.Number(),
              buildingEvacuationM: Type.Number(),
            }),
          }),
        ),
      },
      {
        description:
          'per class, everywhere within the building evacuation distance of where the vehicle can get (the reachable frontier and stop lines, not the zone centre)',
      },
    ),
    chart: Type.Object({
      source: Type.String(),
      edition: Type.String(),
      minimumVehicleStandoffM: Type.Number(),
    }),
    starts: Type.Enum(['anywhere', 'outside-perimeter']),
    attribution: Type.Literal(OSM_ATTRIBUTION),
  },
  { additionalProperties: false, title: 'StandoffResult' },
);
export type StandoffResult = Static<typeof StandoffResultSchema>;
