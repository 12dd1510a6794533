/**
 * Reads data/vehicles.json once. Kept apart from ./vehicles.ts so that the analysis modules stay free of
 * Node APIs (the client may import them); the server hands the catalogue in.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../config.js';
import { readVehicleCatalogue, type VehicleCatalogue } from './vehicles.js';

export const VEHICLES_FILE = path.join(repoRoot, 'data/vehicles.json');

let catalogue: VehicleCatalogue | undefined;

/** The vehicle catalogue (DOMAIN.md §1–§2), checked; read from disk on first use. */
export function loadVehicleProfiles(): VehicleCatalogue {
  catalogue ??= readVehicleCatalogue(JSON.parse(readFileSync(VEHICLES_FILE, 'utf8')));
  return catalogue;
}
