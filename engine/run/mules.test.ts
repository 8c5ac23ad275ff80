/** Mules (crews holding real, registry-known identities) against the registry check, in a whole replication. */
import { describe, expect, it } from 'vitest';
import { simulateReplication } from './replication.js';
import { baseline, HOARDERS, scenario } from '../test-support/scenarios.js';

const weekly = { kind: 'weekly' as const, day: 'sun' as const, at: '20:00', horizon: '4w' };
const batch = { kind: 'batch' as const, day: 'sun' as const, at: '20:00', interval: '10m', horizon: '4w' };
type Release = typeof weekly | typeof batch;

function crewWith(mules?: { count: number; eurPerBooking: number }, release: Release = weekly) {
  const registryChecked = { release, measures: { registryCheck: { counters: ['renewal'] } } };
  const s = scenario({ policy: registryChecked, population: { legit: scenario().population.legit, scalpers: [{ ...HOARDERS, ...(mules ? { mules } : {}) }] } });
  return simulateReplication(s, baseline(s), 0);
}

describe('mules', () => {
  it('the registry check stops a crew of made-up identities, not one with mules', () => {
    const without = crewWith();
    const withMules = crewWith({ count: 10, eurPerBooking: 30 });
    expect(without.crews['cafe']?.booked).toBe(0);
    expect(withMules.crews['cafe']?.booked ?? 0).toBeGreaterThan(20);
    expect(withMules.metrics['bots.captureShare']).toBeGreaterThan(without.metrics['bots.captureShare'] as number);
  });

  it('each booking in a mule\'s name costs the crew the mule\'s fee', () => {
    const cheap = crewWith({ count: 10, eurPerBooking: 0 });
    const paid = crewWith({ count: 10, eurPerBooking: 30 });
    const extra = (paid.crews['cafe']?.costEur ?? 0) - (cheap.crews['cafe']?.costEur ?? 0);
    // fees counted after the warm-up only, as every cost; bookings of the warm-up are not
    expect(extra).toBeGreaterThan(0);
    expect(extra).toBeLessThanOrEqual(30 * (paid.crews['cafe']?.booked ?? 0) + 1e-6);
    expect(extra).toBeCloseTo(Math.round(extra / 30) * 30, 6);
  });

  it('under a batch release the fee is paid too, when the decision books the slot', () => {
    const cheap = crewWith({ count: 10, eurPerBooking: 0 }, batch);
    const paid = crewWith({ count: 10, eurPerBooking: 30 }, batch);
    const booked = paid.crews['cafe']?.booked ?? 0;
    const extra = (paid.crews['cafe']?.costEur ?? 0) - (cheap.crews['cafe']?.costEur ?? 0);
    expect(booked).toBeGreaterThan(0);
    expect(extra).toBeGreaterThan(0);
    expect(extra).toBeLessThanOrEqual(30 * booked + 1e-6);
    expect(extra).toBeCloseTo(Math.round(extra / 30) * 30, 6);
  });
});
