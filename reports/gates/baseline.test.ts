import { describe, expect, it } from 'vitest';
import type { Interval } from '../../engine/result.js';
import { buildFixture } from '../test-support/fixture.js';
import { compareToBaseline, toleranceFor, verdictOf } from './baseline.js';

const iv = (mean: number, half: number, n = 10): Interval => ({ mean, low: mean - half, high: mean + half, n });

describe('baseline comparison', () => {
  it('claims a regression only when the intervals separate, beyond the tolerance, on the bad side', () => {
    // higher is better: served share fell from 0.8 to 0.6, intervals far apart
    expect(verdictOf(iv(0.8, 0.02), iv(0.6, 0.02), true, 0.02)).toBe('regressed');
    // the same fall with wide intervals that overlap: cannot tell
    expect(verdictOf(iv(0.8, 0.15), iv(0.6, 0.15), true, 0.02)).toBe('unclear');
    // apart, but by less than the tolerance
    expect(verdictOf(iv(0.8, 0.01), iv(0.76, 0.01), true, 0.05)).toBe('held');
    // an improvement is never a regression
    expect(verdictOf(iv(0.6, 0.02), iv(0.8, 0.02), true, 0.02)).toBe('held');
    // lower is better: capture share rose
    expect(verdictOf(iv(0.1, 0.02), iv(0.4, 0.02), false, 0.02)).toBe('regressed');
    expect(verdictOf(iv(0.4, 0.02), iv(0.1, 0.02), false, 0.02)).toBe('held');
  });

  it('says it cannot tell with a single replication, however far the means moved', () => {
    expect(verdictOf(iv(0.8, 0, 1), iv(0.2, 0, 1), true, 0.02)).toBe('unclear');
    expect(verdictOf(iv(0.8, 0.01), iv(0.2, 0, 1), true, 0.02)).toBe('unclear');
  });

  it('reads the tolerance in points for shares and relative to the baseline elsewhere', () => {
    expect(toleranceFor('bots.captureShare', 0.02, iv(0.5, 0))).toBe(0.02);
    expect(toleranceFor('legit.moneyPaidEur', 0.02, iv(1000, 0))).toBe(20);
  });

  it('finds nothing regressed in a run against itself, and compares every metric of every policy', () => {
    const r = buildFixture();
    const c = compareToBaseline(r, r, 0);
    expect(c.pass).toBe(true);
    expect(c.comparisons.every((x) => x.verdict === 'held')).toBe(true);
    expect(new Set(c.comparisons.map((x) => x.policy))).toEqual(new Set(r.policies.map((p) => p.name)));
  });
});
