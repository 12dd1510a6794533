import { describe, expect, it } from 'vitest';
import { describePolygonProblem } from './polygon-reason.js';

describe('describePolygonProblem', () => {
  it('puts GEOS reasons into words with the place and what to do', () => {
    expect(describePolygonProblem('Self-intersection[7.4246 43.7314]')).toBe(
      'its edges cross each other near longitude 7.4246, latitude 43.7314: move the corners so that no edge crosses another',
    );
    expect(describePolygonProblem('Ring Self-intersection[1 1]')).toMatch(
      /^its outline touches itself at a point near longitude 1, latitude 1:/,
    );
    expect(describePolygonProblem('Hole lies outside shell[2 2]')).toMatch(
      /^a hole lies outside the outer ring near longitude 2, latitude 2/,
    );
    expect(describePolygonProblem('Too few points in geometry component[0 0]')).toMatch(
      /too few distinct corners/,
    );
    expect(describePolygonProblem('Interior is disconnected[-0.5 -1e-7]')).toBe(
      'its holes cut it into separate pieces near longitude -0.5, latitude -1e-7: draw each piece as its own polygon',
    );
  });

  it('rounds the place to 7 decimals and passes unknown reasons through', () => {
    expect(describePolygonProblem('Self-intersection[7.424612345678 43.7]')).toContain(
      'longitude 7.4246123, latitude 43.7',
    );
    expect(describePolygonProblem('Something new[1 2]')).toBe(
      'PostGIS reports "Something new" near longitude 1, latitude 2',
    );
  });
});
