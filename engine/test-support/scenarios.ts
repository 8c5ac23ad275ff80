/** Small scenarios built in code for the engine's tests (validated by the real schema). */
import { ScenarioSchema, type Scenario, type ScenarioInput } from '../../scenarios/schema.js';
import type { EffectivePolicy } from '../../scenarios/schema.js';

type Legit = NonNullable<ScenarioInput['population']>['legit'][number];
type Crew = NonNullable<NonNullable<ScenarioInput['population']>['scalpers']>[number];

export const WORKERS: Legit = {
  group: 'workers', counter: 'renewal', arrivals: { perWeek: 60 }, deadlineDays: { min: 20, max: 60 },
  checksPerDay: { median: 3 }, sharedIp: 0.2, sharedEmail: 0.1, nameTyping: { exact: 0.9 }, buyAfterDays: 10, willingToPayEur: { median: 150 },
};

export const FAMILIES: Legit = {
  group: 'families', counter: 'renewal', arrivals: { perWeek: 15 }, deadlineDays: { min: 20, max: 60 },
  checksPerDay: { median: 12 }, activeHours: '00:00-24:00', buyAfterDays: 7, willingToPayEur: { median: 150 },
};

export const HOARDERS: Crew = {
  crew: 'cafe', strategy: 'hoarder', agents: 4, pollEverySeconds: 1, ips: 2, priceEur: 100,
  captchaSolver: { latencySeconds: 20, usdPer1000: 3, accuracy: 0.9 },
};

/** Renewal counter: mon/tue/thu/fri 08:30-12:00, 2 desks = 112 slots a week; Sunday 20:00 release, 4 weeks ahead. */
/** One renewal desk: 56 slots a week, against the 75 arrivals a week of WORKERS and FAMILIES (a shortage crews can live off). */
export const ONE_DESK_TARGET: ScenarioInput['target'] = {
  counters: { renewal: { days: ['mon', 'tue', 'thu', 'fri'], hours: '08:30-12:00', slotMinutes: 15, desks: 1 } },
};

export function scenario(overrides: Partial<ScenarioInput> = {}): Scenario {
  return ScenarioSchema.parse({
    name: 'small Hérault-like',
    seed: 7,
    start: '2019-01-07',
    duration: '8w',
    warmup: '2w',
    target: {
      counters: { renewal: { days: ['mon', 'tue', 'thu', 'fri'], hours: '08:30-12:00', slotMinutes: 15, desks: 2 } },
    },
    policy: { release: { kind: 'weekly', day: 'sun', at: '20:00', horizon: '4w' } },
    market: { resaleLeadDays: 0 },
    population: { legit: [WORKERS, FAMILIES], scalpers: [HOARDERS] },
    ...overrides,
  } satisfies ScenarioInput);
}

export const baseline = (s: Scenario): EffectivePolicy => ({ name: 'baseline', policy: s.policy });
