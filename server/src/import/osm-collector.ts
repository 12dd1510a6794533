import type { Geometry, Position } from 'geojson';
import { type Classification, classify, type OsmTags, wayGeometryKind } from './classify.js';
import type { FeatureRecord } from './feature-record.js';
import { makeFeatureRecord } from './make-feature-record.js';
import { assembleMultipolygon, type MemberWay } from './multipolygon.js';
import { NodeStore } from './node-store.js';
import type { BoundingBox } from './read-result.js';
import { dedupeConsecutive, isValidRing, orientRing } from './ring-geometry.js';

export interface RelationMember {
  type: 'node' | 'way' | 'relation';
  ref: number;
  role: string;
}

/** What a format reader (PBF, XML) feeds, element by element, in any order. */
export interface OsmElementSink {
  node(id: number, lon: number, lat: number, tags: OsmTags | null): void;
  way(id: number, refs: ArrayLike<number>, tags: OsmTags): void;
  relation(id: number, members: readonly RelationMember[], tags: OsmTags): void;
  bounds(box: BoundingBox): void;
}

export interface CollectedOsm {
  features: FeatureRecord[];
  nodes: number;
  ways: number;
  relations: number;
  skippedIncomplete: number;
  skippedInvalid: number;
  partialWays: number;
  droppedInnerRings: number;
  bounds: BoundingBox | null;
}

interface KeptWay {
  id: number;
  classification: Classification;
  asArea: boolean;
}

interface KeptRelation {
  id: number;
  classification: Classification;
  members: { ref: number; role: string }[];
}

/** Relation types whose member ways make an area (type=building: the `outline` member is its footprint). */
const AREA_RELATION_TYPES: ReadonlySet<string> = new Set(['multipolygon', 'building']);

/**
 * Turns a stream of OSM elements into feature records. Elements may arrive in any order, so geometry is
 * built in finish(), once every node is known. Memory: node coordinates in typed arrays, node refs of
 * every way (relations may need any of them), and the classification of kept objects only — tags of
 * objects we do not keep are never stored.
 */
export class OsmCollector implements OsmElementSink {
  private readonly nodeStore = new NodeStore();
  private readonly wayRefs = new Map<number, Float64Array>();
  private readonly keptWays: KeptWay[] = [];
  private readonly keptRelations: KeptRelation[] = [];
  private readonly features: FeatureRecord[] = [];
  private nodeCount = 0;
  private wayCount = 0;
  private relationCount = 0;
  private skippedIncomplete = 0;
  private skippedInvalid = 0;
  private partialWays = 0;
  private droppedInnerRings = 0;
  private box: BoundingBox | null = null;

  node(id: number, lon: number, lat: number, tags: OsmTags | null): void {
    this.nodeCount++;
    this.nodeStore.add(id, lon, lat);
    if (tags === null) return;
    const classification = classify(tags, 'point');
    if (classification === null) return;
    const coordinates: Position = [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
    this.features.push(makeFeatureRecord('node', id, classification, { type: 'Point', coordinates }));
  }

  way(id: number, refs: ArrayLike<number>, tags: OsmTags): void {
    this.wayCount++;
    const stored = Float64Array.from(refs);
    this.wayRefs.set(id, stored);
    const closed = stored.length >= 4 && stored[0] === stored[stored.length - 1];
    const kind = wayGeometryKind(tags, closed);
    const classification = classify(tags, kind);
    if (classification === null) {
      // A building outline that does not close is broken data, not a line: report it.
      if (!closed && tags.building !== undefined && tags.building !== 'no') this.skippedInvalid++;
      return;
    }
    // A barrier on a closed area way (a fenced school ground) is an obstacle along its line; it is a
    // solid polygon only when mapped explicitly as one (area=yes).
    const asArea = kind === 'area' && (classification.layer !== 'furniture' || tags.area === 'yes');
    this.keptWays.push({ id, classification, asArea });
  }

  relation(id: number, members: readonly RelationMember[], tags: OsmTags): void {
    this.relationCount++;
    if (tags.type === undefined || !AREA_RELATION_TYPES.has(tags.type)) return;
    const classification = classify(tags, 'area');
    if (classification === null) return;
    const seen = new Set<number>();
    const wayMembers: { ref: number; role: string }[] = [];
    for (const member of members) {
      if (member.type !== 'way' || seen.has(member.ref)) continue;
      seen.add(member.ref);
      wayMembers.push({ ref: member.ref, role: member.role });
    }
    this.keptRelations.push({ id, classification, members: wayMembers });
  }

  bounds(box: BoundingBox): void {
    this.box = box;
  }

  finish(): CollectedOsm {
    this.nodeStore.seal();
    for (const way of this.keptWays) this.buildWay(way);
    for (const relation of this.keptRelations) this.buildRelation(relation);
    return {
      features: this.features,
      nodes: this.nodeCount,
      ways: this.wayCount,
      relations: this.relationCount,
      skippedIncomplete: this.skippedIncomplete,
      skippedInvalid: this.skippedInvalid,
      partialWays: this.partialWays,
      droppedInnerRings: this.droppedInnerRings,
      bounds: this.box,
    };
  }

  private buildWay(way: KeptWay): void {
    const refs = this.wayRefs.get(way.id);
    if (refs === undefined) return;
    const geometry = way.asArea ? this.wayPolygon(refs) : this.wayLine(refs);
    if (geometry !== null) this.features.push(makeFeatureRecord('way', way.id, way.classification, geometry));
  }

  private wayPolygon(refs: Float64Array): Geometry | null {
    const positions: Position[] = [];
    for (const ref of refs) {
      const position = this.nodeStore.position(ref);
      if (position === null) {
        this.skippedIncomplete++;
        return null;
      }
      positions.push(position);
    }
    const ring = dedupeConsecutive(positions);
    if (!isValidRing(ring)) {
      this.skippedInvalid++;
      return null;
    }
    return { type: 'Polygon', coordinates: [orientRing(ring, true)] };
  }

  /** Lines keep the runs of nodes inside the extract: a road leaving a clipped extract is still a road. */
  private wayLine(refs: Float64Array): Geometry | null {
    const runs: Position[][] = [];
    let run: Position[] = [];
    let missing = false;
    const endRun = (): void => {
      const clean = dedupeConsecutive(run);
      if (clean.length >= 2) runs.push(clean);
      run = [];
    };
    for (const ref of refs) {
      const position = this.nodeStore.position(ref);
      if (position === null) {
        missing = true;
        endRun();
      } else {
        run.push(position);
      }
    }
    endRun();
    if (runs.length === 0) {
      if (missing) this.skippedIncomplete++;
      else this.skippedInvalid++;
      return null;
    }
    if (missing) this.partialWays++;
    return runs.length === 1
      ? { type: 'LineString', coordinates: runs[0] as Position[] }
      : { type: 'MultiLineString', coordinates: runs };
  }

  private buildRelation(relation: KeptRelation): void {
    const members: MemberWay[] = [];
    for (const member of relation.members) {
      const refs = this.wayRefs.get(member.ref);
      if (refs === undefined) {
        // A member way outside the extract: the area cannot be closed reliably.
        this.skippedIncomplete++;
        return;
      }
      members.push({ role: member.role, refs });
    }
    const result = assembleMultipolygon(members, (id) => this.nodeStore.position(id));
    if (!result.ok) {
      if (result.reason === 'missing-node') this.skippedIncomplete++;
      else this.skippedInvalid++;
      return;
    }
    this.droppedInnerRings += result.droppedInnerRings;
    this.features.push(makeFeatureRecord('relation', relation.id, relation.classification, result.geometry));
  }
}
