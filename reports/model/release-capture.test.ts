import { describe, expect, it } from 'vitest';
import type { PolicyResult, ReleasePoint } from '../../engine/result.js';
import { buildFixture } from '../test-support/fixture.js';
import { releaseCapture } from './release-capture.js';

const point = (day: number, released: number, within: [number, number, number], all: number, to50: number | null): ReleasePoint => ({
  day, released, sellOutMinutes: null, botShare: all, botShareWithin: { 1: within[0], 10: within[1], 60: within[2] }, minutesTo50: to50, minutesTo90: null,
});

/** the fixture's first policy with these releases in each of its replications */
function policyWith(releases: ReleasePoint[][]): PolicyResult {
  const p = buildFixture({ policies: 1, replications: releases.length }).policies[0]!;
  return { ...p, runs: p.runs.map((r, i) => ({ ...r, series: { ...r.series, releases: releases[i]! } })) };
}

describe('releaseCapture', () => {
  it('weights each release by its slots, leaves the warm-up out, and gives an interval over replications', () => {
    const p = policyWith([
      // warm-up release (day 3) left out; 100 slots at 50 % and 300 at 10 % within a minute: 20 %
      [point(3, 1000, [1, 1, 1], 1, 1), point(14, 100, [0.5, 0.6, 0.7], 0.8, 2), point(21, 300, [0.1, 0.2, 0.3], 0.4, 6)],
      [point(14, 200, [0.4, 0.5, 0.6], 0.7, 4)],
    ]);
    const c = releaseCapture(p, 7)!;
    expect(c.releases).toBe(3);
    expect(c.share['1']!.mean).toBeCloseTo((0.2 + 0.4) / 2, 12);
    expect(c.share['all']!.mean).toBeCloseTo(((0.8 * 100 + 0.4 * 300) / 400 + 0.7) / 2, 12);
    expect(c.share['1']!.n).toBe(2);
    expect(c.minutesTo50).toBe(4);
    expect(c.minutesTo90).toBeUndefined();
  });

  it('says nothing for a result without per-release windows (an older file)', () => {
    const legacy = policyWith([[{ day: 14, released: 100, sellOutMinutes: 3, botShare: 0.5 }]]);
    expect(releaseCapture(legacy, 7)).toBeUndefined();
  });
});
