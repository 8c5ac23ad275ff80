/**
 * A realistic RunResult built from a small deterministic formula, for report tests while the
 * engine does not exist. Numbers are shaped like the Hérault 2019 story: the Sunday release
 * leaves most slots to scalpers; random release and identity binding each help, by amounts
 * whose intervals overlap (so the ranking must say it cannot separate them).
 */
import { COLLATERAL_MEASURES, METRICS, RESULT_SCHEMA } from '../../engine/result.js';
import type {
  CollateralMeasure, CrewMetrics, DailyPoint, GroupMetrics, Interval, MetricName,
  PolicyResult, ReplicationResult, RunResult,
} from '../../engine/result.js';
import { INTERVAL_METHOD, interval } from '../../engine/stats.js';

export interface FixtureOptions {
  policies?: number;
  replications?: number;
  scenarioName?: string;
  scenarioDescription?: string;
  durationDays?: number;
}

interface Shape {
  name: string;
  description: string;
  served: number;
  capture: number;
  botTraffic: number;
  moneyEur: number;
  waitP50: number;
  collateral: Partial<Record<CollateralMeasure, number>>;
}

const SHAPES: Shape[] = [
  { name: 'baseline', description: 'Sunday 20:00 release, no measures', served: 0.38, capture: 0.64, botTraffic: 0.93, moneyEur: 41_000, waitP50: 52, collateral: {} },
  { name: 'random-release', description: 'Five random batches a week, Monday to Friday office hours', served: 0.71, capture: 0.12, botTraffic: 0.81, moneyEur: 6_500, waitP50: 24, collateral: { captcha: 0.06 } },
  { name: 'identity-bound', description: 'Exact name checked at the counter, one booking per e-mail', served: 0.69, capture: 0.31, botTraffic: 0.88, moneyEur: 15_000, waitP50: 29, collateral: { exactName: 0.04, identityLimit: 0.02, purge: 0.012 } },
];

const GROUPS = [
  { id: 'workers', factor: 1.05, traits: ['works weekdays', 'own connection'], share: 0.5 },
  { id: 'students', factor: 1.0, traits: ['first request', 'checks often'], share: 0.3 },
  { id: 'cybercafe-users', factor: 0.8, traits: ['shared IP', 'no computer at home'], share: 0.2 },
] as const;

/** Deterministic noise in [-0.5, 0.5) from a few integers (no RNG state). */
function noise(...keys: number[]): number {
  const x = Math.sin(keys.reduce((s, k, i) => s + (k + 1) * [12.9898, 78.233, 37.719, 4.581][i % 4]!, 0)) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

function replication(shape: Shape, p: number, r: number, days: number): ReplicationResult {
  const n = (k: number, scale: number): number => noise(p, r, k) * scale;
  const legitUsers = 6000 + Math.round(n(1, 200));
  const served = round(clamp01(shape.served + n(2, 0.06)));
  const capture = round(clamp01(shape.capture + n(3, 0.05)));
  const slotsReleased = 7200;
  const slotsBooked = 7000 + Math.round(n(4, 100));
  const requests = 4_000_000 + Math.round(n(5, 200_000));
  const botRequests = Math.round(requests * clamp01(shape.botTraffic + n(6, 0.02)));
  const money = Math.max(0, round(shape.moneyEur * (1 + n(7, 0.2)), 0));
  const wastedShare = round(clamp01(0.03 + capture * 0.1 + n(8, 0.01)));
  const collateral: Partial<Record<CollateralMeasure, number>> = {};
  for (const [m, v] of Object.entries(shape.collateral)) collateral[m as CollateralMeasure] = round(clamp01(v + n(9, v / 2)));
  const groups: Record<string, GroupMetrics> = {};
  let gapMin = 1;
  let gapMax = 0;
  for (const [g, def] of GROUPS.entries()) {
    const users = Math.round(legitUsers * def.share);
    const s = round(clamp01(served * def.factor + noise(p, r, 20 + g) * 0.04));
    gapMin = Math.min(gapMin, s);
    gapMax = Math.max(gapMax, s);
    const groupCollateral: Partial<Record<CollateralMeasure, number>> = {};
    for (const [m, v] of Object.entries(collateral)) groupCollateral[m as CollateralMeasure] = Math.round(users * v * (def.id === 'cybercafe-users' ? 2 : 1));
    groups[def.id] = {
      users, usersWithDeadline: Math.round(users * 0.9), served: Math.round(users * s * 1.1),
      servedBeforeDeadline: s, waitDaysP50: round(shape.waitP50 / def.factor + n(30 + g, 4), 1),
      paidShare: round(clamp01(capture * 0.3 / def.factor)), moneyPaidEur: Math.round(money * def.share),
      collateral: groupCollateral, traits: [...def.traits],
    };
  }
  const crews: Record<string, CrewMetrics> = {
    cybercafe: {
      strategy: 'hoarder', agents: 20, booked: Math.round(slotsBooked * capture), sold: Math.round(money / 120),
      revenueEur: money, costEur: round(money * 0.05, 0), refusedAtCounter: Math.round(120 * (shape.collateral.exactName ?? 0) * 100),
      requests: botRequests,
    },
  };
  const metrics = {
    'legit.servedBeforeDeadline': served,
    'legit.waitDays.p50': round(shape.waitP50 + n(10, 6), 1),
    'legit.waitDays.p90': round(shape.waitP50 * 1.8 + n(11, 8), 1),
    'legit.paidShare': round(clamp01(capture * 0.3 + n(12, 0.02))),
    'legit.moneyPaidEur': money,
    'legit.effortMinutes.p50': round(90 + capture * 200 + n(13, 20), 1),
    'legit.effortMinutes.p90': round(300 + capture * 500 + n(14, 40), 1),
    'bots.captureShare': capture,
    'bots.revenueEur': money,
    'bots.costEur': round(money * 0.05, 0),
    'slots.wastedShare': wastedShare,
    'traffic.botShare': round(botRequests / requests),
    'equity.gap': round(gapMax - gapMin),
  } satisfies Record<MetricName, number>;
  const daily: DailyPoint[] = [];
  const perDay = slotsBooked / days;
  for (let day = 0; day < days; day++) {
    // The baseline releases on Sundays: scalpers take their share in one step each week.
    const bots = p === 0 ? perDay * 7 * capture * (Math.floor(day / 7) + 1) : perDay * (day + 1) * capture;
    daily.push({
      day,
      bookedByLegit: Math.round(perDay * (day + 1) * (1 - capture)),
      bookedByBots: Math.round(Math.min(bots, perDay * days * capture)),
      waitingUsers: Math.max(0, Math.round(900 * (1 - served) + 120 * Math.sin(day / 9) + n(40 + (day % 5), 60))),
    });
  }
  const waitDaysHistogram = Array.from({ length: 120 }, (_, d) =>
    Math.max(0, Math.round(120 * Math.exp(-(((d - shape.waitP50) / (shape.waitP50 * 0.55)) ** 2)) + n(50 + (d % 7), 8))));
  const releases = Array.from({ length: Math.floor(days / 7) }, (_, w) => ({
    day: w * 7 + 0.83, released: 280, sellOutMinutes: round(4 + capture * 10 + n(60 + (w % 3), 2), 1), botShare: capture,
  }));
  return {
    replication: r, seed: 2019 + r, metrics, collateral, groups, crews,
    counts: {
      legitUsers, legitServed: Math.round(legitUsers * served * 1.1), slotsReleased, slotsBooked,
      slotsWasted: Math.round(slotsReleased * wastedShare), requests, botRequests, elidedPolls: Math.round(botRequests * 0.97),
      refusedAtCounter: { exactName: crews.cybercafe!.refusedAtCounter }, doubleSold: Math.round(money / 1200),
    },
    waitDaysHistogram, series: { daily, releases },
  };
}

function summarise(shape: Shape, runs: ReplicationResult[]): PolicyResult {
  const summary = {} as Record<MetricName, Interval>;
  for (const m of METRICS) summary[m] = interval(runs.map((run) => run.metrics[m]));
  const collateral: Partial<Record<CollateralMeasure, Interval>> = {};
  for (const m of COLLATERAL_MEASURES) {
    if (runs.some((run) => run.collateral[m] !== undefined)) collateral[m] = interval(runs.map((run) => run.collateral[m] ?? 0));
  }
  const groups: PolicyResult['groups'] = {};
  for (const g of GROUPS) {
    const of = (k: 'servedBeforeDeadline' | 'waitDaysP50' | 'paidShare'): Interval => interval(runs.map((run) => run.groups[g.id]![k]));
    groups[g.id] = { servedBeforeDeadline: of('servedBeforeDeadline'), waitDaysP50: of('waitDaysP50'), paidShare: of('paidShare') };
  }
  return { name: shape.name, description: shape.description, policy: { shape: shape.name }, runs, summary, collateral, groups };
}

export function buildFixture(options: FixtureOptions = {}): RunResult {
  const count = options.policies ?? 3;
  const replications = options.replications ?? 5;
  const days = options.durationDays ?? 182;
  if (count < 1 || count > SHAPES.length) throw new RangeError(`fixture: 1..${SHAPES.length} policies`);
  const policies = SHAPES.slice(0, count).map((shape, p) =>
    summarise(shape, Array.from({ length: replications }, (_, r) => replication(shape, p, r, days))));
  return {
    schema: RESULT_SCHEMA,
    scenario: {
      name: options.scenarioName ?? 'Hérault 2019 — Sunday release against two measures',
      description: options.scenarioDescription ?? 'Renewal appointments at one préfecture for 26 weeks, 20 scalper agents in a cybercafé.',
      file: 'scenarios/herault-2019.yaml',
      start: '2019-01-06',
      durationDays: days,
      objective: { metric: 'legit.servedBeforeDeadline', higherIsBetter: true },
      sources: [
        'Hérault supply and demand: 15,000 slots a year for 12,000 permits (préfecture de l’Hérault, 21 March 2019)',
        'Resale price: more than 100 € a slot (Seine-Saint-Denis, 2019)',
        'Captcha farms: 1–3 $ per 1,000, ~14 s median latency (Motoyama et al., USENIX Security 2010)',
      ],
      assumptions: [
        'People check the site three times a day on median and give up after 30 days, then may buy.',
        'Scalpers poll every second and solve captchas through a farm at 90 % accuracy.',
      ],
    },
    seed: 2019,
    replications,
    intervalMethod: INTERVAL_METHOD,
    policies,
  };
}
