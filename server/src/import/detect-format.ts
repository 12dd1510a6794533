import { open } from 'node:fs/promises';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { OsmReadError, READ_ERROR_MESSAGES } from './read-error.js';
import type { MapFileFormat } from './read-result.js';

const PEEK_BYTES = 64 * 1024;
const PBF_HEADER_TYPE = Buffer.from('OSMHeader', 'ascii');

export interface DetectedFormat {
  format: MapFileFormat;
  bytes: number;
}

/**
 * An OSM PBF file starts with a 4-byte big-endian BlobHeader length, then the BlobHeader protobuf whose
 * first field (tag 0x0a, length 9) is the type string "OSMHeader".
 */
function isPbf(head: Buffer): boolean {
  if (head.length < 6 + PBF_HEADER_TYPE.length) return false;
  const headerLength = head.readUInt32BE(0);
  return (
    headerLength > 0 &&
    headerLength < 64 * 1024 &&
    head[4] === 0x0a &&
    head[5] === PBF_HEADER_TYPE.length &&
    head.subarray(6, 6 + PBF_HEADER_TYPE.length).equals(PBF_HEADER_TYPE)
  );
}

/** First character after an optional UTF-8 byte-order mark and whitespace, or null if there is none. */
function firstTextChar(head: Buffer): string | null {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d))
    i++;
  return i < head.length ? String.fromCharCode(head[i] as number) : null;
}

function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Names other common formats so the message can tell the planner what to do instead. */
function unsupportedMessage(head: Buffer): string {
  if (head.subarray(0, 3).toString('latin1') === 'BZh') {
    return 'This file is compressed with bzip2 (.bz2), which Bulwark does not unpack. Download the .osm.pbf version of the extract instead.';
  }
  if (head.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') {
    return 'This is a ZIP archive. Unzip it and upload the map file inside (.osm.pbf, .osm or .geojson).';
  }
  if (head[0] === 0xff && head[1] === 0xe0) {
    return 'This is an .o5m file, which Bulwark does not read. Convert it to .osm.pbf (for example with osmium or osmconvert) and upload that.';
  }
  return READ_ERROR_MESSAGES.unsupported;
}

/** Classifies the start of (possibly decompressed) content, or null when it is none of our formats. */
function classifyText(head: Buffer): 'xml' | 'geojson' | null {
  const first = firstTextChar(head);
  if (first === '<') return 'xml';
  if (first === '{') return 'geojson';
  return null;
}

/**
 * Detects the format of a map file from its first bytes (extensions lie: uploads get renamed).
 * Throws OsmReadError: OSM_EMPTY for an empty file, UNSUPPORTED_FORMAT for anything else unknown,
 * OSM_UNREADABLE for a damaged gzip header, OSM_UNREADABLE when the file cannot be opened.
 */
export async function detectFormat(path: string): Promise<DetectedFormat> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw new OsmReadError('OSM_UNREADABLE', 'The map file could not be opened.', { path, cause });
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) throw new OsmReadError('OSM_EMPTY', READ_ERROR_MESSAGES.empty, { path });
    const head = Buffer.alloc(Math.min(PEEK_BYTES, size));
    await handle.read(head, 0, head.length, 0);

    if (isPbf(head)) return { format: 'pbf', bytes: size };
    if (isGzip(head)) return { format: detectGzipContent(head, path), bytes: size };
    const text = classifyText(head);
    if (text !== null) return { format: text, bytes: size };
    if (firstTextChar(head) === null)
      throw new OsmReadError('OSM_EMPTY', READ_ERROR_MESSAGES.empty, { path });
    throw new OsmReadError('UNSUPPORTED_FORMAT', unsupportedMessage(head), { path });
  } finally {
    await handle.close();
  }
}

function detectGzipContent(head: Buffer, path: string): MapFileFormat {
  let inner: Buffer;
  try {
    // Partial inflate of the first chunk: enough to see what is inside without unpacking everything.
    inner = gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch (cause) {
    throw new OsmReadError('OSM_UNREADABLE', READ_ERROR_MESSAGES.gzipDamaged, { path, cause });
  }
  if (inner.length === 0 || firstTextChar(inner) === null) {
    if (head.length < PEEK_BYTES) throw new OsmReadError('OSM_EMPTY', READ_ERROR_MESSAGES.empty, { path });
    throw new OsmReadError('OSM_UNREADABLE', READ_ERROR_MESSAGES.gzipDamaged, { path });
  }
  if (isPbf(inner)) {
    throw new OsmReadError(
      'UNSUPPORTED_FORMAT',
      'This is a PBF map file inside a .gz archive. PBF files are already compressed: unpack it and upload the .osm.pbf file.',
      { path },
    );
  }
  const text = classifyText(inner);
  if (text === 'xml') return 'xml-gzip';
  if (text === 'geojson') return 'geojson-gzip';
  throw new OsmReadError('UNSUPPORTED_FORMAT', unsupportedMessage(inner), { path });
}
