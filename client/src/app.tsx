/** The planner: the sites list, or one open site (its id in the address: #/sites/<id>). */
import { useEffect, useState } from 'react';
import { OSM_ATTRIBUTION } from './map/basemap-style.js';
import { SiteList } from './ui/site-list.js';
import { SiteView } from './ui/site-view.js';
import { useServerOnline } from './ui/use-server-status.js';
import { useStoredState } from './ui/use-stored-state.js';
import { OFFLINE_MESSAGE } from './api/http.js';
import type { SpeedUnit } from './units.js';

const siteFromHash = () => /^#\/sites\/([\w-]+)$/.exec(window.location.hash)?.[1] ?? null;

export function App() {
  const [siteId, setSiteId] = useState<string | null>(siteFromHash);
  const [unit, setUnit] = useStoredState<SpeedUnit>('bulwark.speedUnit', 'kmh');
  const online = useServerOnline();

  useEffect(() => {
    const onHash = () => setSiteId(siteFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const open = (id: string | null) => {
    window.location.hash = id ? `#/sites/${id}` : '#/';
  };

  return (
    <div className="app">
      <header className="topbar">
        <a href="#/" className="brand" onClick={() => open(null)}>
          Bulwark
        </a>
        {siteId && (
          <a href="#/" className="back">
            ← All sites
          </a>
        )}
        <span className="spacer" />
        <label className="unit">
          Speeds in{' '}
          <select value={unit} onChange={(e) => setUnit(e.target.value as SpeedUnit)}>
            <option value="kmh">km/h</option>
            <option value="mph">mph</option>
          </select>
        </label>
      </header>
      {!online && (
        <div role="alert" className="banner error offline">
          {OFFLINE_MESSAGE} Nothing you change now can be saved.
        </div>
      )}
      {siteId ? <SiteView key={siteId} siteId={siteId} unit={unit} /> : <SiteList onOpen={open} />}
      {!siteId && <footer className="attribution">Map data {OSM_ATTRIBUTION}</footer>}
    </div>
  );
}
