/** The settings of shared addresses, lottery de-duplication, waiting-room admissions and mules: located errors, defaults. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario, ScenarioError } from './load.js';
import { effectivePolicies } from './schema.js';

function issuesOf(text: string): { line: number; path: string; message: string }[] {
  try {
    parseScenario(text, 'x.yaml');
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return e.issues.map(({ line, path, message }) => ({ line, path, message }));
  }
  throw new Error('accepted');
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('new scenario settings', () => {
  const mules = readFileSync('scenarios/mules.yaml', 'utf8');

  it('default to the values the model had before they were settings', () => {
    const s = loadScenario('scenarios/herault-2019.yaml');
    expect(s.population.sharedIps).toEqual({ usersPerIp: 150, cybercafeShare: 0.5 });
    expect(s.population.scalpers.every((c) => c.mules === undefined)).toBe(true);
    const lottery = loadScenario('scenarios/lottery.yaml');
    // absent rather than defaulted, so that the policy echoed in result.json is unchanged
    expect(lottery.policy.release).not.toHaveProperty('oneEntryPer');
    // a waiting room without the new keys: one booking per admission, Cloudflare's 5 minutes
    const matrix = effectivePolicies(loadScenario('scenarios/matrix.yaml')).find((p) => p.name === 'waiting-room');
    expect(matrix?.policy.release).toMatchObject({ kind: 'waiting-room', bookingsPerAdmission: 1, admissionWindow: '5m' });
  });

  it('locate bad values of shared addresses and mules', () => {
    const bad = mules
      .replace('sharedIps: { usersPerIp: 150, cybercafeShare: 0.5 }', 'sharedIps: { usersPerIp: 0, cybercafeShare: 1.5 }')
      .replace('mules: { count: 20, eurPerBooking: 30 }', 'mules: { count: 900, eurPerBooking: 30 }');
    const line = lineOf(bad, 'sharedIps:');
    expect(issuesOf(bad)).toEqual([
      { line, path: 'population.sharedIps.usersPerIp', message: expect.stringContaining('at least 1') },
      { line, path: 'population.sharedIps.cybercafeShare', message: expect.stringContaining('1') },
      { line: lineOf(bad, 'mules: {'), path: 'population.scalpers[0].mules.count', message: "900 mules is more than the crew's 200 identities (mules are some of them)" },
    ]);
  });

  it('locate bad lottery and waiting-room settings', () => {
    const lottery = readFileSync('scenarios/lottery.yaml', 'utf8').replace('oneEntryPer: []', 'oneEntryPer: [phone]');
    expect(issuesOf(lottery)).toEqual([
      { line: lineOf(lottery, 'oneEntryPer'), path: 'policies.duplicate-entries.release.oneEntryPer[0]', message: expect.stringContaining('"email"') },
    ]);
    const room = readFileSync('scenarios/waiting-room.yaml', 'utf8').replace('bookingsPerAdmission: 1,', 'bookingsPerAdmission: 0,');
    expect(issuesOf(room)).toEqual([
      { line: lineOf(room, 'bookingsPerAdmission: 0'), path: 'policy.release.bookingsPerAdmission', message: 'must be at least 1, got 0' },
    ]);
  });
});
