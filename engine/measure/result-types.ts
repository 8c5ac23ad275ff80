/**
 * The result of `guichet run`, written as result.json and read by reports/.
 * Versioned: a reader refuses a schema it does not know. Every number is deterministic for a
 * (scenario, seed): no wall-clock fields here.
 */

export const RESULT_SCHEMA = 'guichet.result/v1' as const;

/** Flat metric names, as in DESIGN.md; their catalogue (unit, domain, direction) is scenarios/metrics.ts. */
import type { MetricName } from '../../scenarios/metrics.js';
import type { LiveReplication } from './live-types.js';
export * from './live-types.js';
export { METRIC_NAMES as METRICS, METRIC_CATALOGUE, RELEASE_CAPTURE_MINUTES, UNIT_DOMAIN, clampToDomain, isMetricName } from '../../scenarios/metrics.js';
export type { MetricDomain, MetricName, MetricSpec, MetricUnit } from '../../scenarios/metrics.js';

/** Measures whose collateral damage on legitimate users is counted. */
export const COLLATERAL_MEASURES = [
  'captcha', 'rateLimit', 'identityLimit', 'purge', 'exactName', 'registryCheck', 'emailConfirmation', 'waitingRoom', 'lottery',
] as const;
export type CollateralMeasure = (typeof COLLATERAL_MEASURES)[number];

/** Text for readers in each report language (scenario, policy, group and crew names, descriptions). */
export interface Localized {
  fr: string;
  en: string;
}

/** A group of people as the scenario describes it: its name and the traits reports spell out. */
export interface GroupInfo {
  id: string;
  label: Localized;
  counter: string;
  checksPerDay: number;
  activeHours: string;
  captchaSolveSeconds: number;
  captchaFailRate: number;
  sharedIp: number;
  sharedEmail: number;
  /** share typing a variant of their name (1 − nameTyping.exact) */
  nameVariant: number;
  buyAfterDays?: number;
  willingToPayEur?: number;
  agdref: boolean;
}

export interface CrewInfo {
  id: string;
  label: Localized;
  strategy: CrewMetrics['strategy'];
}

/** mean with a 95 % confidence interval over replications; low = high = mean when n = 1 */
export interface Interval {
  mean: number;
  low: number;
  high: number;
  n: number;
}

export interface GroupMetrics {
  users: number;
  /** users whose deadline falls inside the run (denominator of servedBeforeDeadline) */
  usersWithDeadline: number;
  served: number;
  servedBeforeDeadline: number;   // ratio 0..1
  waitDaysP50: number;
  paidShare: number;
  moneyPaidEur: number;
  /** users hit at least once, per measure */
  collateral: Partial<Record<CollateralMeasure, number>>;
  /** persona traits of the group in English (reports prefer `scenario.groups`, which they can translate) */
  traits: string[];
}

export interface CrewMetrics {
  strategy: 'sniper' | 'hoarder' | 'broker' | 'double-seller';
  agents: number;
  booked: number;
  sold: number;
  revenueEur: number;
  costEur: number;
  /** buyers of this crew's slots refused at the counter */
  refusedAtCounter: number;
  requests: number;
}

export interface DailyPoint {
  /** days since the scenario's start */
  day: number;
  /** cumulative bookings first made by legitimate users / scalpers */
  bookedByLegit: number;
  bookedByBots: number;
  /** legitimate users still looking for a slot at the end of the day */
  waitingUsers: number;
}

export interface ReleasePoint {
  /** days since start (fractional) */
  day: number;
  released: number;
  /** minutes from release until no slot of the batch was left (null when some remained) */
  sellOutMinutes: number | null;
  /** share of the batch first booked by scalpers */
  botShare: number;
  /**
   * share of the batch first booked by scalpers within N minutes of the release, keyed by N (the
   * catalogue's RELEASE_CAPTURE_MINUTES); absent in older files
   */
  botShareWithin?: Record<string, number>;
  /** minutes from the release until 50 % / 90 % of its slots were first booked (by anyone); null when never; absent in older files */
  minutesTo50?: number | null;
  minutesTo90?: number | null;
}

/** A lottery's entries over the measured period (after the warm-up). */
export interface LotteryCounts {
  /** registrations sent for an open draw, by people and crews */
  entries: number;
  /** entries kept after de-duplication (the others were refused as the same person's second entry) */
  deduplicated: number;
  /** kept entries the draw gave a slot */
  drawn: number;
}

export interface ReplicationResult {
  replication: number;
  seed: number;
  metrics: Record<MetricName, number>;
  /** collateral per measure: legit users hit at least once ÷ legit users */
  collateral: Partial<Record<CollateralMeasure, number>>;
  groups: Record<string, GroupMetrics>;
  crews: Record<string, CrewMetrics>;
  counts: {
    legitUsers: number;
    legitServed: number;
    slotsReleased: number;
    slotsBooked: number;
    slotsWasted: number;
    requests: number;
    botRequests: number;
    elidedPolls: number;
    refusedAtCounter: Record<string, number>;
    doubleSold: number;
    /** under a lottery only; absent in older files */
    lottery?: LotteryCounts;
  };
  /** waitDays histogram of served legit users: index = whole days, value = count */
  waitDaysHistogram: number[];
  series: { daily: DailyPoint[]; releases: ReleasePoint[] };
  /** live runs only (`--mode live`): latency, errors, traffic and the reconciled ledgers */
  live?: LiveReplication;
}

export interface PolicyResult {
  /** 'baseline' for the scenario's `policy`, else the key in `policies` */
  name: string;
  /** the description in English, or as written when the scenario gave one text */
  description?: string;
  /** the scenario's words for the policy; absent in older files and for a policy the scenario did not label */
  label?: Localized;
  localized?: { description?: Localized };
  /** the effective policy, as the target ran it */
  policy: unknown;
  runs: ReplicationResult[];
  summary: Record<MetricName, Interval>;
  collateral: Partial<Record<CollateralMeasure, Interval>>;
  groups: Record<string, { servedBeforeDeadline: Interval; waitDaysP50: Interval; paidShare: Interval }>;
}

export interface RunResult {
  schema: typeof RESULT_SCHEMA;
  scenario: {
    name: string;
    /** the scenario's title in each language (its `label`, else its name); absent in older files */
    label?: Localized;
    /** English text (or as written) of `description`, `sources` and `assumptions`; `localized` holds both languages */
    description?: string;
    /** path as given on the command line */
    file: string;
    start: string;
    durationDays: number;
    /** the warm-up: metrics count people arriving and slots released after it; absent in older files */
    warmupDays?: number;
    /** the metric policies are ranked on, with its direction */
    objective: { metric: MetricName; higherIsBetter: boolean };
    /** figures behind the numbers (free text lines from the scenario's `sources`) */
    sources: string[];
    assumptions: string[];
    localized?: { description?: Localized; sources: Localized[]; assumptions: Localized[] };
    /** the groups of people and scalper crews, in file order; absent in older files */
    groups?: GroupInfo[];
    crews?: CrewInfo[];
  };
  seed: number;
  replications: number;
  /** how intervals were computed, for the methods section */
  intervalMethod: string;
  policies: PolicyResult[];
  /** the scenario's gates and how each policy fared; absent when it has none, and in older files */
  gates?: GatesResult;
}

/** result.json without its policies: the same for every shard of a run (engine/run/run-shard.ts). */
export type RunHeader = Omit<RunResult, 'policies'>;
/**
 * Gate outcomes as result.json carries them (`gates`, present when the scenario has gates;
 * versioned on their own). Each check keeps its metric and threshold as written, so
 * `guichet gate result.json` can judge the file again without the scenario.
 */
export const GATES_SCHEMA = 'guichet.gates/v1' as const;

export interface GateCheck {
  metric: string;
  /** the threshold as written, e.g. "mean>=0.8" */
  expression: string;
  /** the statistic the threshold reads; null when the run did not measure it (a live metric of a simulated run, a crew that did not run) */
  observed: number | null;
  /** the metric's 95 % interval over the replications (catalogue metrics), or of the live figure per replication */
  interval?: Interval;
  pass: boolean;
}

export interface PolicyGateChecks {
  policy: string;
  checks: GateCheck[];
}

export interface GatesResult {
  schema: typeof GATES_SCHEMA;
  /** every check of every policy holds */
  pass: boolean;
  policies: PolicyGateChecks[];
}

/** The grammar, for the readers of result.json (reports/ imports result types only). */
export { GATE_GRAMMAR, holds, parseGate } from '../../scenarios/gates/grammar.js';
export type { GateOperator, GateSpec, GateTarget } from '../../scenarios/gates/grammar.js';
