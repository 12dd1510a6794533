import { describe, expect, it } from 'vitest';
import { classify, closedWayIsArea, wayGeometryKind } from './classify.js';

describe('classify: roads and paths', () => {
  it('keeps motor roads in roads with the highway class as kind', () => {
    for (const highway of [
      'motorway',
      'trunk_link',
      'primary',
      'residential',
      'service',
      'living_street',
      'busway',
      'track',
    ]) {
      expect(classify({ highway }, 'line')).toMatchObject({ layer: 'roads', kind: highway });
    }
  });

  it('keeps foot and cycle ways in paths, pedestrian streets included', () => {
    for (const highway of ['pedestrian', 'footway', 'cycleway', 'path', 'bridleway', 'steps', 'corridor']) {
      expect(classify({ highway }, 'line')).toMatchObject({ layer: 'paths', kind: highway });
    }
    expect(classify({ highway: 'footway', footway: 'sidewalk' }, 'line')).toMatchObject({
      layer: 'paths',
      kind: 'footway',
      keptTags: { highway: 'footway', footway: 'sidewalk' },
    });
  });

  it('drops highways that are not ways to drive or walk on', () => {
    expect(classify({ highway: 'proposed' }, 'line')).toBeNull();
    expect(classify({ highway: 'construction' }, 'line')).toBeNull();
    expect(classify({ highway: 'crossing' }, 'point')).toBeNull();
    expect(classify({ highway: 'platform' }, 'line')).toBeNull();
  });

  it('width: tag, then lanes × 3.25 m, then the per-type default', () => {
    expect(classify({ highway: 'primary', width: '7.5 m', lanes: '4' }, 'line')).toMatchObject({
      widthM: 7.5,
      widthSource: 'tag',
      lanes: 4,
    });
    expect(classify({ highway: 'primary', width: "24'" }, 'line')).toMatchObject({
      widthM: 7.315,
      widthSource: 'tag',
    });
    expect(classify({ highway: 'primary', est_width: '5' }, 'line')).toMatchObject({
      widthM: 5,
      widthSource: 'tag',
    });
    expect(classify({ highway: 'primary', lanes: '3' }, 'line')).toMatchObject({
      widthM: 9.75,
      widthSource: 'lanes',
      lanes: 3,
    });
    expect(classify({ highway: 'primary' }, 'line')).toMatchObject({ widthM: 9, widthSource: 'default' });
    expect(classify({ highway: 'motorway' }, 'line')).toMatchObject({ widthM: 11, widthSource: 'default' });
    expect(classify({ highway: 'footway' }, 'line')).toMatchObject({ widthM: 2, widthSource: 'default' });
    expect(classify({ highway: 'cycleway' }, 'line')).toMatchObject({ widthM: 2.5, widthSource: 'default' });
    expect(classify({ highway: 'path' }, 'line')).toMatchObject({ widthM: 1.5, widthSource: 'default' });
    // Garbage and implausible widths fall back to estimates.
    expect(classify({ highway: 'residential', width: 'wide' }, 'line')).toMatchObject({
      widthM: 6,
      widthSource: 'default',
    });
    expect(classify({ highway: 'residential', width: '3500' }, 'line')).toMatchObject({
      widthM: 6,
      widthSource: 'default',
    });
    // Lanes estimate only for carriageways.
    expect(classify({ highway: 'footway', lanes: '2' }, 'line')).toMatchObject({
      widthM: 2,
      widthSource: 'default',
    });
  });

  it('grade separation and direction', () => {
    expect(classify({ highway: 'primary', layer: '-2', tunnel: 'yes' }, 'line')).toMatchObject({
      zLayer: -2,
      tunnel: true,
      bridge: false,
    });
    expect(classify({ highway: 'primary', layer: '12', bridge: 'viaduct' }, 'line')).toMatchObject({
      zLayer: 5,
      bridge: true,
    });
    expect(classify({ highway: 'primary', layer: 'up' }, 'line')).toMatchObject({ zLayer: 0 });
    expect(classify({ highway: 'primary', bridge: 'no' }, 'line')).toMatchObject({ bridge: false });
    expect(classify({ highway: 'primary', oneway: 'yes' }, 'line')).toMatchObject({ oneway: true });
    expect(classify({ highway: 'primary', oneway: '-1' }, 'line')).toMatchObject({ oneway: true });
    expect(classify({ highway: 'primary', oneway: 'no' }, 'line')).toMatchObject({ oneway: false });
    expect(classify({ highway: 'primary' }, 'line')).toMatchObject({ oneway: null });
    expect(classify({ highway: 'motorway' }, 'line')).toMatchObject({ oneway: true });
    expect(classify({ highway: 'primary', junction: 'roundabout' }, 'line')).toMatchObject({ oneway: true });
  });
});

describe('classify: areas', () => {
  it('pedestrian areas: closed highway=pedestrian needs area=yes, otherwise it is a path loop', () => {
    const area = { highway: 'pedestrian', area: 'yes' };
    const loop = { highway: 'pedestrian' };
    expect(wayGeometryKind(area, true)).toBe('area');
    expect(classify(area, wayGeometryKind(area, true))).toMatchObject({ layer: 'areas', kind: 'pedestrian' });
    expect(wayGeometryKind(loop, true)).toBe('line');
    expect(classify(loop, wayGeometryKind(loop, true))).toMatchObject({ layer: 'paths', kind: 'pedestrian' });
    // A closed road is a loop (roundabout) even with an area-ish tag beside it.
    expect(closedWayIsArea({ highway: 'service', amenity: 'parking' })).toBe(false);
    // A multipolygon relation is an area by definition.
    expect(classify({ highway: 'pedestrian', place: 'square' }, 'area')).toMatchObject({
      layer: 'areas',
      kind: 'pedestrian',
    });
  });

  it('area:highway polygons take their kind from the value', () => {
    expect(classify({ 'area:highway': 'primary' }, 'area')).toMatchObject({
      layer: 'areas',
      kind: 'primary',
    });
    expect(classify({ 'area:highway': 'traffic_island' }, 'area')).toMatchObject({
      layer: 'areas',
      kind: 'traffic_island',
    });
    expect(closedWayIsArea({ 'area:highway': 'footway' })).toBe(true);
  });

  it.each([
    [{ place: 'square' }, 'square'],
    [{ amenity: 'parking' }, 'parking'],
    [{ amenity: 'marketplace' }, 'marketplace'],
    [{ landuse: 'grass' }, 'grass'],
    [{ landuse: 'meadow' }, 'grass'],
    [{ landuse: 'residential' }, 'residential'],
    [{ landuse: 'retail' }, 'retail'],
    [{ landuse: 'forest' }, 'wood'],
    [{ leisure: 'park' }, 'park'],
    [{ leisure: 'garden' }, 'garden'],
    [{ leisure: 'pitch' }, 'pitch'],
    [{ leisure: 'stadium' }, 'stadium'],
    [{ natural: 'water' }, 'water'],
    [{ natural: 'water', water: 'pond' }, 'water'],
    [{ water: 'basin' }, 'water'],
    [{ waterway: 'riverbank' }, 'water'],
    [{ landuse: 'reservoir' }, 'water'],
    [{ natural: 'beach' }, 'beach'],
    [{ natural: 'scrub' }, 'scrub'],
    [{ man_made: 'pier' }, 'pier'],
  ])('%j → areas/%s', (tags, kind) => {
    expect(closedWayIsArea(tags)).toBe(true);
    expect(classify(tags, 'area')).toMatchObject({ layer: 'areas', kind, widthM: null, widthSource: null });
  });

  it('does not keep areas it has no use for, nor area tags on lines and points', () => {
    expect(classify({ amenity: 'school' }, 'area')).toBeNull();
    expect(classify({ natural: 'coastline' }, 'area')).toBeNull();
    expect(classify({ landuse: 'grass' }, 'line')).toBeNull();
    expect(classify({ amenity: 'parking' }, 'point')).toBeNull();
    expect(closedWayIsArea({ natural: 'coastline' })).toBe(false);
    expect(closedWayIsArea({ landuse: 'grass', area: 'no' })).toBe(false);
  });
});

describe('classify: buildings', () => {
  it('building=yes is kind "building", other values are kept', () => {
    expect(classify({ building: 'yes' }, 'area')).toMatchObject({
      layer: 'buildings',
      kind: 'building',
      heightM: null,
      levels: null,
    });
    expect(classify({ building: 'apartments' }, 'area')).toMatchObject({
      layer: 'buildings',
      kind: 'apartments',
    });
  });

  it('height from height, else building:levels × 3 m', () => {
    expect(classify({ building: 'yes', height: '12' }, 'area')).toMatchObject({ heightM: 12 });
    expect(classify({ building: 'yes', height: '12 m' }, 'area')).toMatchObject({ heightM: 12 });
    expect(classify({ building: 'yes', height: '12.5m' }, 'area')).toMatchObject({ heightM: 12.5 });
    expect(classify({ building: 'yes', height: "40'" }, 'area')).toMatchObject({ heightM: 12.192 });
    expect(classify({ building: 'yes', height: '20', 'building:levels': '4' }, 'area')).toMatchObject({
      heightM: 20,
      levels: 4,
    });
    expect(classify({ building: 'yes', 'building:levels': '4' }, 'area')).toMatchObject({
      heightM: 12,
      levels: 4,
    });
    expect(classify({ building: 'yes', height: 'tall', 'building:levels': 'x' }, 'area')).toMatchObject({
      heightM: null,
      levels: null,
    });
  });

  it('skips building=no, building parts, and buildings that are not areas', () => {
    expect(classify({ building: 'no' }, 'area')).toBeNull();
    expect(classify({ 'building:part': 'yes' }, 'area')).toBeNull();
    expect(classify({ building: 'yes' }, 'point')).toBeNull();
    expect(classify({ building: 'yes' }, 'line')).toBeNull();
  });

  it('a building wins over other area tags on the same way', () => {
    expect(classify({ building: 'retail', amenity: 'marketplace' }, 'area')).toMatchObject({
      layer: 'buildings',
      kind: 'retail',
    });
    expect(classify({ building: 'yes', highway: 'footway', area: 'yes' }, 'area')).toMatchObject({
      layer: 'buildings',
    });
  });
});

describe('classify: furniture', () => {
  it.each(['bollard', 'gate', 'lift_gate', 'block', 'planter', 'cycle_barrier', 'kerb'])(
    'barrier=%s node',
    (barrier) => {
      expect(classify({ barrier }, 'point')).toMatchObject({ layer: 'furniture', kind: barrier });
    },
  );

  it.each(['wall', 'fence', 'retaining_wall', 'jersey_barrier', 'hedge'])('barrier=%s way', (barrier) => {
    expect(classify({ barrier }, 'line')).toMatchObject({ layer: 'furniture', kind: barrier });
    // A closed fence is a ring-shaped line, not a filled area.
    expect(closedWayIsArea({ barrier })).toBe(false);
  });

  it('records a gate opening width and a wall height when tagged', () => {
    expect(classify({ barrier: 'gate', width: '3.5' }, 'point')).toMatchObject({
      widthM: 3.5,
      widthSource: 'tag',
    });
    expect(classify({ barrier: 'gate', maxwidth: '2.2' }, 'point')).toMatchObject({
      widthM: 2.2,
      widthSource: 'tag',
    });
    expect(classify({ barrier: 'wall', height: '2 m' }, 'line')).toMatchObject({
      heightM: 2,
      widthM: null,
      widthSource: null,
    });
    expect(classify({ barrier: 'no' }, 'point')).toBeNull();
  });
});

describe('classify: kept tags', () => {
  it('keeps only the tags the analysis uses', () => {
    const result = classify(
      {
        highway: 'residential',
        name: 'Rue Grimaldi',
        surface: 'asphalt',
        maxspeed: '50',
        'name:en': 'Grimaldi St',
        source: 'survey',
      },
      'line',
    );
    expect(result?.keptTags).toEqual({ highway: 'residential', name: 'Rue Grimaldi', surface: 'asphalt' });
  });

  it('is pure: same input, same output, input untouched', () => {
    const tags = { highway: 'primary', lanes: '2' };
    const frozen = Object.freeze({ ...tags });
    expect(classify(frozen, 'line')).toEqual(classify(tags, 'line'));
  });
});
