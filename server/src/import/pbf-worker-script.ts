/**
 * Source of the worker thread that decodes PBF files with osm-read.
 *
 * Why a worker: osm-read decodes blocks inside fs/zlib callbacks, so a damaged file (a corrupt block
 * header, an unsupported block encoding) throws where no caller can catch it and would take the whole
 * server down. Inside a worker such a throw only ends the worker; the parent turns it into an
 * OsmReadError. Decoding also stays off the server's event loop.
 *
 * Why a string (run with `eval: true`): the worker must be plain CommonJS that Node can run as is,
 * whatever runs the TypeScript (tsx, vitest, a build). osm-read's path comes from the parent's
 * module resolution, via workerData.
 *
 * Protocol (worker → parent): {type:'header', bbox, requiredFeatures}, {type:'block', ...packed
 * elements, bytesRead}, {type:'done'}, {type:'fail', message}. Parent → worker: 'ack' after each block;
 * the worker keeps at most two unacknowledged blocks in flight so a slow consumer bounds memory.
 */
export const PBF_WORKER_SCRIPT = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const osmread = require(workerData.osmReadPath);

const MAX_IN_FLIGHT = 2;
let inFlight = 0;
let resumeReading = null;
parentPort.on('message', (message) => {
  if (message !== 'ack') return;
  inFlight--;
  if (resumeReading !== null && inFlight < MAX_IN_FLIGHT) {
    const resume = resumeReading;
    resumeReading = null;
    resume();
  }
});

function fail(error) {
  const message = error && error.message ? error.message : String(error);
  parentPort.postMessage({ type: 'fail', message });
}

function hasKeys(object) {
  for (const key in object) return true;
  return false;
}

function packBlock(block, bytesRead) {
  let nodeCount = 0;
  let wayCount = 0;
  let refCount = 0;
  for (const group of block.primitivegroup) {
    nodeCount += group.nodesView.length;
    wayCount += group.waysView.length;
  }
  const nodeIds = new Float64Array(nodeCount);
  const nodeLons = new Float64Array(nodeCount);
  const nodeLats = new Float64Array(nodeCount);
  const nodeTags = [];
  const ways = [];
  const relations = [];
  let n = 0;
  for (const group of block.primitivegroup) {
    for (let i = 0; i < group.nodesView.length; i++, n++) {
      const node = group.nodesView.get(i);
      nodeIds[n] = Number(node.id);
      nodeLons[n] = node.lon;
      nodeLats[n] = node.lat;
      if (node.tags && hasKeys(node.tags)) nodeTags.push([n, node.tags]);
    }
    for (let i = 0; i < group.waysView.length; i++) {
      const way = group.waysView.get(i);
      refCount += way.nodeRefs.length;
      ways.push(way);
    }
    for (let i = 0; i < group.relationsView.length; i++) {
      const relation = group.relationsView.get(i);
      relations.push({
        id: Number(relation.id),
        tags: relation.tags,
        members: relation.members.map((m) => ({ type: m.type, ref: Number(m.ref), role: m.role || '' })),
      });
    }
  }
  // Way node refs go in one flat array with offsets: far cheaper to send than one array per way.
  const wayIds = new Float64Array(wayCount);
  const wayOffsets = new Uint32Array(wayCount + 1);
  const wayRefs = new Float64Array(refCount);
  const wayTags = new Array(wayCount);
  let r = 0;
  ways.forEach((way, w) => {
    wayIds[w] = Number(way.id);
    wayOffsets[w] = r;
    for (const ref of way.nodeRefs) wayRefs[r++] = Number(ref);
    wayTags[w] = way.tags;
  });
  wayOffsets[wayCount] = r;
  return {
    message: { type: 'block', bytesRead, nodeIds, nodeLons, nodeLats, nodeTags, wayIds, wayOffsets, wayRefs, wayTags, relations },
    transfer: [nodeIds.buffer, nodeLons.buffer, nodeLats.buffer, wayIds.buffer, wayOffsets.buffer, wayRefs.buffer],
  };
}

osmread.createPbfParser({
  filePath: workerData.filePath,
  callback(error, parser) {
    if (error) return fail(error);
    const blocks = parser.fileBlocks;
    let index = 0;
    const finish = (failure) => {
      parser.close(() => (failure ? fail(failure) : parentPort.postMessage({ type: 'done' })));
    };
    const next = () => {
      if (index >= blocks.length) return finish(null);
      if (inFlight >= MAX_IN_FLIGHT) {
        resumeReading = next;
        return;
      }
      const fileBlock = blocks[index++];
      const bytesRead = fileBlock.position + fileBlock.size;
      const blockType = fileBlock.blobHeader.type;
      // The PBF spec says readers skip block types they do not know (osm-read would throw on them).
      if (blockType !== 'OSMHeader' && blockType !== 'OSMData') return setImmediate(next);
      parser.readBlock(fileBlock, (readError, block) => {
        if (readError) return finish(readError);
        if (blockType === 'OSMHeader') {
          const bbox = block.bbox
            ? [Number(block.bbox.left) / 1e9, Number(block.bbox.bottom) / 1e9, Number(block.bbox.right) / 1e9, Number(block.bbox.top) / 1e9]
            : null;
          parentPort.postMessage({ type: 'header', bbox, requiredFeatures: block.requiredFeatures || [], bytesRead });
        } else {
          const packed = packBlock(block, bytesRead);
          inFlight++;
          parentPort.postMessage(packed.message, packed.transfer);
        }
        setImmediate(next);
      });
    };
    next();
  },
});
`;
