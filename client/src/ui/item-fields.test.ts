import { describe, expect, it } from 'vitest';
import { applyDraft, draftFromProperties, propertiesFromDraft } from './item-fields.js';

describe('properties form', () => {
  it('shows stored values as text and booleans as checkboxes', () => {
    const draft = draftFromProperties('gate', { kind: 'gate', widthM: 4.5, open: true, version: 2 });
    expect(draft).toMatchObject({ widthM: '4.5', open: true, rating: '', blocking: false });
  });

  it('reads numbers (a decimal comma too), drops empty fields, keeps unreadable text for the server to name', () => {
    expect(
      propertiesFromDraft('bollard_line', {
        name: ' Line A ',
        diameterM: '0,25',
        spacingM: 'wide',
        rating: '',
      }),
    ).toEqual({ name: 'Line A', diameterM: 0.25, spacingM: 'wide' });
  });

  it('says a gate is closed when the box is cleared', () => {
    expect(propertiesFromDraft('gate', { open: false })).toEqual({ open: false });
  });

  it('keeps the fields the form does not show (the measure kind, the stamps)', () => {
    const stored = { kind: 'barrier', rating: 'K4', version: 3 };
    const draft = draftFromProperties('barrier', stored);
    expect(applyDraft('barrier', stored, { ...draft, rating: 'K12' })).toEqual({
      kind: 'barrier',
      version: 3,
      rating: 'K12',
    });
  });
});
