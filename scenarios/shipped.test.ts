import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { durationMs, hoursRange } from '../target/domain/time-units.js';
import { loadScenario } from './load.js';
import { effectivePolicies } from './schema.js';
import type { Scenario } from './schema.js';

const SHIPPED = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort().map((f) => `scenarios/${f}`);
const WEEK_MS = durationMs('1w');
const SMOKE = 'scenarios/live-smoke.yaml';
/** the Hérault population but for its cybercafé crew, which holds mules */
const MULES = 'scenarios/mules.yaml';
/** the Hérault people against one small crew, for which the captcha is the bottleneck */
const FLAWS = 'scenarios/flaws.yaml';

/** slots a week the calendar offers, before any extra capacity */
function slotsPerWeek(s: Scenario): number {
  return Object.values(s.target.counters).reduce((sum, c) => {
    const [from, to] = hoursRange(c.hours);
    return sum + c.days.length * Math.floor((to - from) / c.slotMinutes) * c.desks;
  }, 0);
}

describe('shipped scenarios', () => {
  it('are the thirteen the documentation names', () => {
    expect(SHIPPED).toEqual([
      'scenarios/batch-release.yaml', 'scenarios/flaws.yaml', 'scenarios/herault-2019-live.yaml', 'scenarios/herault-2019-measures.yaml', 'scenarios/herault-2019.yaml',
      'scenarios/horizon.yaml', 'scenarios/live-smoke.yaml', 'scenarios/lottery.yaml', 'scenarios/matrix.yaml', 'scenarios/mules.yaml',
      'scenarios/national-module-2019.yaml', 'scenarios/shared-ips.yaml', 'scenarios/supply-sweep.yaml', 'scenarios/waiting-room.yaml',
    ]);
  });

  for (const file of SHIPPED) {
    it(`${file} validates and points editors at the schema`, () => {
      expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./scenario.schema.json');
      const s = loadScenario(file);
      expect(s.sources.length).toBeGreaterThan(0);
      expect(s.assumptions.length).toBeGreaterThan(0);
    });
  }

  it('share one Hérault population, so their results compare (but the smoke test, scaled down to a minute)', () => {
    const [reference, ...others] = SHIPPED.filter((f) => f !== SMOKE && f !== MULES && f !== FLAWS).map(loadScenario);
    const mules = loadScenario(MULES);
    expect({ ...mules.population, scalpers: mules.population.scalpers.map(({ mules: _, ...crew }) => crew) }).toEqual(reference!.population);
    expect(mules.population.scalpers.filter((c) => c.mules).map((c) => c.crew)).toEqual(['cybercafe']);
    const flaws = loadScenario(FLAWS);
    expect({ ...flaws.population, scalpers: [] }).toEqual({ ...reference!.population, scalpers: [] });
    expect([flaws.target, flaws.market]).toEqual([reference!.target, reference!.market]);
    for (const s of others) {
      expect(s.population).toEqual(reference!.population);
      expect(s.target).toEqual(reference!.target);
      expect(s.market).toEqual(reference!.market);
    }
  });

  it('herault-2019 offers ~15,000 slots a year for ~12,000 arrivals a year (docs/sources.md#herault-supply)', () => {
    const s = loadScenario('scenarios/herault-2019.yaml');
    const arrivalsPerYear = s.population.legit.reduce((sum, g) => sum + g.arrivals.perWeek, 0) * 52;
    expect(arrivalsPerYear).toBeGreaterThan(11_800);
    expect(arrivalsPerYear).toBeLessThan(12_200);
    expect(slotsPerWeek(s) * 52).toBeGreaterThan(14_500);
    expect(slotsPerWeek(s) * 52).toBeLessThan(15_500);
    expect(durationMs(s.duration)).toBe(52 * WEEK_MS);
    expect(s.policy).toEqual({ release: { kind: 'weekly', day: 'sun', at: '20:00', horizon: '8w' }, measures: {}, flaws: [] });
    expect(s.population.legit.find((g) => g.group === 'families')?.activeHours).toBe('00:00-24:00');
    expect(new Set(s.population.scalpers.map((c) => c.strategy))).toEqual(new Set(['hoarder', 'sniper', 'broker', 'double-seller']));
  });

  it('herault-2019-live is four weeks of herault-2019, live, with and without a rate limit, under a flood', () => {
    const live = loadScenario('scenarios/herault-2019-live.yaml');
    const year = loadScenario('scenarios/herault-2019.yaml');
    expect(durationMs(live.duration)).toBe(4 * WEEK_MS);
    expect(live.policy).toEqual(year.policy);
    expect(effectivePolicies(live).map((p) => p.name)).toEqual(['baseline', 'rate-limit']);
    expect(live.live).toBeDefined();
    expect(live.load.length).toBeGreaterThan(0);
  });

  it('flaws switches each flaw on, alone, over the same captcha', () => {
    const s = loadScenario(FLAWS);
    const policies = effectivePolicies(s);
    expect(policies.map((p) => [p.name, p.policy.flaws])).toEqual([
      ['baseline', []], ['captcha-replay', ['captcha-replay']], ['captcha-client-side-only', ['captcha-client-side-only']], ['non-atomic-booking', ['non-atomic-booking']],
    ]);
    for (const p of policies) expect(p.policy.measures).toEqual(s.policy.measures);
    expect(s.policy.measures.captcha?.kind).toBe('challenge');
  });

  it('matrix compares the baseline with every measure, quickly enough for npm start', () => {
    const s = loadScenario('scenarios/matrix.yaml');
    const policies = effectivePolicies(s);
    expect(policies.map((p) => p.name)).toEqual([
      'baseline', 'random-release', 'frequent-random', 'batch-release', 'herault-measures', 'national-module', 'lottery', 'waiting-room',
    ]);
    expect(s.replications).toBe(20);
    expect(durationMs(s.duration)).toBeLessThanOrEqual(26 * WEEK_MS);
    // each policy of the matrix is the policy of its own scenario file
    const own = (file: string): unknown => loadScenario(`scenarios/${file}`).policy;
    const byName = Object.fromEntries(policies.map((p) => [p.name, p.policy]));
    expect(byName['baseline']).toEqual(own('herault-2019.yaml'));
    expect(byName['herault-measures']).toEqual(own('herault-2019-measures.yaml'));
    expect(byName['national-module']).toEqual(own('national-module-2019.yaml'));
    expect(byName['lottery']).toEqual(own('lottery.yaml'));
    expect(byName['waiting-room']).toEqual(own('waiting-room.yaml'));
  });
});
