/**
 * The one catalogue of the metrics a run measures: their names, units, the values they can take
 * and the direction that is good for the people who need slots. Everything else reads it: the
 * engine (which metrics to compute and summarise), the scenario schema (objectives), the reports
 * and the CLI (units, and clamping an interval to possible values). It lives in scenarios/
 * because that is the one folder both the engine and the reports may import.
 */

/** How a metric is read. Shares and points are stored as 0..1. */
export type MetricUnit = 'share' | 'points' | 'eur' | 'days' | 'minutes' | 'count';

/** The values a metric can take; `max` is absent when unbounded. */
export interface MetricDomain {
  readonly min: number;
  readonly max?: number;
}

/** Shares and gaps between shares lie in [0, 1]; money, durations and counts are never negative. */
export const UNIT_DOMAIN: Readonly<Record<MetricUnit, MetricDomain>> = {
  share: { min: 0, max: 1 },
  points: { min: 0, max: 1 },
  eur: { min: 0 },
  days: { min: 0 },
  minutes: { min: 0 },
  count: { min: 0 },
};

export interface MetricSpec {
  readonly unit: MetricUnit;
  readonly domain: MetricDomain;
  /** the direction in which the metric is good for the people who need slots */
  readonly higherIsBetter: boolean;
  /** what is counted, in one line (the reports carry the reader-facing wording per language) */
  readonly definition: string;
}

type Entry = Omit<MetricSpec, 'domain'>;

/** In the order the reports list them. */
const ENTRIES = {
  'legit.servedBeforeDeadline': { unit: 'share', higherIsBetter: true, definition: 'legit users served at the counter on or before their deadline ÷ legit users whose deadline falls inside the run' },
  'legit.waitDays.p50': { unit: 'days', higherIsBetter: false, definition: 'median of the days from a served legit user\'s need date to the appointment date' },
  'legit.waitDays.p90': { unit: 'days', higherIsBetter: false, definition: '90th percentile of the days from a served legit user\'s need date to the appointment date' },
  'legit.paidShare': { unit: 'share', higherIsBetter: false, definition: 'appointments served to legit users on a slot bought from scalpers ÷ appointments served to them, first and later visits alike (as bots.revenueEur counts every sale)' },
  'legit.moneyPaidEur': { unit: 'eur', higherIsBetter: false, definition: 'total paid by legit users to scalpers, including for slots that failed them' },
  'legit.effortMinutes.p50': { unit: 'minutes', higherIsBetter: false, definition: 'median of the active minutes a legit user spent trying (polls, forms, captchas)' },
  'legit.effortMinutes.p90': { unit: 'minutes', higherIsBetter: false, definition: '90th percentile of the active minutes a legit user spent trying' },
  'bots.captureShare': { unit: 'share', higherIsBetter: false, definition: 'booked slots first booked by a scalper ÷ all booked slots' },
  'bots.revenueEur': { unit: 'eur', higherIsBetter: false, definition: 'scalpers\' income from reselling slots' },
  // a measure that makes scalping more expensive is doing its job
  'bots.costEur': { unit: 'eur', higherIsBetter: true, definition: 'scalpers\' costs: captcha-solving services and others' },
  'slots.wastedShare': { unit: 'share', higherIsBetter: false, definition: 'released slots whose time passed with nobody served ÷ released slots' },
  'traffic.botShare': { unit: 'share', higherIsBetter: false, definition: 'requests from scalpers ÷ all requests, elided polls counted' },
  'equity.gap': { unit: 'points', higherIsBetter: false, definition: 'max − min of servedBeforeDeadline across the groups of legit users' },
} as const satisfies Record<string, Entry>;

export type MetricName = keyof typeof ENTRIES;

/** Every metric name, in catalogue order (a non-empty tuple, as z.enum wants). */
export const METRIC_NAMES = Object.keys(ENTRIES) as [MetricName, ...MetricName[]];

export const METRIC_CATALOGUE: Readonly<Record<MetricName, MetricSpec>> = Object.fromEntries(
  METRIC_NAMES.map((name) => [name, { ...ENTRIES[name], domain: UNIT_DOMAIN[ENTRIES[name].unit] }]),
) as Record<MetricName, MetricSpec>;

export function isMetricName(x: unknown): x is MetricName {
  return typeof x === 'string' && Object.hasOwn(ENTRIES, x);
}

/**
 * Windows of the per-release series (result.json `series.releases[].botShareWithin`): the share of
 * each release's slots first booked by scalpers within N minutes of it, for each N here. One
 * minute is a bot's reach, ten a person's who was waiting at the screen, an hour everyone's who
 * came that evening.
 */
export const RELEASE_CAPTURE_MINUTES = [1, 10, 60] as const;

/** The nearest value inside the domain: a confidence bound past 0 % or 100 % is shown at the edge. */
export function clampToDomain(domain: MetricDomain, x: number): number {
  const low = Math.max(domain.min, x);
  return domain.max === undefined ? low : Math.min(domain.max, low);
}
