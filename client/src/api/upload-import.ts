/**
 * Uploads an OSM or GeoJSON file to POST /api/imports and follows the import job to its end, reporting
 * progress: the upload (XMLHttpRequest, since fetch reports none), then the server's reading and writing.
 */
import { ApiError, OFFLINE_MESSAGE, apiRequest } from './http.js';

export interface ImportJob {
  id: string;
  name: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  phase: 'reading' | 'writing' | 'done' | null;
  progress: number;
  detail: string;
  summary: { sourceId: number; counts: { features: number } } | null;
  error: { code: string; message: string } | null;
}

export interface ImportProgress {
  stage: 'uploading' | 'queued' | 'reading' | 'writing';
  /** 0…1 within the stage. */
  fraction: number;
  detail: string;
}

const POLL_MS = 400;

function upload(file: File, onProgress: (p: ImportProgress) => void): Promise<ImportJob> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('file', file);
    const request = new XMLHttpRequest();
    request.open('POST', '/api/imports');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable)
        onProgress({ stage: 'uploading', fraction: event.loaded / event.total, detail: file.name });
    };
    request.onerror = () => reject(new ApiError(0, 'OFFLINE', OFFLINE_MESSAGE));
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // Not JSON: answered below with the status.
      }
      if (request.status >= 200 && request.status < 300) resolve(body as ImportJob);
      else {
        const error = body as { code?: string; message?: string } | null;
        reject(
          new ApiError(
            request.status,
            error?.code ?? 'HTTP',
            error?.message ?? `The server refused the upload (HTTP ${request.status}).`,
          ),
        );
      }
    };
    request.send(form);
  });
}

/** Resolves with the finished job; rejects with the import's error in the server's words. */
export async function importFile(file: File, onProgress: (p: ImportProgress) => void): Promise<ImportJob> {
  let job = await upload(file, onProgress);
  while (job.status === 'queued' || job.status === 'running') {
    onProgress({
      stage: job.status === 'queued' ? 'queued' : job.phase === 'writing' ? 'writing' : 'reading',
      fraction: job.progress,
      detail: job.detail,
    });
    await new Promise((r) => setTimeout(r, POLL_MS));
    job = await apiRequest<ImportJob>(`/api/imports/${encodeURIComponent(job.id)}`);
  }
  if (job.status === 'failed') {
    throw new ApiError(422, job.error?.code ?? 'IMPORT_FAILED', job.error?.message ?? 'The import failed.');
  }
  return job;
}
