/** Drawing tools, undo/redo and delete, each with its keyboard shortcut. */
import { DRAW_TOOLS, type DrawTool } from '../map/draw-tools.js';
import { KIND_COLOURS } from '../map/plan-layers.js';

export interface ToolbarProps {
  tool: DrawTool | null;
  canUndo: boolean;
  canRedo: boolean;
  canDelete: boolean;
  onTool(tool: DrawTool | null): void;
  onUndo(): void;
  onRedo(): void;
  onDelete(): void;
}

export function Toolbar(props: ToolbarProps) {
  const { tool } = props;
  return (
    <div className="panel toolbar">
      <div role="toolbar" aria-label="Draw" className="tools">
        <button
          type="button"
          aria-pressed={tool === null}
          onClick={() => props.onTool(null)}
          title="Select and edit (V or Esc)"
        >
          Select <kbd>V</kbd>
        </button>
        {DRAW_TOOLS.map((t) => (
          <button
            key={t.kind}
            type="button"
            aria-pressed={tool?.kind === t.kind}
            onClick={() => props.onTool(tool?.kind === t.kind ? null : t)}
            title={`${t.label} (${t.key.toUpperCase()})`}
          >
            <span className="swatch" style={{ background: KIND_COLOURS[t.kind] }} />
            {t.label} <kbd>{t.key.toUpperCase()}</kbd>
          </button>
        ))}
      </div>
      <div role="toolbar" aria-label="Edit" className="row">
        <button type="button" onClick={props.onUndo} disabled={!props.canUndo} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button
          type="button"
          onClick={props.onRedo}
          disabled={!props.canRedo}
          title="Redo (Ctrl+Shift+Z or Ctrl+Y)"
        >
          Redo
        </button>
        <button
          type="button"
          className="danger"
          onClick={props.onDelete}
          disabled={!props.canDelete}
          title="Delete the selected item (Del)"
        >
          Delete
        </button>
      </div>
      <p className="hint" aria-live="polite">
        {tool
          ? tool.hint + ' Esc cancels.'
          : 'Click a zone or measure to edit it; drag its points to reshape it, a camera’s handle to aim it.'}
      </p>
    </div>
  );
}
