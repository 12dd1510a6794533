/** Import an OpenStreetMap extract or GeoJSON file, with a progress bar for the upload and the import. */
import { useState, type ChangeEvent } from 'react';
import { describeError } from '../api/http.js';
import { importFile, type ImportProgress } from '../api/upload-import.js';

const STAGE_WORDS: Record<ImportProgress['stage'], string> = {
  uploading: 'Uploading',
  queued: 'Waiting for another import to finish',
  reading: 'Reading the map data',
  writing: 'Saving the map data',
};

export function ImportForm({ onImported }: { onImported(): void }) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setMessage(null);
    setProgress({ stage: 'uploading', fraction: 0, detail: file.name });
    importFile(file, setProgress)
      .then((job) => {
        setMessage({
          text: `Imported ${job.name}: ${job.summary?.counts.features ?? 0} features.`,
          error: false,
        });
        onImported();
      })
      .catch((e: unknown) => setMessage({ text: describeError(e), error: true }))
      .finally(() => setProgress(null));
  };

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">Import map data</h2>
      <label className="field" htmlFor="import-file">
        <span>An OpenStreetMap extract (.osm.pbf, .osm, .osm.gz) or GeoJSON file</span>
        <input
          id="import-file"
          type="file"
          accept=".pbf,.osm,.gz,.geojson,.json"
          onChange={choose}
          disabled={progress !== null}
        />
      </label>
      {progress && (
        <div className="progress">
          <progress max={1} value={progress.fraction} aria-label={STAGE_WORDS[progress.stage]} />
          <span>
            {STAGE_WORDS[progress.stage]} · {Math.round(progress.fraction * 100)} %{' '}
            {progress.detail && <span className="muted">{progress.detail}</span>}
          </span>
        </div>
      )}
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : undefined}>
          {message.text}
        </p>
      )}
    </section>
  );
}
