import { describe, expect, it } from 'vitest';
import { searchGeometries } from '../analysis/vda/propagate-geometry.js';
import { groundOf } from '../analysis/vda/tag-measures.js';
import { analyseDemo, demoScene } from './analysis-warm-up.js';
import { adoptGraphState, buildGraphState, portableGraphState } from './graph-state.js';

/** The parts without their timings (which differ run to run). */
const parts = ({ without, withBarrier }: ReturnType<typeof analyseDemo>) => ({
  without: without.parts,
  withBarrier: withBarrier.parts,
});

describe('a graph handed to another thread', () => {
  it('is plain data, and analyses as the graph it was copied from, without and with a measure', () => {
    const scene = demoScene();
    const built = buildGraphState(scene.input);
    const portable = portableGraphState(built);
    // What postMessage does to it.
    const copy = adoptGraphState(structuredClone(portable));
    expect(copy.graph).not.toBe(built.graph);
    expect(copy.graph.edgeCount).toBe(built.graph.edgeCount);
    // The ground raster (for the openings at a measure's ends) and the turn tables come with it.
    const [a, b] = [groundOf(copy.graph)!.flags, groundOf(built.graph)!.flags];
    expect(a.length).toBeGreaterThan(100_000);
    expect(Buffer.from(a.buffer, a.byteOffset, a.length).equals(b)).toBe(true);
    expect(searchGeometries(copy.graph).map(([room]) => room)).toEqual([20]);
    // As JSON: the parts are large for a deep comparison.
    expect(JSON.stringify(parts(analyseDemo(copy, scene)))).toBe(
      JSON.stringify(parts(analyseDemo(built, scene))),
    );
  });

  it('is shared only before a measure is tagged on it', () => {
    const scene = demoScene();
    const built = buildGraphState(scene.input);
    analyseDemo(built, scene);
    expect(() => portableGraphState(built)).toThrow(/before measures are tagged/);
  });
});
