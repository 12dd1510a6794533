import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/db.js';
import { AppError, type ErrorCode } from '../errors.js';
import { importFile, type ImportPhase, type ImportSummary } from './import-file.js';

export type ImportJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ImportJob {
  id: string;
  name: string;
  sizeBytes: number;
  status: ImportJobStatus;
  phase: ImportPhase | null;
  /** 0…1 */
  progress: number;
  detail: string;
  createdAt: string;
  finishedAt: string | null;
  summary: ImportSummary | null;
  error: { code: ErrorCode; message: string } | null;
}

/** Jobs kept for polling after they end; older ones are forgotten first. */
const KEEP_FINISHED = 50;
/** Imports waiting or running at once; each holds an uploaded file on disk until it runs. */
export const MAX_PENDING = 4;

/**
 * Import jobs for the API. One import runs at a time: imports are memory-heavy and write in one
 * transaction (on the embedded database, one session). Jobs live in memory: a restart forgets them,
 * but never half an import, since each import commits or rolls back whole.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  private queue: Promise<void> = Promise.resolve();
  /** Aborted at shutdown: the running import stops and queued ones never start. */
  private readonly shutdown = new AbortController();

  constructor(
    private readonly db: Db,
    private readonly log?: FastifyBaseLogger,
  ) {}

  /** Imports queued or running. */
  pending(): number {
    return [...this.jobs.values()].filter((j) => j.finishedAt === null).length;
  }

  /**
   * Queues the import of `file` (deleted when the job ends). `name` is an explicit data set name, else
   * `fileName` is the default one. Resolves `done` when the job ends.
   */
  start(
    file: string,
    options: { name: string | undefined; fileName: string; sizeBytes: number },
  ): { job: ImportJob; done: Promise<ImportJob> } {
    if (this.pending() >= MAX_PENDING) throw new AppError('IMPORT_QUEUE_FULL');
    const job: ImportJob = {
      id: randomUUID(),
      name: options.name ?? options.fileName,
      sizeBytes: options.sizeBytes,
      status: 'queued',
      phase: null,
      progress: 0,
      detail: 'waiting for earlier imports to finish',
      createdAt: new Date().toISOString(),
      finishedAt: null,
      summary: null,
      error: null,
    };
    this.jobs.set(job.id, job);
    this.forgetOld();
    const done = (this.queue = this.queue.then(() => this.run(job, file, options))).then(() => job);
    return { job, done };
  }

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  list(): ImportJob[] {
    return [...this.jobs.values()].reverse();
  }

  /** Stops the running import, fails the queued ones, and resolves when all have ended. */
  close(): Promise<void> {
    this.shutdown.abort(new AppError('UNAVAILABLE', 'The server shut down before the import finished.'));
    return this.queue;
  }

  private async run(
    job: ImportJob,
    file: string,
    options: { name: string | undefined; fileName: string },
  ): Promise<void> {
    job.status = 'running';
    try {
      this.shutdown.signal.throwIfAborted();
      job.summary = await importFile(this.db, file, {
        ...(options.name !== undefined ? { name: options.name } : {}),
        fileName: options.fileName,
        signal: this.shutdown.signal,
        onProgress: ({ phase, fraction, detail }) => {
          job.phase = phase;
          job.progress = Math.round(fraction * 1000) / 1000;
          job.detail = detail;
        },
      });
      job.name = job.summary.name;
      job.status = 'succeeded';
      this.log?.info({ job: job.id, name: job.name, counts: job.summary.counts.byLayer }, 'import finished');
    } catch (error) {
      job.status = 'failed';
      job.error =
        error instanceof AppError
          ? { code: error.code, message: error.message }
          : { code: 'INTERNAL', message: 'The import failed because of a server error. It has been logged.' };
      job.detail = job.error.message;
      if (!(error instanceof AppError)) this.log?.error({ err: error, job: job.id }, 'import failed');
    } finally {
      job.finishedAt = new Date().toISOString();
      await fs.rm(file, { force: true });
    }
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt !== null);
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)))
      this.jobs.delete(job.id);
  }
}
