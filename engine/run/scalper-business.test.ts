/**
 * Crews bound by their business (bots/business.ts), run end to end: as supply grows beside
 * demand, people book by themselves, fewer buy, and scalping stops paying (Yang, Wang & Cui 2021,
 * docs/sources.md#queue-scalping). Checked over several seeds, on a small Hérault-like scenario.
 */
import { describe, expect, it } from 'vitest';
import { mergePolicy } from '../../scenarios/schema.js';
import { PolicyOverrideSchema } from '../../scenarios/schema/policies.js';
import { FAMILIES, HOARDERS, ONE_DESK_TARGET, scenario, WORKERS } from '../test-support/scenarios.js';
import { simulateReplication } from './replication.js';

/** 75 arrivals a week; one renewal desk gives 56 slots a week, each added desk 56 more */
function business(seed: number) {
  return scenario({
    seed,
    duration: '16w',
    warmup: '4w',
    target: ONE_DESK_TARGET,
    population: {
      legit: [WORKERS, FAMILIES],
      scalpers: [{ ...HOARDERS, business: { costPerBookingEur: 5, expectedOrdersPerWeek: 30, demandWindowDays: 14 } }],
    },
  });
}

function revenueAt(seed: number, extraDesks: number): { revenue: number; booked: number; served: number } {
  const s = business(seed);
  const policy = mergePolicy(s.policy, PolicyOverrideSchema.parse({ measures: { capacity: { extraDesks } } }));
  const r = simulateReplication(s, { name: `desks+${extraDesks}`, policy }, 0);
  return { revenue: r.metrics['bots.revenueEur'] ?? 0, booked: r.crews.cafe?.booked ?? 0, served: r.metrics['legit.servedBeforeDeadline'] ?? 0 };
}

describe('scalpers bound by their business', () => {
  // supply ÷ demand: 0.75, 1.5, 3, 6
  const desks = [0, 1, 3, 7];
  for (const seed of [1, 2, 3]) {
    it(`earn less as supply grows beside demand, and about nothing when it is far above (seed ${seed})`, () => {
      const runs = desks.map((d) => revenueAt(seed, d));
      const [scarce, , , plenty] = runs;
      // below demand, people fail, buy, and the crew is paid
      expect(scarce!.revenue).toBeGreaterThan(1000);
      for (let i = 1; i < runs.length; i++) expect(runs[i]!.revenue).toBeLessThanOrEqual(runs[i - 1]!.revenue);
      expect(plenty!.revenue).toBeLessThanOrEqual(scarce!.revenue * 0.02);
      // and people are served before their deadline more often
      expect(plenty!.served).toBeGreaterThan(scarce!.served);
    }, 60_000);
  }
});
