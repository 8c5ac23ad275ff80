import { describe, expect, it } from 'vitest';
import { mergePolicy } from '../../scenarios/schema.js';
import { PolicyOverrideSchema } from '../../scenarios/schema/policies.js';
import { simulateReplication } from './replication.js';
import { baseline, scenario } from '../test-support/scenarios.js';

describe('simulateReplication', () => {
  const s = scenario();

  it('is deterministic: same inputs, byte-identical JSON', () => {
    const a = JSON.stringify(simulateReplication(s, baseline(s), 3));
    const b = JSON.stringify(simulateReplication(s, baseline(s), 3));
    expect(a).toBe(b);
    expect(JSON.stringify(simulateReplication(s, baseline(s), 4))).not.toBe(a);
  });

  it('with no measures and a Sunday release, bots take most slots within minutes of each release', () => {
    const r = simulateReplication(s, baseline(s), 0);
    expect(r.metrics['bots.captureShare']).toBeGreaterThan(0.8);
    // weekly batches after the first (which opens the whole horizon at once)
    const weekly = r.series.releases.slice(1);
    expect(weekly.length).toBeGreaterThanOrEqual(6);
    for (const b of weekly) {
      expect(b.released).toBe(112);
      expect(b.botShare).toBeGreaterThan(0.9);
      expect(b.sellOutMinutes).not.toBeNull();
      expect(b.sellOutMinutes as number).toBeLessThan(5);
    }
    // the scalpers' market: people pay about the asking price, some slots are sold twice
    expect(r.metrics['legit.paidShare']).toBeGreaterThan(0.3);
    expect(r.metrics['bots.revenueEur']).toBeGreaterThan(0);
    // polls at one a second for weeks: counted, not simulated
    expect(r.counts.elidedPolls).toBeGreaterThan(1_000_000);
    expect(r.metrics['traffic.botShare']).toBeGreaterThan(0.99);
  });

  it('reports every metric, group and crew of the result contract', () => {
    const r = simulateReplication(s, baseline(s), 0);
    expect(Object.keys(r.groups)).toEqual(['workers', 'families']);
    expect(Object.keys(r.crews)).toEqual(['cafe']);
    expect(r.groups.workers?.users).toBeGreaterThan(200);
    expect(r.series.daily).toHaveLength(56);
    expect(r.waitDaysHistogram.reduce((a, b) => a + b, 0)).toBe(r.counts.legitServed);
    expect(r.counts.slotsBooked).toBeLessThanOrEqual(r.counts.slotsReleased);
  });

  it('moves metrics the expected way under measures', () => {
    const run = (measures: object, release?: object) => {
      const policy = mergePolicy(s.policy, PolicyOverrideSchema.parse({ measures, ...(release ? { release } : {}) }));
      return simulateReplication(s, { name: 'p', policy }, 0);
    };
    const base = simulateReplication(s, baseline(s), 0);
    // a captcha costs the crew money (farm) and hurts some people
    const captcha = run({ captcha: { kind: 'challenge' } });
    expect(captcha.metrics['bots.costEur']).toBeGreaterThan(0);
    expect(captcha.collateral.captcha).toBeGreaterThan(0);
    // fake identities do not pass a registry check: hoarders stop capturing slots
    const registry = run({ registryCheck: { counters: ['renewal'] } });
    expect(registry.metrics['bots.captureShare']).toBeLessThan(0.1);
    expect(registry.metrics['legit.paidShare']).toBeLessThan(base.metrics['legit.paidShare']);
  });
});
