/**
 * A fixed set of analysis worker threads (approach-worker.ts). Work is routed by index, not to whichever
 * worker is free: a class always goes to the same worker, where its graph and baseline are cached.
 * A worker that dies is replaced on the next request; the requests it held fail with INTERNAL.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import type { WorkerBuilt, WorkerReply, WorkerRequest } from './worker-messages.js';

type Built = WorkerBuilt['built'];
type Pending = {
  resolve: (reply: WorkerReply) => void;
  reject: (error: Error) => void;
  onBuilt?: ((graph: Built) => void) | undefined;
  worker: number;
};

/** What a worker posts once its modules are loaded. */
export const WORKER_READY = 'ready';

const WORKER_FILE = new URL('./approach-worker-boot.mjs', import.meta.url);

export class AnalysisWorkers {
  private readonly workers: (Worker | null)[];
  private readonly ready: (Promise<void> | null)[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(readonly size: number) {
    this.workers = Array.from({ length: size }, () => null);
    this.ready = Array.from({ length: size }, () => null);
  }

  /** Starts every worker now rather than at its first job, and resolves when all have loaded. */
  async start(): Promise<void> {
    for (let i = 0; i < this.size; i++) if (!this.workers[i]) this.spawn(i);
    await Promise.all(this.ready);
  }

  /**
   * Sends `message` (its id is set here) to worker `index` and resolves with its reply; a graph the worker
   * shares on the way (`share`) goes to `onBuilt`.
   */
  run(
    index: number,
    message: Omit<WorkerRequest, 'id'>,
    onBuilt?: (graph: Built) => void,
  ): Promise<WorkerReply> {
    if (this.closed) return Promise.reject(new AppError('INTERNAL', 'The analysis workers are shut down.'));
    const worker = this.workers[index] ?? this.spawn(index);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onBuilt, worker: index });
      worker.postMessage({ ...message, id } satisfies WorkerRequest);
    });
  }

  private spawn(index: number): Worker {
    const worker = new Worker(WORKER_FILE);
    let loaded = () => {};
    this.ready[index] = new Promise((resolve) => {
      loaded = resolve;
    });
    worker.on('message', (reply: WorkerReply | WorkerBuilt | typeof WORKER_READY) => {
      if (reply === WORKER_READY) return loaded();
      const waiting = this.pending.get(reply.id);
      if ('built' in reply) return waiting?.onBuilt?.(reply.built);
      this.pending.delete(reply.id);
      waiting?.resolve(reply);
    });
    const fail = (error: Error) => {
      loaded();
      if (this.workers[index] === worker) this.workers[index] = null;
      for (const [id, waiting] of this.pending) {
        if (waiting.worker !== index) continue;
        this.pending.delete(id);
        waiting.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`analysis worker ${index} exited with code ${code}`)));
    this.workers[index] = worker;
    return worker;
  }

  async close(): Promise<void> {
    this.closed = true;
    const running = this.workers.filter((w): w is Worker => w !== null);
    this.workers.fill(null);
    await Promise.all(running.map((w) => w.terminate()));
  }
}
