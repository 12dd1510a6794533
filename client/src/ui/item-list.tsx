/** The site's zones and measures as a list: a keyboard way to select one (the map needs a pointer). */
import { KIND_COLOURS } from '../map/plan-layers.js';
import type { Items } from '../plan/items.js';
import { ITEM_NOUNS, itemName } from '../plan/plan-item.js';

export function ItemList({ items, onSelect }: { items: Items; onSelect(id: string): void }) {
  if (items.length === 0) {
    return <p className="empty">Nothing drawn yet. Start with a protected zone (Z) around the crowd.</p>;
  }
  return (
    <section className="panel" aria-labelledby="items-title">
      <h2 id="items-title">{items.length} zones and measures</h2>
      <ul className="item-list">
        {items.map((item) => (
          <li key={item.id}>
            <button type="button" onClick={() => onSelect(item.id)}>
              <span className="swatch" style={{ background: KIND_COLOURS[item.kind] }} />
              {itemName(item)} <span className="muted">{ITEM_NOUNS[item.kind]}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
