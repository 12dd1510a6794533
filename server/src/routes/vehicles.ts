import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { loadVehicleProfiles } from '../analysis/load-vehicles.js';
import { listParameters, VEHICLE_PARAMETERS, type VehicleCatalogue } from '../analysis/vehicles.js';
import { VehicleListSchema, type VehicleList } from '../schemas/vehicles.js';

/** The catalogue as the API lists it: per class every value with unit, source and override bounds. */
export function vehicleList(catalogue: VehicleCatalogue): VehicleList {
  const rows = listParameters(catalogue, catalogue.profiles);
  const specs: Record<string, { description: string; min: number; max: number; nullMeans?: string }> =
    VEHICLE_PARAMETERS;
  return {
    classes: catalogue.profiles.map((profile) => ({
      vehicleClass: profile.vehicleClass,
      label: profile.label,
      parameters: rows
        .filter((row) => row.vehicleClass === profile.vehicleClass)
        .map(({ parameter, value, unit, source }) => {
          const bounds = specs[parameter];
          if (!bounds) return { parameter, value, unit, source, overridable: false };
          return {
            parameter,
            value,
            unit,
            source,
            description: bounds.description,
            overridable: true,
            min: bounds.min,
            max: bounds.max,
            ...(bounds.nullMeans === undefined ? {} : { nullMeans: bounds.nullMeans }),
          };
        }),
    })),
    constants: rows
      .filter((row) => row.vehicleClass === null)
      .map(({ parameter, value, unit, source }) => ({ parameter, value, unit, source })),
  };
}

export const vehicleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/vehicles',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Vehicle profiles of the approach analysis, every value with its unit and source',
        description:
          'The six threat classes of DOMAIN.md §1–§2 from data/vehicles.json. "our default" marks an ' +
          'engineering assumption; overridable values may be changed per analysis request within [min, max].',
        response: { 200: VehicleListSchema },
      },
    },
    async () => vehicleList(loadVehicleProfiles()),
  );
};
