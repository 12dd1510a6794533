import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { OsmTags } from './classify.js';
import type { OsmElementSink, RelationMember } from './osm-collector.js';
import { PBF_WORKER_SCRIPT } from './pbf-worker-script.js';
import { OsmReadError, READ_ERROR_MESSAGES } from './read-error.js';
import type { BoundingBox, ReadOptions } from './read-result.js';

const OSM_READ_PATH = createRequire(import.meta.url).resolve('osm-read');

/** Features a PBF reader must understand (header `required_features`); osm-read handles exactly these. */
const SUPPORTED_FEATURES: ReadonlySet<string> = new Set(['OsmSchema-V0.6', 'DenseNodes']);

interface HeaderMessage {
  type: 'header';
  bbox: BoundingBox | null;
  requiredFeatures: string[];
  bytesRead: number;
}

interface BlockMessage {
  type: 'block';
  bytesRead: number;
  nodeIds: Float64Array;
  nodeLons: Float64Array;
  nodeLats: Float64Array;
  nodeTags: [number, OsmTags][];
  wayIds: Float64Array;
  wayOffsets: Uint32Array;
  wayRefs: Float64Array;
  wayTags: OsmTags[];
  relations: { id: number; tags: OsmTags; members: RelationMember[] }[];
}

type WorkerMessage = HeaderMessage | BlockMessage | { type: 'done' } | { type: 'fail'; message: string };

function failureToError(message: string, path: string, cause?: unknown): OsmReadError {
  if (/Expected \d+ bytes but got \d+/.test(message)) {
    return new OsmReadError('OSM_TRUNCATED', READ_ERROR_MESSAGES.truncated, {
      path,
      cause: cause ?? message,
    });
  }
  if (/not supported/i.test(message)) {
    return new OsmReadError(
      'UNSUPPORTED_FORMAT',
      'This .osm.pbf file is written in a variant Bulwark cannot read (uncompressed or non-dense blocks). Re-save it with a standard tool (for example `osmium cat in.osm.pbf -o out.osm.pbf`) and upload that.',
      { path, cause: cause ?? message },
    );
  }
  return new OsmReadError('OSM_UNREADABLE', READ_ERROR_MESSAGES.pbfDamaged, {
    path,
    cause: cause ?? message,
  });
}

function emitBlock(block: BlockMessage, sink: OsmElementSink): void {
  const tagsByIndex = new Map(block.nodeTags);
  for (let i = 0; i < block.nodeIds.length; i++) {
    sink.node(
      block.nodeIds[i] as number,
      block.nodeLons[i] as number,
      block.nodeLats[i] as number,
      tagsByIndex.get(i) ?? null,
    );
  }
  for (let w = 0; w < block.wayIds.length; w++) {
    const refs = block.wayRefs.subarray(block.wayOffsets[w], block.wayOffsets[w + 1]);
    sink.way(block.wayIds[w] as number, refs, block.wayTags[w] ?? {});
  }
  for (const relation of block.relations) sink.relation(relation.id, relation.members, relation.tags);
}

/**
 * Streams the elements of an .osm.pbf file into `sink`, decoding with osm-read in a worker thread (see
 * pbf-worker-script.ts for why). Rejects with OsmReadError for truncated, damaged or unsupported files.
 */
export function readPbfInto(
  path: string,
  sink: OsmElementSink,
  totalBytes: number,
  options: ReadOptions = {},
): Promise<void> {
  const { onProgress, signal } = options;
  signal?.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(PBF_WORKER_SCRIPT, {
      eval: true,
      workerData: { filePath: path, osmReadPath: OSM_READ_PATH },
    });
    let settled = false;
    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = (): void => settle(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: WorkerMessage) => {
      if (settled) return;
      try {
        switch (message.type) {
          case 'header': {
            const unsupported = message.requiredFeatures.filter(
              (feature) => !SUPPORTED_FEATURES.has(feature),
            );
            if (unsupported.length > 0) {
              const history = unsupported.includes('HistoricalInformation');
              settle(
                new OsmReadError(
                  'UNSUPPORTED_FORMAT',
                  history
                    ? 'This is an OpenStreetMap history file (every past version of the map). Upload a current extract instead.'
                    : `This .osm.pbf file needs features Bulwark cannot read (${unsupported.join(', ')}). Re-save it with a standard tool such as osmium and upload that.`,
                  { path },
                ),
              );
              return;
            }
            if (message.bbox) sink.bounds(message.bbox);
            onProgress?.(message.bytesRead, totalBytes);
            break;
          }
          case 'block':
            emitBlock(message, sink);
            worker.postMessage('ack');
            onProgress?.(message.bytesRead, totalBytes);
            break;
          case 'done':
            settle();
            break;
          case 'fail':
            settle(failureToError(message.message, path));
            break;
        }
      } catch (error) {
        settle(error);
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        settle(
          new OsmReadError(
            'OSM_UNREADABLE',
            'The map file is too large to import on this server. Upload a smaller extract around the site.',
            {
              path,
              cause: error,
            },
          ),
        );
        return;
      }
      settle(failureToError(error.message, path, error));
    });
    worker.on('exit', (code) => {
      // Reached only when the worker stopped without saying done or failing.
      settle(failureToError(`PBF worker exited with code ${code}`, path));
    });
  });
}
