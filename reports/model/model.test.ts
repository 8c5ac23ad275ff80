import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../engine/result.js';
import { Texts } from '../i18n/texts.js';
import { buildFixture } from '../test-support/fixture.js';
import { headlines } from './headlines.js';
import { basePolicy, rankPolicies, singleReplication } from './ranking.js';
import { meanDaily, waitCdf } from './series.js';

describe('rankPolicies', () => {
  it('orders on the objective and flags the pair whose intervals overlap', () => {
    const r = rankPolicies(buildFixture());
    expect(r.entries.map((e) => e.name)).toEqual(['random-release', 'identity-bound', 'baseline']);
    expect(r.entries.map((e) => e.tiedWith)).toEqual([['identity-bound'], ['random-release'], []]);
    expect(r.anyOverlap).toBe(true);
    expect(r.noInterval).toBe(false);
  });

  it('puts the lowest first when lower is better', () => {
    const result = buildFixture();
    result.scenario.objective = { metric: 'bots.captureShare', higherIsBetter: false };
    const r = rankPolicies(result);
    expect(r.entries.map((e) => e.name)).toEqual(['random-release', 'identity-bound', 'baseline']);
    expect(r.entries.every((e) => e.tiedWith.length === 0)).toBe(true);
    expect(r.anyOverlap).toBe(false);
  });

  it('puts a policy without a value for the objective last, tied with nobody', () => {
    const result = buildFixture();
    result.policies[1]!.summary['legit.servedBeforeDeadline'] = { mean: 0, low: 0, high: 0, n: 0 };
    const r = rankPolicies(result);
    expect(r.entries.map((e) => [e.name, e.tiedWith])).toEqual([['identity-bound', []], ['baseline', []], ['random-release', []]]);
  });

  it('knows when there is no interval', () => {
    const result = buildFixture({ replications: 1 });
    expect(rankPolicies(result).noInterval).toBe(true);
    expect(singleReplication(result)).toBe(true);
    expect(singleReplication(buildFixture())).toBe(false);
  });

  it('compares with the policy named baseline, wherever it sits', () => {
    const result = buildFixture();
    result.policies.reverse();
    expect(basePolicy(result).name).toBe('baseline');
    result.policies[2]!.name = 'sunday';
    expect(basePolicy(result).name).toBe('identity-bound');
  });
});

describe('headlines', () => {
  it('gives one sentence per policy, baseline first, each number with its interval', () => {
    const result = buildFixture();
    const h = headlines(result, new Texts('en', result));
    expect(h.map((x) => x.policy)).toEqual(['baseline', 'random-release', 'identity-bound']);
    expect(h[0]!.text).toMatch(/^The baseline: 3\d% \[\d\d–\d\d\] of people got an appointment before their permit expired; scalpers took 6\d% \[\d\d–\d\d\] of slots\.$/);
    expect(h[1]!.text).toMatch(/^Random release: 7\d% \[\d\d–\d\d\] of people .+, against 3\d% \[\d\d–\d\d\] under the baseline; scalpers took 1\d% \[\d+–\d\d\] of slots, down from 6\d% \[\d\d–\d\d\]\.$/);
    expect(h.map((x) => x.lead)).toEqual(['The baseline', 'Random release', 'Identity-bound slot']);
  });

  it('names policies by the scenario\'s labels in the report\'s language, by their key in older files', () => {
    const result = buildFixture();
    expect(headlines(result, new Texts('fr', result)).map((x) => x.lead)).toEqual(['La situation de référence', 'Publication aléatoire', 'Créneau lié à l’identité']);
    const legacy = buildFixture({ legacy: true });
    expect(headlines(legacy, new Texts('fr', legacy)).map((x) => x.lead)).toEqual(['La situation de référence', 'Random release', 'Identity bound']);
    result.policies[0]!.label = { fr: 'publication du dimanche', en: 'Sunday release' };
    expect(headlines(result, new Texts('en', result))[1]!.text).toContain('under the baseline (Sunday release);');
  });

  it('says "up" or "not clearly different" when scalpers do not lose ground', () => {
    const result = buildFixture({ policies: 2 });
    const [base, other] = result.policies as [RunResult['policies'][0], RunResult['policies'][0]];
    other.summary['bots.captureShare'] = { mean: 0.8, low: 0.78, high: 0.82, n: 5 };
    expect(headlines(result, new Texts('en'))[1]!.text).toContain('up from');
    other.summary['bots.captureShare'] = { ...base.summary['bots.captureShare'], mean: base.summary['bots.captureShare'].mean + 0.001 };
    expect(headlines(result, new Texts('en'))[1]!.text).toContain('not clearly different from');
    expect(headlines(result, new Texts('fr'))[1]!.text).toContain('sans écart net avec');
    // both at 100 % once rounded, with zero-width intervals that do not quite touch
    base.summary['bots.captureShare'] = { mean: 0.99998, low: 0.99998, high: 0.99998, n: 5 };
    other.summary['bots.captureShare'] = { mean: 0.99996, low: 0.99996, high: 0.99996, n: 5 };
    expect(headlines(result, new Texts('en'))[1]!.text).toContain('not clearly different from');
  });

  it('prints no bracket with a single replication', () => {
    const h = headlines(buildFixture({ replications: 1 }), new Texts('fr'));
    for (const x of h) expect(x.text).not.toContain('[');
    expect(h[0]!.text).toMatch(/^La situation de référence\u00a0: \d+\u202f% des personnes/);
  });
});

describe('series', () => {
  it('averages daily bookings over replications', () => {
    const policy = buildFixture().policies[0]!;
    const mean = meanDaily(policy);
    expect(mean).toHaveLength(182);
    const day10 = policy.runs.map((r) => r.series.daily[10]!.bookedByBots);
    expect(mean[10]!.bookedByBots).toBeCloseTo(day10.reduce((a, b) => a + b, 0) / day10.length, 10);
  });

  it('pools wait histograms into a rising curve that ends at 1', () => {
    const cdf = waitCdf(buildFixture().policies[1]!);
    expect(cdf[cdf.length - 1]!.share).toBeCloseTo(1, 12);
    for (let i = 1; i < cdf.length; i++) expect(cdf[i]!.share).toBeGreaterThanOrEqual(cdf[i - 1]!.share);
  });

  it('returns no curve when nobody was served', () => {
    const policy = buildFixture({ policies: 1, replications: 2 }).policies[0]!;
    for (const run of policy.runs) run.waitDaysHistogram = [0, 0];
    expect(waitCdf(policy)).toEqual([]);
  });
});
