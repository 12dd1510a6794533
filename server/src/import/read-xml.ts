import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { OsmElementSink, RelationMember } from './osm-collector.js';
import { OsmReadError, READ_ERROR_MESSAGES } from './read-error.js';
import type { ReadOptions } from './read-result.js';

/*
 * OSM XML is parsed with saxes (a streaming, well-formedness-checking SAX parser) rather than osm-read's
 * XML mode: osm-read reads the whole file into memory, cannot take a gunzip stream, and on a truncated
 * file neither finishes nor reports an error (its parser, node-xml, is unmaintained).
 */

interface OpenElement {
  kind: 'node' | 'way' | 'relation';
  id: number;
  lon: number;
  lat: number;
  tags: Record<string, string>;
  refs: number[];
  members: RelationMember[];
  /** Deleted objects in editor files (action="delete", visible="false") or unusable ids are skipped. */
  skip: boolean;
}

const MEMBER_TYPES: ReadonlySet<string> = new Set(['node', 'way', 'relation']);

/** Turns SAX events of an <osm> document into sink calls. */
class OsmXmlHandler {
  rootSeen = false;
  rootClosed = false;
  private current: OpenElement | null = null;

  constructor(
    private readonly sink: OsmElementSink,
    private readonly path: string,
  ) {}

  open(tag: SaxesTagPlain): void {
    const a = tag.attributes;
    if (!this.rootSeen) {
      this.rootSeen = true;
      if (tag.name !== 'osm') throw this.notOsm(tag.name);
      return;
    }
    switch (tag.name) {
      case 'bounds': {
        const box = [Number(a.minlon), Number(a.minlat), Number(a.maxlon), Number(a.maxlat)];
        if (box.every(Number.isFinite)) this.sink.bounds(box as [number, number, number, number]);
        break;
      }
      case 'node':
      case 'way':
      case 'relation': {
        const id = Number(a.id);
        const lon = Number(a.lon);
        const lat = Number(a.lat);
        const deleted = a.action === 'delete' || a.visible === 'false';
        const badPosition =
          tag.name === 'node' &&
          !(Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90);
        this.current = {
          kind: tag.name,
          id,
          lon,
          lat,
          tags: {},
          refs: [],
          members: [],
          skip: deleted || !Number.isSafeInteger(id) || badPosition,
        };
        break;
      }
      case 'tag':
        if (this.current && a.k !== undefined) this.current.tags[a.k] = a.v ?? '';
        break;
      case 'nd':
        if (this.current) this.current.refs.push(Number(a.ref));
        break;
      case 'member': {
        const type = a.type ?? '';
        if (this.current && MEMBER_TYPES.has(type)) {
          this.current.members.push({
            type: type as RelationMember['type'],
            ref: Number(a.ref),
            role: a.role ?? '',
          });
        }
        break;
      }
      default:
        break;
    }
  }

  close(name: string): void {
    const element = this.current;
    if (name === 'osm') this.rootClosed = true;
    if (element === null || name !== element.kind) return;
    this.current = null;
    if (element.skip) return;
    if (element.kind === 'node') {
      const hasTags = Object.keys(element.tags).length > 0;
      this.sink.node(element.id, element.lon, element.lat, hasTags ? element.tags : null);
    } else if (element.kind === 'way') {
      this.sink.way(element.id, element.refs, element.tags);
    } else {
      this.sink.relation(element.id, element.members, element.tags);
    }
  }

  private notOsm(rootName: string): OsmReadError {
    if (rootName === 'osmChange') {
      return new OsmReadError(
        'UNSUPPORTED_FORMAT',
        'This is an OpenStreetMap change file (.osc), which lists edits rather than a map. Upload an extract (.osm.pbf or .osm) instead.',
        { path: this.path },
      );
    }
    return new OsmReadError(
      'UNSUPPORTED_FORMAT',
      `This XML file is not OpenStreetMap data (it is a <${rootName}> document). Upload an OpenStreetMap extract (.osm.pbf, .osm or .osm.gz).`,
      { path: this.path },
    );
  }
}

function isZlibError(error: unknown): error is Error & { code: string } {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/**
 * Streams an OSM XML file (plain or gzipped) into `sink`. Rejects with OsmReadError: OSM_TRUNCATED when
 * the document or the gzip stream stops early, OSM_UNREADABLE for malformed XML or a damaged gzip stream,
 * UNSUPPORTED_FORMAT for XML that is not <osm>.
 */
export async function readXmlInto(
  path: string,
  sink: OsmElementSink,
  gzip: boolean,
  totalBytes: number,
  options: ReadOptions = {},
): Promise<void> {
  const { onProgress, signal } = options;
  signal?.throwIfAborted();
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  let bytesRead = 0;
  const source = gzip ? pipeline(file, createGunzip(), () => undefined) : file;
  if (gzip) {
    file.on('data', (chunk) => {
      bytesRead += chunk.length;
      onProgress?.(bytesRead, totalBytes);
    });
  }

  const parser = new SaxesParser({ xmlns: false });
  const handler = new OsmXmlHandler(sink, path);
  parser.on('opentag', (tag) => handler.open(tag));
  parser.on('closetag', (tag) => handler.close(tag.name));
  const decoder = new TextDecoder('utf-8');

  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      if (!gzip) {
        bytesRead += chunk.length;
        onProgress?.(bytesRead, totalBytes);
      }
      parser.write(decoder.decode(chunk, { stream: true }));
    }
    parser.write(decoder.decode());
  } catch (error) {
    source.destroy();
    if (error instanceof OsmReadError || signal?.aborted) throw error;
    if (isZlibError(error)) {
      const truncated = error.code === 'Z_BUF_ERROR' || /unexpected end/i.test(error.message);
      throw truncated
        ? new OsmReadError('OSM_TRUNCATED', READ_ERROR_MESSAGES.truncated, { path, cause: error })
        : new OsmReadError('OSM_UNREADABLE', READ_ERROR_MESSAGES.gzipDamaged, { path, cause: error });
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw new OsmReadError('OSM_UNREADABLE', READ_ERROR_MESSAGES.xmlDamaged(detail), { path, cause: error });
  }

  try {
    parser.close();
  } catch (error) {
    // The text ended with elements still open: the file was cut short.
    if (handler.rootSeen && !handler.rootClosed) {
      throw new OsmReadError('OSM_TRUNCATED', READ_ERROR_MESSAGES.truncated, { path, cause: error });
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw new OsmReadError('OSM_UNREADABLE', READ_ERROR_MESSAGES.xmlDamaged(detail), { path, cause: error });
  }
  if (!handler.rootSeen) {
    throw new OsmReadError('OSM_UNREADABLE', READ_ERROR_MESSAGES.xmlDamaged('no XML element found'), {
      path,
    });
  }
}
