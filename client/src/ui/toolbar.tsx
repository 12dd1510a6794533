/** Drawing tools, undo/redo and delete, each with its keyboard shortcut. */
import { DRAW_TOOLS, type DrawTool } from '../map/draw-tools.js';
import { KIND_COLOURS } from '../map/plan-layers.js';
import { RING_COLOURS } from '../analysis/bomb-threat-layers.js';
import { rgbCss } from '../analysis/speed-scale.js';

export interface ToolbarProps {
  tool: DrawTool | null;
  canUndo: boolean;
  canRedo: boolean;
  canDelete: boolean;
  /** The bomb-threat tool (T) is on: a map click places the suspect item. */
  threatTool: boolean;
  onTool(tool: DrawTool | null): void;
  onThreatTool(): void;
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
          aria-pressed={tool === null && !props.threatTool}
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
        <button
          type="button"
          aria-pressed={props.threatTool}
          onClick={props.onThreatTool}
          title="Bomb threat: evacuation rings around a suspect item (T)"
        >
          <span className="swatch" style={{ background: rgbCss(RING_COLOURS.building) }} />
          Bomb threat <kbd>T</kbd>
        </button>
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
          : props.threatTool
            ? 'Click the map where the suspect item is. Esc ends the tool.'
            : 'Click a zone or measure to edit it; drag its points to reshape it, a camera’s handles to aim or widen it; click a selected cordon’s edge to add an access point.'}
      </p>
    </div>
  );
}
