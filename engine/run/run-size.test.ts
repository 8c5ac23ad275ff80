import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario } from '../../scenarios/load.js';
import { sizedScenarioYaml } from '../test-support/sized-scenario.js';
import { BYTES, DEFAULT_MAX_AGENTS, estimateRunSize, runSizeProblem } from './run-size.js';

const MINIMAL = loadScenario('scenarios/fixtures/good/minimal.yaml');

/** minimal.yaml's counter and population, with other policies */
const withPolicies = (policies: string) => parseScenario(sizedScenarioYaml({ duration: '4w', perWeek: '20', policies }), 'sized.yaml');

describe('estimateRunSize', () => {
  it('counts the people arriving, the scalper agents and the slots of the run and its horizon', () => {
    const size = estimateRunSize(MINIMAL);
    expect(size.people).toBe(80); // 20 a week for 4 weeks
    expect(size.bots).toBe(3);
    // 14 slots a morning × 2 desks × 2 days, for 4 weeks of run + 4 of horizon + the week generated ahead
    expect(size.slots).toBe(14 * 2 * 2 * 9);
    expect(size.registrations).toBe(0);
    expect(size.bytes).toBe(80 * BYTES.person + 3 * BYTES.bot + 504 * BYTES.slot);
    expect(size.agents).toBe(Math.ceil(size.bytes / BYTES.person));
  });

  it('takes the largest policy: extra desks and days add slots, a lottery adds registrations', () => {
    const s = withPolicies(`
  more-desks: { measures: { capacity: { extraDesks: 2, extraDays: [wed] } } }
  draw: { release: { kind: lottery, day: fri, at: "12:00", horizon: 4w } }`);
    expect(estimateRunSize(s, ['more-desks'])).toMatchObject({ policy: 'more-desks', slots: 14 * 4 * 3 * 9, registrations: 0 });
    // 50 identities registered by the crew for each of the 4 draws of the run and the one after
    expect(estimateRunSize(s, ['draw'])).toMatchObject({ policy: 'draw', slots: 504, registrations: 50 * 5 });
    const largest = estimateRunSize(s);
    expect(largest.policy).toBe('more-desks');
    expect(largest.bytes).toBeGreaterThan(estimateRunSize(s, ['baseline']).bytes);
  });

  it('leaves unknown policy names to the run and sizes every policy then', () => {
    const s = withPolicies('  more-desks: { measures: { capacity: { extraDesks: 2 } } }');
    expect(estimateRunSize(s, ['nope'])).toEqual(estimateRunSize(s));
  });

  it('lets every shipped scenario run with the default limit', () => {
    for (const file of readdirSync('scenarios').filter((f) => f.endsWith('.yaml'))) {
      const size = estimateRunSize(loadScenario(`scenarios/${file}`));
      expect(runSizeProblem(size, DEFAULT_MAX_AGENTS), file).toBeUndefined();
    }
  });
});

describe('runSizeProblem', () => {
  it('refuses a run above the limit, saying the estimate, the limit and the flag', () => {
    const size = estimateRunSize(MINIMAL);
    expect(runSizeProblem(size, size.agents)).toBeUndefined();
    const message = runSizeProblem(size, size.agents - 1);
    expect(message).toContain('about 80 people, 3 scalper agents, 504 slots');
    expect(message).toContain(`as much memory as ${size.agents.toLocaleString('en-US')} agents`);
    expect(message).toContain(`the limit is ${(size.agents - 1).toLocaleString('en-US')} agents`);
    expect(message).toContain('--max-agents <n>');
  });

  it('refuses, with the default limit, a scenario within every bound but too large in total', () => {
    const s = parseScenario(sizedScenarioYaml({ duration: '520w', perWeek: '10000', groups: 10, crew: false }), 'large.yaml');
    const size = estimateRunSize(s);
    expect(size.people).toBe(52_000_000);
    expect(runSizeProblem(size, DEFAULT_MAX_AGENTS)).toMatch(/about 52,000,000 people, 0 scalper agents, .* \(about 2\d\d GB\); the limit is 250,000 agents \(about 1\.0 GB\)/);
  });
});
