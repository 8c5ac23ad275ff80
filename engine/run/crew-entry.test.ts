/**
 * Endogenous entry of crews (business.entry, bots/crew-entry.ts), run end to end: agents go to
 * work while scalping pays, and stop when supply is so far above demand that few buy (Yang, Wang
 * & Cui 2021, docs/sources.md#queue-scalping). A crew's requests after the warm-up count the
 * looks of its agents at work: idle agents look at no slot.
 */
import { describe, expect, it } from 'vitest';
import { mergePolicy } from '../../scenarios/schema.js';
import { PolicyOverrideSchema } from '../../scenarios/schema/policies.js';
import { FAMILIES, HOARDERS, ONE_DESK_TARGET, scenario, WORKERS } from '../test-support/scenarios.js';
import { simulateReplication } from './replication.js';

const ENTRY = { startAgents: 1, reviewDays: 7 };

/** 75 arrivals a week; one renewal desk gives 56 slots a week, each added desk 56 more (as scalper-business.test.ts) */
function run(seed: number, extraDesks: number, entry: typeof ENTRY | undefined, agents = 6) {
  const s = scenario({
    seed,
    duration: '16w',
    warmup: '4w',
    target: ONE_DESK_TARGET,
    population: {
      legit: [WORKERS, FAMILIES],
      scalpers: [{ ...HOARDERS, agents, business: { costPerBookingEur: 5, expectedOrdersPerWeek: 30, demandWindowDays: 14, ...(entry ? { entry } : {}) } }],
    },
  });
  const policy = mergePolicy(s.policy, PolicyOverrideSchema.parse({ measures: { capacity: { extraDesks } } }));
  const r = simulateReplication(s, { name: `desks+${extraDesks}`, policy }, 0);
  return { requests: r.crews['cafe']?.requests ?? 0, revenue: r.metrics['bots.revenueEur'] ?? 0, booked: r.crews['cafe']?.booked ?? 0 };
}

describe('endogenous entry of crews', () => {
  for (const seed of [1, 2]) {
    it(`a crew whose scalping pays puts more agents to work, one review after another (seed ${seed})`, () => {
      const growing = run(seed, 0, ENTRY);
      const one = run(seed, 0, undefined, 1);
      const all = run(seed, 0, undefined, 6);
      expect(growing.revenue).toBeGreaterThan(0);
      // more looks than one agent alone, fewer than all six from the start
      expect(growing.requests).toBeGreaterThan(one.requests * 1.5);
      expect(growing.requests).toBeLessThan(all.requests);
    }, 120_000);
  }
});
