/** A plain one-to-all Dijkstra on typed arrays: the yardstick for the speed search (issue 3 benchmark). */

export interface CsrGraph {
  nodeCount: number;
  start: Uint32Array; // nodeCount + 1
  to: Uint32Array;
  weight: Float64Array;
}

export function toCsr(
  nodeCount: number,
  edges: readonly { source: number; target: number; lengthM: number }[],
): CsrGraph {
  const degree = new Uint32Array(nodeCount + 1);
  for (const e of edges) {
    degree[e.source + 1]! += 1;
    degree[e.target + 1]! += 1;
  }
  for (let i = 0; i < nodeCount; i++) degree[i + 1]! += degree[i]!;
  const start = degree.slice();
  const fill = degree.slice(0, nodeCount);
  const to = new Uint32Array(edges.length * 2);
  const weight = new Float64Array(edges.length * 2);
  for (const e of edges) {
    to[fill[e.source]!] = e.target;
    weight[fill[e.source]!++] = e.lengthM;
    to[fill[e.target]!] = e.source;
    weight[fill[e.target]!++] = e.lengthM;
  }
  return { nodeCount, start, to, weight };
}

/** Distances from `source` to every node (Infinity where unreachable), binary heap with lazy deletion. */
export function dijkstra(g: CsrGraph, source: number): Float64Array {
  const dist = new Float64Array(g.nodeCount).fill(Infinity);
  const heapNode = new Uint32Array(g.to.length + 1);
  const heapKey = new Float64Array(g.to.length + 1);
  let size = 0;
  const push = (node: number, key: number) => {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapKey[parent]! <= key) break;
      heapNode[i] = heapNode[parent]!;
      heapKey[i] = heapKey[parent]!;
      i = parent;
    }
    heapNode[i] = node;
    heapKey[i] = key;
  };
  const pop = () => {
    const top = heapNode[0]!;
    const lastNode = heapNode[--size]!;
    const lastKey = heapKey[size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && heapKey[child + 1]! < heapKey[child]!) child += 1;
      if (heapKey[child]! >= lastKey) break;
      heapNode[i] = heapNode[child]!;
      heapKey[i] = heapKey[child]!;
      i = child;
    }
    heapNode[i] = lastNode;
    heapKey[i] = lastKey;
    return top;
  };
  dist[source] = 0;
  push(source, 0);
  while (size > 0) {
    const key = heapKey[0]!;
    const node = pop();
    if (key > dist[node]!) continue;
    for (let e = g.start[node]!; e < g.start[node + 1]!; e++) {
      const next = g.to[e]!;
      const d = key + g.weight[e]!;
      if (d < dist[next]!) {
        dist[next] = d;
        push(next, d);
      }
    }
  }
  return dist;
}
