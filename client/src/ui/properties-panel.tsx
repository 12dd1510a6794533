/** The selected zone's or measure's properties, edited in a form and saved as one change. */
import { useState, type FormEvent } from 'react';
import { propertiesPatch } from '../plan/items.js';
import { ITEM_NOUNS, itemName, type PlanItem } from '../plan/plan-item.js';
import { AccessPointList } from './access-point-list.js';
import { applyDraft, draftFromProperties, ITEM_FIELDS, type Draft, type Field } from './item-fields.js';
import { useRatings } from './use-ratings.js';

export interface PropertiesPanelProps {
  item: PlanItem;
  saving: boolean;
  onSave(properties: Record<string, unknown>): void;
  onDelete(): void;
}

export function PropertiesPanel({ item, saving, onSave, onDelete }: PropertiesPanelProps) {
  // The form starts again from the stored values whenever the stored item changes (save, undo).
  return (
    <PropertiesForm key={`${item.id}@${item.properties.version}`} {...{ item, saving, onSave, onDelete }} />
  );
}

function PropertiesForm({ item, saving, onSave, onDelete }: PropertiesPanelProps) {
  const [draft, setDraft] = useState<Draft>(() => draftFromProperties(item.kind, item.properties));
  const ratings = useRatings();
  const patch = propertiesPatch(item.properties, applyDraft(item.kind, item.properties, draft));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (patch) onSave(patch);
  };

  return (
    <form
      className="panel properties"
      onSubmit={submit}
      aria-label={`Properties of the ${ITEM_NOUNS[item.kind]}`}
    >
      <h2>
        {itemName(item)} <span className="muted">· {ITEM_NOUNS[item.kind]}</span>
      </h2>
      {ITEM_FIELDS[item.kind].map((field) => (
        <FieldInput
          key={field.key}
          field={field}
          value={draft[field.key] ?? ''}
          onChange={(value) => setDraft((d) => ({ ...d, [field.key]: value }))}
        />
      ))}
      {item.kind === 'cordon' && (
        <AccessPointList item={item} saving={saving} onChange={(accessPoints) => onSave({ accessPoints })} />
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={!patch || saving}>
          Save
        </button>
        <button
          type="button"
          onClick={() => setDraft(draftFromProperties(item.kind, item.properties))}
          disabled={!patch}
        >
          Revert
        </button>
        <button type="button" className="danger" onClick={onDelete} title="Delete (Del)">
          Delete
        </button>
      </div>
      <datalist id="rating-catalogue">
        {ratings.map((r) => (
          <option key={r.text} value={r.text}>
            {r.description}
          </option>
        ))}
      </datalist>
    </form>
  );
}

function FieldInput({
  field,
  value,
  onChange,
}: {
  field: Field;
  value: string | boolean;
  onChange(value: string | boolean): void;
}) {
  const id = `field-${field.key}`;
  const label = field.unit ? `${field.label} (${field.unit})` : field.label;
  if (field.type === 'boolean') {
    return (
      <label className="check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
        {field.label}
      </label>
    );
  }
  const text = typeof value === 'string' ? value : '';
  return (
    <label className="field" htmlFor={id}>
      <span>{label}</span>
      {field.type === 'longtext' ? (
        <textarea id={id} rows={2} value={text} onChange={(e) => onChange(e.target.value)} />
      ) : field.type === 'choice' ? (
        <select id={id} value={text} onChange={(e) => onChange(e.target.value)}>
          {field.choices?.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type="text"
          inputMode={field.type === 'number' || field.type === 'integer' ? 'decimal' : undefined}
          list={field.type === 'rating' ? 'rating-catalogue' : undefined}
          placeholder={field.type === 'rating' ? 'e.g. V/7200[N2A]/48/90:0.2 — pick or type' : undefined}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </label>
  );
}
