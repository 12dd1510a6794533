/** The sites on this server, and a form to start a new one over an imported data set. */
import { useEffect, useState, type FormEvent } from 'react';
import { createSite, listSites, listSources } from '../api/endpoints.js';
import { describeError } from '../api/http.js';
import type { Polygon } from 'geojson';
import { AreaPicker } from '../map/area-picker.js';
import { ImportForm } from './import-form.js';
import type { BBox, DataSource, SiteSummary } from '../api/types.js';
import { formatLength } from '../units.js';

const bboxPolygon = ([w, s, e, n]: BBox) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

function describeArea(areaM2: number) {
  return areaM2 >= 1_000_000
    ? `${(areaM2 / 1_000_000).toFixed(2)} km²`
    : `${Math.round(areaM2 / 100) / 100} ha`;
}

export function SiteList({ onOpen }: { onOpen(siteId: string): void }) {
  const [sites, setSites] = useState<SiteSummary[] | null>(null);
  const [sources, setSources] = useState<DataSource[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setError(null);
    Promise.all([listSites(), listSources()])
      .then(([s, d]) => {
        setSites(s);
        setSources(d.filter((source) => source.bbox !== null));
      })
      .catch((e: unknown) => setError(describeError(e)));
  }, [attempt]);

  return (
    <main className="page" aria-labelledby="sites-title">
      <h1 id="sites-title">Sites</h1>
      {error && (
        <div role="alert" className="banner error">
          {error}{' '}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      )}
      {!sites && !error && <p aria-busy="true">Loading sites…</p>}
      {sites && sites.length === 0 && (
        <p className="empty">No sites yet. Start one below from an imported data set.</p>
      )}
      {sites && sites.length > 0 && (
        <ul className="site-list">
          {sites.map((site) => (
            <li key={site.id}>
              <button type="button" className="site-card" onClick={() => onOpen(site.id)}>
                <strong>{site.name}</strong>
                <span className="muted">
                  {describeArea(site.areaM2)} · revision {site.revision}
                </span>
                {site.description && <span className="description">{site.description}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {sites && <NewSiteForm sources={sources} onCreated={onOpen} />}
      {sites && <ImportForm onImported={() => setAttempt((n) => n + 1)} />}
    </main>
  );
}

function NewSiteForm({ sources, onCreated }: { sources: DataSource[]; onCreated(siteId: string): void }) {
  const [name, setName] = useState('');
  const [sourceId, setSourceId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [drawArea, setDrawArea] = useState(false);
  const [drawn, setDrawn] = useState<Polygon | null>(null);
  const chosen = sources.find((s) => String(s.id) === sourceId) ?? sources[0];
  const area = drawArea ? drawn : chosen?.bbox ? bboxPolygon(chosen.bbox) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || !area) return;
    setBusy(true);
    setError(null);
    createSite({ name: name.trim(), areaOfInterest: area, sourceId: chosen.id })
      .then((site) => onCreated(site.id))
      .catch((e: unknown) => setError(describeError(e)))
      .finally(() => setBusy(false));
  };

  if (sources.length === 0) {
    return (
      <section className="panel">
        <h2>New site</h2>
        <p>
          Import map data first (npm run import, or POST /api/imports): a site is planned on imported streets.
        </p>
      </section>
    );
  }
  return (
    <form className="panel new-site" onSubmit={submit} aria-labelledby="new-site-title">
      <h2 id="new-site-title">New site</h2>
      <label className="field" htmlFor="site-name">
        <span>Name</span>
        <input
          id="site-name"
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="field" htmlFor="site-source">
        <span>Map data</span>
        <select
          id="site-source"
          value={chosen ? String(chosen.id) : ''}
          onChange={(e) => {
            setSourceId(e.target.value);
            setDrawn(null);
          }}
        >
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.bbox ? ` (${formatLength(extentWidthM(s.bbox))} wide)` : ''}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="area-choice">
        <legend>Area of interest</legend>
        <label className="check">
          <input type="radio" name="area" checked={!drawArea} onChange={() => setDrawArea(false)} />
          The whole extent of the map data
        </label>
        <label className="check">
          <input type="radio" name="area" checked={drawArea} onChange={() => setDrawArea(true)} />
          Draw it on the map
        </label>
      </fieldset>
      {drawArea && chosen?.bbox && (
        <>
          <AreaPicker sourceId={chosen.id} bbox={chosen.bbox} onArea={setDrawn} />
          <p className="hint" aria-live="polite">
            {drawn
              ? 'Area drawn. Draw again to replace it.'
              : 'Click the corners of the area; click the first corner or press Enter to finish.'}
          </p>
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || name.trim() === '' || !area}>
        {busy ? 'Creating…' : 'Create site'}
      </button>
    </form>
  );
}

/** East–west extent of a bbox at its middle latitude, metres (a label, not a measurement). */
function extentWidthM([w, s, e, n]: BBox) {
  return (e - w) * 111_320 * Math.cos((((s + n) / 2) * Math.PI) / 180);
}
