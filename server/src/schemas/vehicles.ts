import { Type, type Static } from 'typebox';
import { VEHICLE_CLASSES } from '../analysis/vehicles.js';

/** Vehicle profiles (DOMAIN.md §1–§2) as the API lists them, every value with its unit and source. */

export const VehicleClassSchema = Type.Enum([...VEHICLE_CLASSES], {
  description: 'M1 car, N1G pickup, N1 van, N2 truck, N3D rigid truck, N3F articulated lorry',
});

const value = Type.Union([Type.Number(), Type.String(), Type.Null()], {
  description: 'null: not applicable (for maxLateralG: the vehicle skids before it rolls)',
});

/** One value an analysis used, with where it came from ("our default", the DOMAIN.md table, an override). */
export const ParameterSchema = Type.Object(
  {
    parameter: Type.String(),
    value,
    unit: Type.String({ description: 'empty for pure numbers and names' }),
    source: Type.String({ description: 'where the value comes from' }),
  },
  { additionalProperties: false, title: 'Parameter' },
);
export type ParameterOut = Static<typeof ParameterSchema>;

const VehicleParameterSchema = Type.Object(
  {
    ...ParameterSchema.properties,
    description: Type.Optional(Type.String()),
    overridable: Type.Boolean({
      description: 'whether a request may override it (overrides: { <class>: { <parameter>: value } })',
    }),
    min: Type.Optional(Type.Number({ description: 'smallest accepted override' })),
    max: Type.Optional(Type.Number({ description: 'largest accepted override' })),
    nullMeans: Type.Optional(Type.String({ description: 'what an override of null means' })),
  },
  { additionalProperties: false, title: 'VehicleParameter' },
);

export const VehicleListSchema = Type.Object(
  {
    classes: Type.Array(
      Type.Object(
        {
          vehicleClass: VehicleClassSchema,
          label: Type.String(),
          parameters: Type.Array(VehicleParameterSchema),
        },
        { additionalProperties: false, title: 'VehicleProfile' },
      ),
    ),
    constants: Type.Array(ParameterSchema, { description: 'physical constants shared by every class' }),
  },
  { additionalProperties: false, title: 'VehicleList' },
);
export type VehicleList = Static<typeof VehicleListSchema>;
