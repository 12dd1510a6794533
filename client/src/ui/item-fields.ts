/**
 * The properties panel's fields per kind (units as in the API's field names: docs/api.md) and the
 * conversions between stored properties and the form's text inputs.
 */
import { ZONE_KINDS } from '../api/types.js';
import type { ItemKind } from '../plan/plan-item.js';

export type FieldType = 'text' | 'longtext' | 'number' | 'integer' | 'boolean' | 'rating' | 'choice';

export interface Field {
  key: string;
  label: string;
  type: FieldType;
  unit?: string;
  choices?: readonly { value: string; label: string }[];
}

const name: Field = { key: 'name', label: 'Name', type: 'text' };
const rating: Field = { key: 'rating', label: 'Crash rating', type: 'rating' };
const notes: Field = { key: 'notes', label: 'Notes', type: 'longtext' };
const blocking: Field = { key: 'blocking', label: 'Blocks vehicles without a rating', type: 'boolean' };
const costPerUnit: Field = { key: 'costPerUnit', label: 'Cost per unit', type: 'number' };

export const ITEM_FIELDS: Record<ItemKind, readonly Field[]> = {
  zone: [
    name,
    {
      key: 'kind',
      label: 'What is protected',
      type: 'choice',
      choices: ZONE_KINDS.map((k) => ({
        value: k,
        label: {
          crowd: 'Crowd',
          building: 'Building',
          access_control: 'Access control point',
          other: 'Other',
        }[k],
      })),
    },
    notes,
  ],
  bollard_line: [
    name,
    rating,
    { key: 'diameterM', label: 'Bollard diameter', type: 'number', unit: 'm' },
    { key: 'spacingM', label: 'Spacing, centre to centre', type: 'number', unit: 'm' },
    blocking,
    costPerUnit,
    notes,
  ],
  barrier: [
    name,
    rating,
    { key: 'product', label: 'Product', type: 'text' },
    { key: 'costPerM', label: 'Cost per metre', type: 'number' },
    blocking,
    notes,
  ],
  gate: [
    name,
    rating,
    { key: 'widthM', label: 'Clear opening width', type: 'number', unit: 'm' },
    { key: 'open', label: 'Open', type: 'boolean' },
    blocking,
    costPerUnit,
    notes,
  ],
  chicane: [
    name,
    { key: 'designSpeedKmh', label: 'Design speed', type: 'number', unit: 'km/h' },
    rating,
    blocking,
    costPerUnit,
    notes,
  ],
  camera: [
    name,
    { key: 'heightM', label: 'Mounting height', type: 'number', unit: 'm' },
    { key: 'bearingDeg', label: 'Bearing (clockwise from north)', type: 'number', unit: '°' },
    { key: 'tiltDeg', label: 'Tilt below horizontal', type: 'number', unit: '°' },
    { key: 'hfovDeg', label: 'Horizontal field of view', type: 'number', unit: '°' },
    { key: 'resolutionPx', label: 'Horizontal resolution', type: 'integer', unit: 'px' },
    { key: 'maxRangeM', label: 'Maximum range', type: 'number', unit: 'm' },
    costPerUnit,
    notes,
  ],
  cordon: [name, notes],
};

/** The form's values: text for inputs, booleans for checkboxes. */
export type Draft = Record<string, string | boolean>;

export function draftFromProperties(kind: ItemKind, properties: Record<string, unknown>): Draft {
  const draft: Draft = {};
  for (const field of ITEM_FIELDS[kind]) {
    const value = properties[field.key];
    draft[field.key] =
      field.type === 'boolean' ? value === true : value === undefined || value === null ? '' : String(value);
  }
  return draft;
}

/**
 * The properties the form says, over the fields it shows: an empty input removes the field; a number the
 * browser cannot read is sent as typed, so the server's validation names the field and the problem.
 */
export function propertiesFromDraft(kind: ItemKind, draft: Draft): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const field of ITEM_FIELDS[kind]) {
    const value = draft[field.key];
    if (field.type === 'boolean') {
      if (value === true) properties[field.key] = true;
      else if (field.key === 'open') properties[field.key] = false;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') continue;
    if (field.type === 'number' || field.type === 'integer') {
      const number = Number(text.replace(',', '.'));
      properties[field.key] = Number.isFinite(number) ? number : text;
    } else {
      properties[field.key] = text;
    }
  }
  return properties;
}

/** The stored properties with the form's fields replaced by what the form says (others kept). */
export function applyDraft(kind: ItemKind, properties: Record<string, unknown>, draft: Draft) {
  const kept = Object.fromEntries(
    Object.entries(properties).filter(([key]) => !ITEM_FIELDS[kind].some((f) => f.key === key)),
  );
  return { ...kept, ...propertiesFromDraft(kind, draft) };
}
