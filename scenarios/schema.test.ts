import { describe, expect, it } from 'vitest';
import { effectivePolicies, ScenarioSchema } from './schema.js';
import type { ScenarioInput } from './schema.js';

function minimal(over: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: 'minimal',
    start: '2019-01-07',
    duration: '4w',
    target: { counters: { renewal: { days: ['mon'], hours: '08:30-12:00', slotMinutes: 15, desks: 2 } } },
    policy: { release: { kind: 'weekly', day: 'sun', at: '20:00', horizon: '4w' } },
    population: {
      legit: [{ group: 'workers', counter: 'renewal', arrivals: { perWeek: 20 }, deadlineDays: { min: 20, max: 90 }, checksPerDay: { median: 3 } }],
    },
    ...over,
  };
}

describe('ScenarioSchema defaults', () => {
  it('fills every optional field the contract gives a default', () => {
    const s = ScenarioSchema.parse(minimal());
    expect(s).toMatchObject({
      seed: 1, warmup: '0d', replications: 10, sources: [], assumptions: [], policies: {}, gates: {},
      objective: { metric: 'legit.servedBeforeDeadline', higherIsBetter: true },
      target: { registry: true },
      market: { eurPerUsd: 0.92, resaleLeadDays: 2 },
      policy: { measures: {}, flaws: [] },
    });
    expect(s.population.scalpers).toEqual([]);
    expect(s.population.legit[0]).toEqual({
      group: 'workers', counter: 'renewal', arrivals: { perWeek: 20 }, deadlineDays: { min: 20, max: 90 }, checksPerDay: { median: 3 },
      activeHours: '08:00-22:00', captcha: { solveSeconds: { median: 10 }, failRate: 0.1 }, bookSeconds: { median: 120 },
      sharedIp: 0, sharedEmail: 0, nameTyping: { exact: 1 }, agdref: true, showUpRate: 0.95, laterVisits: 0,
    });
  });

  it('derives crew defaults from other fields', () => {
    const crews = ScenarioSchema.parse(minimal({
      population: {
        legit: minimal().population.legit,
        scalpers: [
          { crew: 'a', strategy: 'double-seller', agents: 4, pollEverySeconds: 2, priceEur: 100 },
          { crew: 'b', strategy: 'hoarder', agents: 4, pollEverySeconds: 2, priceEur: 100, ips: 1, identities: 7, jitterSeconds: 0, sellsPerSlot: 3 },
        ],
      },
    })).population.scalpers;
    expect(crews[0]).toMatchObject({ jitterSeconds: 0.2, ips: 4, identities: 40, sellsPerSlot: 2, bookSeconds: 1 });
    expect(crews[1]).toMatchObject({ jitterSeconds: 0, ips: 1, identities: 7, sellsPerSlot: 3 });
  });

  it('an objective without direction takes the one that is good for legitimate users', () => {
    expect(ScenarioSchema.parse(minimal({ objective: { metric: 'bots.captureShare' } })).objective)
      .toEqual({ metric: 'bots.captureShare', higherIsBetter: false });
    expect(ScenarioSchema.parse(minimal({ objective: { metric: 'bots.captureShare', higherIsBetter: true } })).objective.higherIsBetter).toBe(true);
  });

  it('accepts a Date for start (YAML 1.1 loaders) and keeps the text form', () => {
    expect(ScenarioSchema.parse({ ...minimal(), start: new Date(Date.UTC(2019, 0, 7)) }).start).toBe('2019-01-07');
  });

  it('rejects impossible dates, a zero duration and a null horizon', () => {
    const r = ScenarioSchema.safeParse(minimal({
      start: '2019-13-01', duration: '0w',
      policy: { release: { kind: 'weekly', day: 'sun', at: '20:00', horizon: '0d' } },
    }));
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['start', 'impossible date "2019-13-01": there is no month 13'],
      ['duration', 'must be longer than 0 (e.g. "26w")'],
      ['policy.release.horizon', 'the release horizon must be longer than 0 (e.g. "8w")'],
    ]);
  });

  it('knows leap years', () => {
    expect(ScenarioSchema.safeParse(minimal({ start: '2020-02-29' })).success).toBe(true);
    expect(ScenarioSchema.safeParse(minimal({ start: '2019-02-29' })).success).toBe(false);
  });

  it('requires a price when a group is willing to buy', () => {
    const legit = [{ ...minimal().population.legit[0]!, buyAfterDays: 30 }];
    const r = ScenarioSchema.safeParse(minimal({ population: { legit } }));
    expect(r.error?.issues[0]).toMatchObject({ path: ['population', 'legit', 0, 'buyAfterDays'], params: { hint: 'add willingToPayEur: { median: 120 }' } });
  });
});

describe('effectivePolicies', () => {
  const s = ScenarioSchema.parse(minimal({
    policy: {
      release: { kind: 'weekly', day: 'sun', at: '20:00', horizon: '4w' },
      measures: { captcha: { kind: 'challenge' }, exactName: {} },
      flaws: ['captcha-replay'],
    },
    policies: {
      'random-release': { description: 'random', release: { kind: 'random', batchesPerWeek: 5, window: 'mon-fri 08:00-18:00', horizon: '4w' } },
      'no-captcha': { measures: { captcha: null, identityLimit: { perEmail: 1 } }, flaws: [] },
    },
  }));
  const all = effectivePolicies(s);

  it('puts baseline first, then the overrides in file order', () => {
    expect(all.map((p) => p.name)).toEqual(['baseline', 'random-release', 'no-captcha']);
    expect(all[1]?.description).toEqual({ fr: 'random', en: 'random' });
    expect(all[0]).not.toHaveProperty('description');
    // a baseline compared with alternatives keeps no label: reports say "baseline" / "référence"
    expect(all[0]).not.toHaveProperty('label');
  });

  it('replaces release, keeps the baseline measures and flaws when not overridden', () => {
    expect(all[1]?.policy).toEqual({
      release: { kind: 'random', batchesPerWeek: 5, window: 'mon-fri 08:00-18:00', horizon: '4w' },
      measures: { captcha: { kind: 'challenge', difficulty: 17, ttl: '2m' }, exactName: { atCheckIn: true } },
      flaws: ['captcha-replay'],
    });
  });

  it('merges measures key by key, null switching one off, and replaces flaws', () => {
    expect(all[2]?.policy).toEqual({
      release: { kind: 'weekly', day: 'sun', at: '20:00', horizon: '4w' },
      measures: { exactName: { atCheckIn: true }, identityLimit: { perEmail: 1, purgeDuplicates: false } },
      flaws: [],
    });
  });
});

describe('labels and descriptions', () => {
  const words = { label: { fr: 'mesures de l’Hérault', en: 'Hérault measures' }, description: { fr: 'Purge des doublons', en: 'Duplicate purge' } };

  it('take one text for both languages, or a French and an English one', () => {
    const s = ScenarioSchema.parse(minimal({
      label: 'Hérault 2019', description: { fr: 'Qui obtient les rendez-vous ?', en: 'Who gets the slots?' },
      assumptions: ['same in both', { fr: 'hypothèse', en: 'assumption' }],
      baseline: { label: { fr: 'publication du dimanche', en: 'Sunday release' } },
      policies: { 'herault-measures': { ...words, measures: { identityLimit: { purgeDuplicates: true } } } },
    }));
    expect(s.label).toEqual({ fr: 'Hérault 2019', en: 'Hérault 2019' });
    expect(s.description).toEqual({ fr: 'Qui obtient les rendez-vous ?', en: 'Who gets the slots?' });
    expect(s.assumptions).toEqual([{ fr: 'same in both', en: 'same in both' }, { fr: 'hypothèse', en: 'assumption' }]);
    const [base, other] = effectivePolicies(s);
    expect(base).toMatchObject({ name: 'baseline', label: { fr: 'publication du dimanche', en: 'Sunday release' } });
    expect(other).toMatchObject({ name: 'herault-measures', ...words });
    // words change nothing in how the policy runs
    expect(other!.policy).not.toHaveProperty('label');
  });

  it('name the only policy of a scenario after the scenario, not "baseline"', () => {
    const labelled = ScenarioSchema.parse(minimal({ label: { fr: 'Tirage au sort', en: 'Lottery' } }));
    expect(effectivePolicies(labelled)[0]).toMatchObject({ name: 'baseline', label: { fr: 'Tirage au sort', en: 'Lottery' } });
    expect(effectivePolicies(ScenarioSchema.parse(minimal()))[0]!.label).toEqual({ fr: 'minimal', en: 'minimal' });
  });

  it('refuses empty text, a missing language and an unknown one', () => {
    const issues = (over: Partial<ScenarioInput>): string[] => {
      const r = ScenarioSchema.safeParse(minimal(over));
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`);
    };
    expect(issues({ label: '' })).toEqual(['label: too_small']);
    expect(issues({ label: { fr: 'x' } as never })).toEqual(['label: invalid_union']);
    expect(issues({ baseline: { label: { fr: 'x', en: 'y', de: 'z' } as never } })).toEqual(['baseline.label: unrecognized_keys']);
  });
});
