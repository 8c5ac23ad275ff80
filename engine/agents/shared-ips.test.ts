/** population.sharedIps: how people behind shared addresses are spread, and what a per-IP rate limit then does to them. */
import { describe, expect, it } from 'vitest';
import { mergePolicy } from '../../scenarios/schema.js';
import { parisDate } from '../../target/domain/calendar.js';
import { HOARDERS, scenario, WORKERS } from '../test-support/scenarios.js';
import { planPopulation } from './population-plan.js';

const start = parisDate('2019-01-07');
const end = start + 8 * 7 * 86_400_000;

function plan(sharedIps: { usersPerIp: number; cybercafeShare: number }) {
  const s = scenario({ population: { legit: [{ ...WORKERS, sharedIp: 0.6 }], scalpers: [HOARDERS], sharedIps } });
  const policy = mergePolicy(s.policy, { measures: { rateLimit: { perIp: { capacity: 10, refillPerMinute: 0.05 } } } });
  return planPopulation(s, policy, s.seed, start, end);
}

const onCafe = (ip: string) => ip.startsWith('198.51.');
const onNat = (ip: string) => ip.startsWith('100.64.');

describe('population.sharedIps', () => {
  it('defaults to 150 people a carrier-NAT address and half of shared-address users in a crew\'s cybercafé', () => {
    expect(scenario().population.sharedIps).toEqual({ usersPerIp: 150, cybercafeShare: 0.5 });
  });

  it('cybercafeShare moves people between the crews\' cybercafés and carrier NATs', () => {
    const none = plan({ usersPerIp: 150, cybercafeShare: 0 }).legit;
    const all = plan({ usersPerIp: 150, cybercafeShare: 1 }).legit;
    expect(none.filter((p) => onCafe(p.ip))).toHaveLength(0);
    expect(all.filter((p) => onNat(p.ip))).toHaveLength(0);
    // the same people are behind a shared address either way
    expect(none.filter((p) => onNat(p.ip)).length).toBe(all.filter((p) => onCafe(p.ip)).length);
  });

  it('usersPerIp packs people onto fewer addresses, so a per-IP limit lets fewer of their polls through', () => {
    const sparse = plan({ usersPerIp: 5, cybercafeShare: 0 });
    const dense = plan({ usersPerIp: 500, cybercafeShare: 0 });
    const natIps = (p: typeof sparse) => new Set(p.legit.filter((x) => onNat(x.ip)).map((x) => x.ip)).size;
    expect(natIps(dense)).toBeLessThan(natIps(sparse));
    const pass = (p: typeof sparse) => Math.min(...p.legit.filter((x) => onNat(x.ip)).map((x) => p.ipPass.get(x.ip) ?? 1));
    expect(pass(dense)).toBeLessThan(pass(sparse));
  });
});
