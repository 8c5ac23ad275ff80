/**
 * shared-ips.yaml, run for a few months: a limit per IP address hits the people who share the
 * crews' cybercafé address, and fewer of them when fewer sit there (population.sharedIps); a
 * limit per session hits nobody for their address.
 */
import { describe, expect, it } from 'vitest';
import { simulateReplication } from '../engine/run/replication.js';
import { loadScenario } from './load.js';
import { effectivePolicies, type Scenario } from './schema.js';

const shipped = loadScenario('scenarios/shared-ips.yaml');

/** the shipped scenario, 16 weeks long, with people behind a shared address split as given */
function withSplit(cybercafeShare: number): Scenario {
  return { ...shipped, duration: '16w', population: { ...shipped.population, sharedIps: { ...shipped.population.sharedIps, cybercafeShare } } };
}

function rateLimited(s: Scenario, policy: string): number {
  const p = effectivePolicies(s).find((x) => x.name === policy);
  if (!p) throw new Error(`no policy ${policy} in shared-ips.yaml`);
  return simulateReplication(s, p, 0).collateral.rateLimit ?? 0;
}

describe('shared-ips.yaml', () => {
  it('ships half of the people behind a shared address in a crew\'s cybercafé, 150 to a carrier address', () => {
    expect(shipped.population.sharedIps).toEqual({ usersPerIp: 150, cybercafeShare: 0.5 });
  });

  it('a limit per IP hits people who share the crews\' address, the more the more of them sit in its cybercafés', () => {
    const half = rateLimited(withSplit(0.5), 'ip-rate-limit');
    const none = rateLimited(withSplit(0), 'ip-rate-limit');
    expect(half).toBeGreaterThan(0.02);
    expect(none).toBeLessThan(half / 4);
  }, 120_000);

  it('a limit per session does not hit people for the address they share', () => {
    expect(rateLimited(withSplit(0.5), 'session-rate-limit')).toBeLessThan(0.005);
  }, 120_000);
});
