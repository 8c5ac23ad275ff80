import { describe, expect, it } from 'vitest';
import { mergePolicy, type ScenarioInput } from '../../scenarios/schema.js';
import { PolicyOverrideSchema } from '../../scenarios/schema/policies.js';
import type { z } from 'zod';
import type { ReplicationResult } from '../measure/result-types.js';
import { simulateReplication } from '../run/replication.js';
import { FAMILIES, scenario, WORKERS } from '../test-support/scenarios.js';

/** Everything but the count of elided polls, which is what differs by construction. */
function comparable(r: ReplicationResult): string {
  return JSON.stringify({ ...r, counts: { ...r.counts, elidedPolls: 0 } });
}

/** Slow pollers and a short run, so that the materialised run stays small. */
function fiveWeeks(scalpers: NonNullable<ScenarioInput['population']>['scalpers']) {
  return scenario({ duration: '5w', warmup: '1w', population: { legit: [WORKERS, FAMILIES], scalpers } });
}

describe('poll elision', () => {
  const s = fiveWeeks([
    { crew: 'cafe', strategy: 'hoarder', agents: 3, pollEverySeconds: 30, jitterSeconds: 10, priceEur: 100, identities: 300 },
    { crew: 'fast', strategy: 'sniper', agents: 2, pollEverySeconds: 20, priceEur: 130 },
    { crew: 'double', strategy: 'double-seller', agents: 1, pollEverySeconds: 45, priceEur: 80, maxHeld: 30 },
    { crew: 'agency', strategy: 'broker', agents: 1, pollEverySeconds: 25, priceEur: 90 },
  ]);

  const policies: Record<string, z.input<typeof PolicyOverrideSchema>> = {
    baseline: {},
    'captcha-mail-purge': {
      measures: { captcha: { kind: 'challenge' }, emailConfirmation: { within: '30m' }, identityLimit: { perEmail: 2, purgeDuplicates: true } },
    },
    'rate-limit-exact-name': {
      measures: { rateLimit: { perIp: { capacity: 5, refillPerMinute: 1 } }, exactName: { atCheckIn: true } },
    },
    'random-release': { release: { kind: 'random', batchesPerWeek: 5, window: 'mon-fri 08:00-18:00', horizon: '4w' } },
  };

  it('gives the same result with crews bound by their business (a lead per stock level: many channels per counter)', () => {
    const business = { costPerBookingEur: 5, expectedOrdersPerWeek: 60 };
    const bound = fiveWeeks([
      { crew: 'cafe', strategy: 'hoarder', agents: 3, pollEverySeconds: 30, jitterSeconds: 10, priceEur: 100, identities: 300, business },
      { crew: 'fast', strategy: 'sniper', agents: 2, pollEverySeconds: 20, priceEur: 130, business },
    ]);
    const policy = { name: 'baseline', policy: bound.policy };
    const elided = simulateReplication(bound, policy, 1);
    const materialised = simulateReplication(bound, policy, 1, { materialisePolls: true });
    expect(elided.counts.elidedPolls).toBeGreaterThan(10_000);
    expect(elided.counts.slotsBooked).toBeGreaterThan(0);
    expect(comparable(elided)).toBe(comparable(materialised));
  });

  for (const [name, override] of Object.entries(policies)) {
    it(`gives the same result as simulating every poll (${name})`, () => {
      const policy = { name, policy: mergePolicy(s.policy, PolicyOverrideSchema.parse(override)) };
      const elided = simulateReplication(s, policy, 1);
      const materialised = simulateReplication(s, policy, 1, { materialisePolls: true });
      expect(elided.counts.elidedPolls).toBeGreaterThan(10_000);
      expect(materialised.counts.elidedPolls).toBe(0);
      expect(elided.counts.requests).toBe(materialised.counts.requests);
      expect(comparable(elided)).toBe(comparable(materialised));
    });
  }
});
