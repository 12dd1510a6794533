/** A selected cordon's access points: the kind of each and deleting one (adding and moving are on the map). */
import { accessPointIconUrl } from '../map/access-point-icons.js';
import {
  ACCESS_POINT_KINDS,
  ACCESS_POINT_LABELS,
  accessPointsOf,
  removeAccessPoint,
  setAccessPointKind,
  type AccessPoint,
  type AccessPointKind,
} from '../plan/access-points.js';
import type { PlanItem } from '../plan/plan-item.js';
import './access-points.css';

export interface AccessPointListProps {
  item: PlanItem;
  /** While a change is being saved the list waits: each change is the whole list, made from this one. */
  saving: boolean;
  onChange(accessPoints: AccessPoint[]): void;
}

export function AccessPointList({ item, saving, onChange }: AccessPointListProps) {
  const points = accessPointsOf(item.properties);
  return (
    <fieldset className="access-points">
      <legend>Access points</legend>
      {points.length > 0 && (
        <ol>
          {points.map((point, i) => (
            <li key={i} data-testid="access-point">
              <img src={accessPointIconUrl(point.kind)} alt="" width={24} height={24} />
              <label htmlFor={`access-point-${i}`}>{i + 1}</label>
              <select
                id={`access-point-${i}`}
                aria-label={`Access point ${i + 1}`}
                value={point.kind}
                disabled={saving}
                onChange={(e) => onChange(setAccessPointKind(points, i, e.target.value as AccessPointKind))}
              >
                {ACCESS_POINT_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {ACCESS_POINT_LABELS[kind]}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="danger"
                disabled={saving}
                aria-label={`Delete access point ${i + 1}`}
                title={`Delete access point ${i + 1}`}
                onClick={() => onChange(removeAccessPoint(points, i))}
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
      )}
      <p className="hint">
        {points.length === 0 ? 'None yet. ' : ''}Click the cordon’s edge on the map to add one; drag one to
        move it along the cordon.
      </p>
    </fieldset>
  );
}
