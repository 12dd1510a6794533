import { useEffect, useState } from 'react';

interface Health {
  backend: string;
  postgis: string;
}
interface SiteSummary {
  id: string;
  name: string;
}

/** Until the planner client lands (issue 4): what the server holds, and where the API lives. */
export function App() {
  const [health, setHealth] = useState<Health | null>(null);
  const [sites, setSites] = useState<SiteSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([fetch('/health').then((r) => r.json()), fetch('/api/sites').then((r) => r.json())])
      .then(([h, s]: [Health, { sites: SiteSummary[] }]) => {
        setHealth(h);
        setSites(s.sites);
      })
      .catch(() => setError('The Bulwark server is not answering.'));
  }, []);

  return (
    <main
      style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '2rem auto', lineHeight: 1.5 }}
    >
      <h1>Bulwark</h1>
      <p>Hostile vehicle mitigation planner. The map client is on its way; the API is ready.</p>
      {error && <p role="alert">{error}</p>}
      {health && (
        <p>
          Database: {health.backend}, PostGIS {health.postgis}. API reference: <a href="/docs">/docs</a>.
        </p>
      )}
      {sites && (
        <section>
          <h2>Sites</h2>
          {sites.length === 0 ? (
            <p>No sites yet.</p>
          ) : (
            <ul>
              {sites.map((s) => (
                <li key={s.id}>{s.name}</li>
              ))}
            </ul>
          )}
        </section>
      )}
      <footer>
        <small>Map data © OpenStreetMap contributors</small>
      </footer>
    </main>
  );
}
