/** State remembered in this browser (units, chosen vehicle classes): a planner's habits, not the plan. */
import { useState } from 'react';

export function useStoredState<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = window.localStorage.getItem(key);
      return stored === null ? initial : (JSON.parse(stored) as T);
    } catch {
      return initial;
    }
  });
  const update = (next: T) => {
    setValue(next);
    try {
      window.localStorage.setItem(key, JSON.stringify(next));
    } catch {
      // Private browsing may refuse storage: the choice still holds for this visit.
    }
  };
  return [value, update];
}
