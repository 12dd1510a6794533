import type {
  EdgeKind,
  GraphFeatureRef,
  GridInfo,
  LocalProjection,
  NodeKind,
  TraversalGraph,
} from './graph.js';

/**
 * Collects nodes and undirected segments, then lays them out as the CSR TraversalGraph with both
 * directions of every segment and each edge's reverse.
 */
export class GraphBuilder {
  readonly x: number[] = [];
  readonly y: number[] = [];
  readonly level: number[] = [];
  readonly kind: number[] = [];
  private readonly pairA: number[] = [];
  private readonly pairB: number[] = [];
  private readonly pairWidth: number[] = [];
  private readonly pairKind: number[] = [];
  private readonly pairFeature: number[] = [];
  private readonly pairGrade: number[] = [];

  get nodeCount(): number {
    return this.x.length;
  }

  addNode(x: number, y: number, level: number, kind: NodeKind): number {
    this.x.push(x);
    this.y.push(y);
    this.level.push(level);
    this.kind.push(kind);
    return this.x.length - 1;
  }

  /** A segment a–b driven both ways; `grade` is the gradient going from a to b. */
  addSegment(a: number, b: number, widthM: number, kind: EdgeKind, feature: number, grade = 0): void {
    this.pairA.push(a);
    this.pairB.push(b);
    this.pairWidth.push(widthM);
    this.pairKind.push(kind);
    this.pairFeature.push(feature);
    this.pairGrade.push(grade);
  }

  finish(projection: LocalProjection, features: GraphFeatureRef[], grid: GridInfo | null): TraversalGraph {
    const nodeCount = this.x.length;
    const pairs = this.pairA.length;
    const edgeCount = 2 * pairs;
    const nodeX = Float64Array.from(this.x);
    const nodeY = Float64Array.from(this.y);
    const edgeStart = new Uint32Array(nodeCount + 1);
    for (let i = 0; i < pairs; i++) {
      edgeStart[this.pairA[i]! + 1]!++;
      edgeStart[this.pairB[i]! + 1]!++;
    }
    for (let n = 0; n < nodeCount; n++) edgeStart[n + 1]! += edgeStart[n]!;
    const cursor = edgeStart.slice(0, nodeCount);
    const edgeFrom = new Uint32Array(edgeCount);
    const edgeTo = new Uint32Array(edgeCount);
    const edgeLength = new Float32Array(edgeCount);
    const edgeHeading = new Float32Array(edgeCount);
    const edgeWidth = new Float32Array(edgeCount);
    const edgeKind = new Uint8Array(edgeCount);
    const edgeFeature = new Int32Array(edgeCount);
    const edgeReverse = new Uint32Array(edgeCount);
    const edgeGrade = new Float32Array(edgeCount);
    const put = (
      e: number,
      from: number,
      to: number,
      heading: number,
      length: number,
      i: number,
      grade: number,
    ) => {
      edgeFrom[e] = from;
      edgeTo[e] = to;
      edgeLength[e] = length;
      edgeHeading[e] = heading;
      edgeWidth[e] = this.pairWidth[i]!;
      edgeKind[e] = this.pairKind[i]!;
      edgeFeature[e] = this.pairFeature[i]!;
      edgeGrade[e] = grade;
    };
    for (let i = 0; i < pairs; i++) {
      const a = this.pairA[i]!;
      const b = this.pairB[i]!;
      const dx = nodeX[b]! - nodeX[a]!;
      const dy = nodeY[b]! - nodeY[a]!;
      const length = Math.hypot(dx, dy);
      const forward = cursor[a]!++;
      const backward = cursor[b]!++;
      // Headings in (−π, π] (atan2 gives −π for a due-west segment when dy is −0).
      const heading = Math.atan2(dy, dx);
      const back = heading > 0 ? heading - Math.PI : heading + Math.PI;
      put(forward, a, b, heading === -Math.PI ? Math.PI : heading, length, i, this.pairGrade[i]!);
      put(backward, b, a, back === -Math.PI ? Math.PI : back, length, i, -this.pairGrade[i]!);
      edgeReverse[forward] = backward;
      edgeReverse[backward] = forward;
    }
    return {
      projection,
      nodeCount,
      nodeX,
      nodeY,
      nodeLevel: Int8Array.from(this.level),
      nodeKind: Uint8Array.from(this.kind),
      edgeCount,
      edgeStart,
      edgeFrom,
      edgeTo,
      edgeLength,
      edgeHeading,
      edgeWidth,
      edgeKind,
      edgeFeature,
      edgeReverse,
      edgeGrade,
      edgeMeasure: new Int32Array(edgeCount).fill(-1),
      edgeMeasureAt: new Float32Array(edgeCount),
      features,
      measures: [],
      grid,
    };
  }
}
