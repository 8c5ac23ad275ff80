import { describe, expect, it } from 'vitest';
import { runScenario, UnknownPolicyError } from './run-scenario.js';
import { HOARDERS, scenario, WORKERS } from '../test-support/scenarios.js';
import { METRICS } from '../measure/result-types.js';

const small = () => scenario({
  duration: '9w',
  warmup: '2w',
  replications: 3,
  policies: { lottery: { release: { kind: 'lottery', day: 'sun', at: '20:00', horizon: '4w' } } },
});

describe('runScenario', () => {
  it('summarises every metric of every policy over the replications, with an interval around the mean', async () => {
    let progress = 0;
    const r = await runScenario(small(), { file: 'small.yaml', workers: 1, onProgress: (done, total) => { progress = done; expect(total).toBe(6); } });
    expect(progress).toBe(6);
    expect(r.policies.map((p) => p.name)).toEqual(['baseline', 'lottery']);
    for (const p of r.policies) {
      expect(p.runs.map((x) => x.replication)).toEqual([0, 1, 2]);
      expect(new Set(p.runs.map((x) => x.seed)).size).toBe(3);
      for (const m of METRICS) {
        const i = p.summary[m];
        const values = p.runs.map((x) => x.metrics[m]).filter(Number.isFinite);
        // a metric with an empty denominator in every replication (NaN) has no interval
        if (values.length === 0) { expect(i.n, m).toBe(0); continue; }
        expect(i.n, m).toBe(values.length);
        expect(i.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
        expect(i.low).toBeLessThanOrEqual(i.mean);
        expect(i.high).toBeGreaterThanOrEqual(i.mean);
      }
    }
  }, 120_000);

  it('honours --seed, --replications and --policy, and names unknown policies', async () => {
    const r = await runScenario(small(), { file: 'small.yaml', workers: 1, seed: 99, replications: 1, policies: ['lottery'] });
    expect(r.seed).toBe(99);
    expect(r.replications).toBe(1);
    expect(r.policies.map((p) => p.name)).toEqual(['lottery']);
    expect(r.policies[0]!.summary['bots.captureShare'].n).toBe(1);
    await expect(runScenario(small(), { file: 'x', workers: 1, policies: ['lotery'] })).rejects.toThrow(UnknownPolicyError);
    await expect(runScenario(small(), { file: 'x', workers: 1, policies: ['lotery'] })).rejects.toThrow(/"lotery".*baseline, lottery/);
  }, 120_000);

  it('passes the scenario\'s words to the result in both languages, English in the older fields', async () => {
    const words = scenario({
      duration: '3w', warmup: '1w', replications: 1,
      label: { fr: 'Petit Hérault', en: 'Small Hérault' },
      description: { fr: 'Qui obtient les créneaux ?', en: 'Who gets the slots?' },
      assumptions: [{ fr: 'hypothèse', en: 'assumption' }],
      policies: { lottery: { label: { fr: 'tirage au sort', en: 'lottery' }, description: 'draw', release: { kind: 'lottery', day: 'sun', at: '20:00', horizon: '4w' } } },
      population: { legit: [{ ...WORKERS, label: { fr: 'Salariés', en: 'Workers' } }], scalpers: [HOARDERS] },
    });
    const r = await runScenario(words, { file: 'words.yaml', workers: 1 });
    expect(r.scenario).toMatchObject({
      label: { fr: 'Petit Hérault', en: 'Small Hérault' },
      description: 'Who gets the slots?',
      assumptions: ['assumption'],
      localized: { description: { fr: 'Qui obtient les créneaux ?', en: 'Who gets the slots?' }, assumptions: [{ fr: 'hypothèse', en: 'assumption' }], sources: [] },
      crews: [{ id: 'cafe', label: { fr: 'cafe', en: 'cafe' }, strategy: 'hoarder' }],
    });
    expect(r.scenario.groups).toEqual([{
      id: 'workers', label: { fr: 'Salariés', en: 'Workers' }, counter: 'renewal', checksPerDay: 3, activeHours: '08:00-22:00',
      captchaSolveSeconds: 10, captchaFailRate: 0.1, sharedIp: 0.2, sharedEmail: 0.1, nameVariant: 0.1, buyAfterDays: 10, willingToPayEur: 150, agdref: true,
    }]);
    expect(r.policies[0]).not.toHaveProperty('label'); // compared with an alternative: reports say "baseline"
    expect(r.policies[1]).toMatchObject({ label: { fr: 'tirage au sort', en: 'lottery' }, description: 'draw', localized: { description: { fr: 'draw', en: 'draw' } } });
  }, 120_000);
});
