/**
 * scenarios/flaws.yaml on a quick version (ten weeks, two of them measured): each captcha flaw
 * raises the crew's capture share above the sound captcha's, non-atomic booking too (the crew
 * sends a burst of bookings on one answer before its spend is written).
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenarios/load.js';
import { effectivePolicies } from '../../scenarios/schema.js';
import { simulateReplication } from './replication.js';

const flaws = loadScenario('scenarios/flaws.yaml');
const quick = { ...flaws, duration: '10w' };
const capture = (name: string): number => {
  const policy = effectivePolicies(quick).find((p) => p.name === name);
  if (!policy) throw new Error(`flaws.yaml has no policy ${name}`);
  return simulateReplication(quick, policy, 0).metrics['bots.captureShare'] as number;
};

describe('flaws.yaml, quick', () => {
  it('each captcha flaw lets the crew capture more slots than the sound captcha does', () => {
    const sound = capture('baseline');
    expect(sound).toBeGreaterThan(0.3);
    expect(sound).toBeLessThan(0.85);
    expect(capture('captcha-replay')).toBeGreaterThan(sound + 0.1);
    expect(capture('captcha-client-side-only')).toBeGreaterThan(sound + 0.1);
    expect(capture('non-atomic-booking')).toBeGreaterThan(sound + 0.05);
  }, 60_000);
});
