/**
 * A fresh thread runs its first approach analysis on code V8 has not optimised yet: on a Monaco venue that
 * first analysis costs about 0.7 s more than the next one on another site. So each analysis thread, once
 * started, analyses the generated demo district (data/demo-site.*, our own data) once without measures and
 * once with a barrier, every class, which runs every stage (graph build, search from scratch and continued,
 * vectors, outline, standoff, speed map) on optimised code before a real request comes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, LineString } from 'geojson';
import { loadVehicleProfiles } from '../analysis/load-vehicles.js';
import { repoRoot } from '../config.js';
import type { DemoSiteDefinition } from '../demo/demo-district.js';
import { featuresFromGeoJson } from '../import/read-geojson.js';
import { parseApproachRequest, type ApproachRequest } from '../validation/approach-input.js';
import {
  analyseClassParts,
  NO_MEASURES,
  type ClassParts,
  type GraphState,
  type SiteMeasure,
  type SiteZone,
} from './approach-classes.js';
import { buildGraphState, type GraphBuildInput } from './graph-state.js';

const DEMO_SITE = path.join(repoRoot, 'data/demo-site.json');

/** The demo district's features as the study-area query gives them (repositories/analysis-inputs.ts). */
function demoFeatures(definition: DemoSiteDefinition): FeatureCollection {
  const file = path.resolve(path.dirname(DEMO_SITE), definition.features);
  const { features } = featuresFromGeoJson(JSON.parse(fs.readFileSync(file, 'utf8')));
  return {
    type: 'FeatureCollection',
    features: features.map((f, i) => ({
      type: 'Feature',
      id: i + 1,
      geometry: f.geometry,
      properties: {
        id: i + 1,
        layer: f.layer,
        kind: f.kind,
        name: f.name,
        widthM: f.widthM,
        zLayer: f.zLayer,
        bridge: f.bridge,
        tunnel: f.tunnel,
        heightM: f.heightM,
        tags: f.tags,
      },
    })),
  };
}

/** The demo district as an analysis sees it: its graph's input, zones, a default request and a barrier. */
export interface DemoScene {
  input: GraphBuildInput;
  zones: SiteZone[];
  request: ApproachRequest;
  /** A rated barrier across the avenue 50 m south of the square. */
  barrier: SiteMeasure;
}

export function demoScene(): DemoScene {
  const definition = JSON.parse(fs.readFileSync(DEMO_SITE, 'utf8')) as DemoSiteDefinition;
  const input: GraphBuildInput = {
    features: demoFeatures(definition),
    studyArea: definition.areaOfInterest,
    hulled: false,
    unmappedLand: 'blocked',
    studyAreaMs: 0,
  };
  const zones: SiteZone[] = definition.zones.map((z, i) => ({
    id: `warm-up-${i}`,
    name: z.name,
    geometry: z.geometry,
  }));
  const request = parseApproachRequest({}, loadVehicleProfiles());
  // 40 m of barrier across the avenue, which runs into the middle of the square's south side
  // (demo-district.ts).
  const ring = definition.zones[0]!.geometry.coordinates[0]!;
  const xs = ring.map((p) => p[0]!);
  const x = (Math.min(...xs) + Math.max(...xs)) / 2;
  const y = Math.min(...ring.map((p) => p[1]!)) - 50 / 111_260;
  const dx = 20 / (111_320 * Math.cos((y * Math.PI) / 180));
  const line: LineString = {
    type: 'LineString',
    coordinates: [
      [x - dx, y],
      [x + dx, y],
    ],
  };
  const now = new Date(0).toISOString();
  const barrier = {
    type: 'Feature',
    id: 'warm-up',
    geometry: line,
    properties: {
      kind: 'barrier',
      rating: 'V/7200[N2A]/48/90:0.2',
      version: 1,
      createdAt: now,
      updatedAt: now,
    },
  } as SiteMeasure;
  return { input, zones, request, barrier };
}

/** The demo scene's analysis on `state`, without measures and then with the barrier (run from those). */
export function analyseDemo(
  state: GraphState,
  { zones, request, barrier }: DemoScene,
): { without: ClassParts; withBarrier: ClassParts } {
  const without = analyseClassParts({ state, zones, measures: [], measuresKey: NO_MEASURES, request });
  const withBarrier = analyseClassParts({
    state,
    zones,
    measures: [barrier],
    measuresKey: 'warm-up',
    request,
  });
  return { without, withBarrier };
}

/**
 * Runs the analysis of the demo district (about a second of one core): without measures, then with a
 * rated barrier across the avenue 50 m south of the square (the warm path: the search continued from
 * the baselines). Returns both runs' class parts.
 */
export function warmUpAnalysis(): { without: ClassParts; withBarrier: ClassParts } {
  const scene = demoScene();
  return analyseDemo(buildGraphState(scene.input), scene);
}
