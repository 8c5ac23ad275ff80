/**
 * The metrics of the catalogue (scenarios/metrics.ts), computed from a replication's records. Legit metrics cover users
 * arriving after the warm-up; slot metrics cover slots released after it (and, for waste,
 * starting before the end); traffic and money count from the end of the warm-up. Percentiles
 * are exact (sorted arrays, linear interpolation). A ratio with an empty denominator is NaN
 * (null in JSON): reports treat it as "not defined in this replication".
 */
import { groupTraits } from '../../bots/personas.js';
import type { Scenario } from '../../scenarios/schema.js';
import type { Policy } from '../../target/domain/policy.js';
import type { Recorder } from './recorder.js';
import { releasePoint } from './release-series.js';
import {
  COLLATERAL_MEASURES, type CollateralMeasure, type CrewMetrics, type GroupMetrics, type MetricName, type ReplicationResult,
} from './result-types.js';

const DAY = 86_400_000;

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const x = (sorted.length - 1) * p;
  const lo = Math.floor(x);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (x - lo);
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
const sorted = (xs: number[]) => xs.sort((a, b) => a - b);

/** Measures the policy has on: their collateral is reported even when nobody was hit. */
export function activeMeasures(policy: Policy): CollateralMeasure[] {
  const m = policy.measures;
  const on: Record<CollateralMeasure, boolean> = {
    captcha: m.captcha !== undefined,
    rateLimit: m.rateLimit !== undefined,
    identityLimit: m.identityLimit !== undefined && (m.identityLimit.perEmail ?? m.identityLimit.perAgdref ?? m.identityLimit.perPhone) !== undefined,
    purge: m.identityLimit?.purgeDuplicates ?? false,
    exactName: m.exactName !== undefined,
    registryCheck: m.registryCheck !== undefined,
    emailConfirmation: m.emailConfirmation !== undefined,
    waitingRoom: policy.release.kind === 'waiting-room',
    lottery: policy.release.kind === 'lottery',
  };
  return COLLATERAL_MEASURES.filter((k) => on[k]);
}

interface Tally {
  users: number;
  withDeadline: number;
  served: number;
  beforeDeadline: number;
  /** appointments served, first and later visits (scenarios/metrics.ts, legit.paidShare) */
  visits: number;
  bought: number;
  money: number;
  waits: number[];
  efforts: number[];
  hits: number[];
}

function tally(r: Recorder, end: number, members: (i: number) => boolean): Tally {
  const t: Tally = { users: 0, withDeadline: 0, served: 0, beforeDeadline: 0, visits: 0, bought: 0, money: 0, waits: [], efforts: [], hits: COLLATERAL_MEASURES.map(() => 0) };
  const n = r.arrival.length;
  for (let i = 0; i < n; i++) {
    if (!r.counted(i) || !members(i)) continue;
    t.users++;
    t.money += r.money[i] as number;
    t.visits += r.visitsServed[i] as number;
    t.bought += r.visitsBought[i] as number;
    t.efforts.push((r.effortMs[i] as number) / 60_000);
    const bits = r.collateral[i] as number;
    for (let m = 0; m < COLLATERAL_MEASURES.length; m++) if (bits & (1 << m)) t.hits[m] = (t.hits[m] as number) + 1;
    const deadline = r.deadline[i] as number;
    const slot = r.servedSlot[i] as number;
    const served = !Number.isNaN(slot);
    if (deadline <= end) {
      t.withDeadline++;
      if (served && slot <= deadline) t.beforeDeadline++;
    }
    if (served) {
      t.served++;
      t.waits.push(Math.max(0, (slot - (r.needAt[i] as number)) / DAY));
    }
  }
  sorted(t.waits);
  sorted(t.efforts);
  return t;
}

function collateralOf(t: Tally, measures: readonly CollateralMeasure[]): Partial<Record<CollateralMeasure, number>> {
  const out: Partial<Record<CollateralMeasure, number>> = {};
  COLLATERAL_MEASURES.forEach((m, k) => {
    if (measures.includes(m) || (t.hits[k] as number) > 0) out[m] = ratio(t.hits[k] as number, t.users);
  });
  return out;
}

export interface MetricsInput {
  scenario: Scenario;
  policy: Policy;
  replication: number;
  seed: number;
  start: number;
  end: number;
  recorder: Recorder;
}

export function computeResult(x: MetricsInput): ReplicationResult {
  const { scenario, recorder: r, start, end } = x;
  const measures = activeMeasures(x.policy);
  const all = tally(r, end, () => true);

  const groups: Record<string, GroupMetrics> = {};
  const groupRates: number[] = [];
  scenario.population.legit.forEach((g, gi) => {
    const t = tally(r, end, (i) => r.group[i] === gi);
    const rate = ratio(t.beforeDeadline, t.withDeadline);
    if (t.withDeadline > 0) groupRates.push(rate);
    groups[g.group] = {
      users: t.users, usersWithDeadline: t.withDeadline, served: t.served, servedBeforeDeadline: rate,
      waitDaysP50: percentile(t.waits, 0.5), paidShare: ratio(t.bought, t.visits), moneyPaidEur: t.money,
      collateral: collateralOf(t, measures), traits: groupTraits(g),
    };
  });

  const crews: Record<string, CrewMetrics> = {};
  scenario.population.scalpers.forEach((c, ci) => {
    crews[c.crew] = {
      strategy: c.strategy, agents: c.agents, booked: r.crewBooked[ci] as number, sold: r.crewSold[ci] as number,
      revenueEur: r.crewRevenue[ci] as number, costEur: r.crewCost[ci] as number,
      refusedAtCounter: r.crewRefused[ci] as number, requests: r.crewRequests[ci] as number,
    };
  });

  let released = 0;
  let booked = 0;
  let byBots = 0;
  let closed = 0;
  let wasted = 0;
  for (const s of r.slots.values()) {
    if (s.releasedAt < r.warmupEnd) continue;
    released++;
    if (s.firstBy >= 0) booked++;
    if (s.firstBy === 1) byBots++;
    if (s.start < end) {
      closed++;
      if (!s.served) wasted++;
    }
  }

  const histogram: number[] = [];
  for (const w of all.waits) {
    const d = Math.floor(w);
    while (histogram.length <= d) histogram.push(0);
    histogram[d] = (histogram[d] as number) + 1;
  }

  const sum = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0);
  const metrics: Record<MetricName, number> = {
    'legit.servedBeforeDeadline': ratio(all.beforeDeadline, all.withDeadline),
    'legit.waitDays.p50': percentile(all.waits, 0.5),
    'legit.waitDays.p90': percentile(all.waits, 0.9),
    'legit.paidShare': ratio(all.bought, all.visits),
    'legit.moneyPaidEur': all.money,
    'legit.effortMinutes.p50': percentile(all.efforts, 0.5),
    'legit.effortMinutes.p90': percentile(all.efforts, 0.9),
    'bots.captureShare': ratio(byBots, booked),
    'bots.revenueEur': sum(r.crewRevenue),
    'bots.costEur': sum(r.crewCost),
    'slots.wastedShare': ratio(wasted, closed),
    'traffic.botShare': ratio(r.botRequests, r.requests),
    'equity.gap': groupRates.length > 0 ? Math.max(...groupRates) - Math.min(...groupRates) : Number.NaN,
  };

  return {
    replication: x.replication,
    seed: x.seed,
    metrics,
    collateral: collateralOf(all, measures),
    groups,
    crews,
    counts: {
      legitUsers: all.users, legitServed: all.served, slotsReleased: released, slotsBooked: booked, slotsWasted: wasted,
      requests: r.requests, botRequests: r.botRequests, elidedPolls: r.elidedPolls,
      refusedAtCounter: Object.fromEntries(Object.entries(r.refusedAtCounter).sort(([a], [b]) => (a < b ? -1 : 1))),
      doubleSold: r.doubleSold,
      ...(x.policy.release.kind === 'lottery' ? { lottery: { ...r.lottery } } : {}),
    },
    waitDaysHistogram: histogram,
    series: {
      daily: r.daily.map((d) => ({ ...d })),
      releases: r.batches.map((b) => releasePoint(b, start)),
    },
  };
}
