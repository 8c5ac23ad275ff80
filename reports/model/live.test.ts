import { describe, expect, it } from 'vitest';
import type { PolicyResult, RouteStats } from '../../engine/result.js';
import { buildFixture } from '../test-support/fixture.js';
import { withLive } from '../test-support/live-fixture.js';
import { hasLive, livePolicy, someIds } from './live.js';

const live = withLive(buildFixture({ policies: 2, replications: 3 }));

describe('livePolicy', () => {
  it('is null for a simulated policy, and hasLive says whether any policy ran live', () => {
    const sim = buildFixture({ policies: 2 });
    expect(livePolicy(sim.policies[0]!)).toBeNull();
    expect(hasLive(sim)).toBe(false);
    expect(hasLive(live)).toBe(true);
  });

  it('adds counts up over replications and averages their percentiles', () => {
    const p = live.policies[0]!;
    const f = livePolicy(p)!;
    const all = (k: number): RouteStats => p.runs[k]!.live!.populations[0]!.all;
    const people = f.populations[0]!;
    expect(f.replications).toBe(3);
    expect(people.requests).toBe(all(0).latency.count + all(1).latency.count + all(2).latency.count);
    expect(people.p95).toBeCloseTo((all(0).latency.p95 + all(1).latency.p95 + all(2).latency.p95) / 3, 9);
    expect(people.timeouts).toBe(all(0).timeouts + all(1).timeouts + all(2).timeouts);
    expect(people.statuses['0']).toBe([0, 1, 2].reduce((s, k) => s + (all(k).statuses['0'] ?? 0), 0));
    const unavailable = [0, 1, 2].reduce((s, k) => s + (all(k).rejections.UNAVAILABLE ?? 0), 0);
    expect(unavailable).toBeGreaterThan(0);
    expect(people.errorShare).toBeCloseTo(unavailable / people.requests, 12);
    expect(Object.keys(people.routes)).toEqual(['list', 'book']);
    expect(f.bookings).toBe(p.runs.reduce((s, r) => s + r.live!.reconciliation.harnessBookings, 0));
    expect(f.mismatches).toEqual([]);
  });

  it('leaves a replication without requests out of the percentile mean instead of counting a zero wait', () => {
    const p = structuredClone(live.policies[1]!) as PolicyResult;
    const crew = p.runs[2]!.live!.populations[1]!;
    crew.all = { ...crew.all, latency: { count: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 } };
    const f = livePolicy(p)!;
    const p95 = (k: number) => p.runs[k]!.live!.populations[1]!.all.latency.p95;
    expect(f.populations[1]!.p95).toBeCloseTo((p95(0) + p95(1)) / 2, 9);
  });

  it('lists each mismatching replication, numbered from 1, with its ids', () => {
    const bad = withLive(buildFixture({ policies: 2, replications: 2 }), { mismatch: true });
    expect(livePolicy(bad.policies[0]!)!.mismatches).toEqual([{
      replication: 1, harnessBookings: expect.any(Number), targetBookings: expect.any(Number),
      missingInTarget: ['bk-0192'], unknownToHarness: ['bk-0388', 'bk-0391'], doubleBooked: ['renewal-2019-01-21T09:15'],
    }]);
    expect(livePolicy(bad.policies[1]!)!.mismatches).toEqual([]);
  });

  it('computes a flood\'s share refused by the rate limit over every replication', () => {
    const f = livePolicy(live.policies[1]!)!.floods[0]!;
    const floods = live.policies[1]!.runs.map((r) => r.live!.floods[0]!);
    expect(f.share429).toBeCloseTo(floods.reduce((s, g) => s + (g.statuses['429'] ?? 0), 0) / floods.reduce((s, g) => s + g.requests, 0), 12);
    expect(livePolicy(live.policies[0]!)!.floods[0]!.share429).toBe(0);
  });
});

describe('someIds', () => {
  it('shows as many ids as fit, then how many are left out', () => {
    expect(someIds(['a', 'b'])).toBe('a, b');
    expect(someIds(['aaaa', 'bbbb', 'cccc', 'dddd'], 16)).toBe('aaaa … (+3)');
    expect(someIds(['aaaa', 'bbbb', 'cccc', 'dddd'], 18)).toBe('aaaa, bbbb … (+2)');
    expect(someIds(['a-very-long-id'], 4)).toBe('a-very-long-id');
  });
});
