/**
 * Crews bound by their business pay for lottery entries and waiting-room sessions as they pay for
 * bookings (bots/entry-costs.ts): the costs show in their margin, and an entry dearer than what a
 * slot sells for stops them entering. Whole replications of the small Hérault-like scenario.
 */
import { describe, expect, it } from 'vitest';
import { simulateReplication } from './replication.js';
import { FAMILIES, HOARDERS, scenario, WORKERS } from '../test-support/scenarios.js';

const LOTTERY = { kind: 'lottery' as const, day: 'fri' as const, at: '12:00', registration: '7d', horizon: '4w' };
const ROOM = {
  kind: 'waiting-room' as const, day: 'sun' as const, at: '20:00', preQueue: '30m', admitPerMinute: 60,
  bookingsPerAdmission: 1, admissionWindow: '5m', horizon: '4w',
};

function run(release: typeof LOTTERY | typeof ROOM, costPerEntryEur: number) {
  const s = scenario({
    policy: { release },
    population: {
      legit: [WORKERS, FAMILIES],
      scalpers: [{ ...HOARDERS, business: { costPerBookingEur: 5, expectedOrdersPerWeek: 30, costPerEntryEur } }],
    },
  });
  const r = simulateReplication(s, { name: 'baseline', policy: s.policy }, 0);
  return { cost: r.crews['cafe']?.costEur ?? 0, booked: r.crews['cafe']?.booked ?? 0, share: r.metrics['bots.captureShare'] ?? 0 };
}

/** Paying 5 € an entry costs the crew more, by a whole number of entries (after the warm-up, as every cost). */
function expectWholeEntriesPaid(free: { cost: number }, paid: { cost: number }): void {
  const extra = paid.cost - free.cost;
  expect(extra).toBeGreaterThan(0);
  expect(extra).toBeCloseTo(Math.round(extra / 5) * 5, 6);
}

describe('entries and sessions cost a crew bound by its business', () => {
  it('lottery: each entry costs the crew, and entries dearer than a slot sells for stop it entering', () => {
    const free = run(LOTTERY, 0);
    const paid = run(LOTTERY, 5);
    const dear = run(LOTTERY, 500);
    expect(free.booked).toBeGreaterThan(0);
    expectWholeEntriesPaid(free, paid);
    expect(dear.booked).toBe(0);
    expect(dear.share).toBeLessThan(free.share);
  }, 60_000);

  it('waiting room: each queued session costs the crew, and sessions dearer than a slot sells for stop it queueing', () => {
    const free = run(ROOM, 0);
    const paid = run(ROOM, 5);
    const costly = run(ROOM, 50);
    const dear = run(ROOM, 500);
    expect(free.booked).toBeGreaterThan(0);
    expectWholeEntriesPaid(free, paid);
    // each slot needs a session: dearer sessions, fewer slots worth taking
    expect(costly.share).toBeLessThan(free.share);
    expect(dear.booked).toBe(0);
    expect(dear.share).toBeLessThan(costly.share);
  }, 60_000);
});
