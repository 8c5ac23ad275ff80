/**
 * Summary statistics of a run: each policy's replications reduced to a mean and its 95 %
 * interval per metric, per collateral measure and per group, and what the reports say about a
 * group (its traits).
 */
import type { EffectivePolicy, Scenario } from '../../scenarios/schema.js';
import { interval } from './intervals.js';
import {
  COLLATERAL_MEASURES, METRICS, type GroupInfo, type Interval, type MetricName, type PolicyResult, type ReplicationResult,
} from './result-types.js';

/** What the reports say about a group: its name and the traits behind its results. */
export function groupInfo(g: Scenario['population']['legit'][number]): GroupInfo {
  return {
    id: g.group, label: g.label ?? { fr: g.group, en: g.group }, counter: g.counter,
    checksPerDay: g.checksPerDay.median, activeHours: g.activeHours,
    captchaSolveSeconds: g.captcha.solveSeconds.median, captchaFailRate: g.captcha.failRate,
    // rounded so result.json reads 0.1, not 0.09999999999999998
    sharedIp: g.sharedIp, sharedEmail: g.sharedEmail, nameVariant: Math.round((1 - g.nameTyping.exact) * 1e9) / 1e9,
    ...(g.buyAfterDays !== undefined ? { buyAfterDays: g.buyAfterDays } : {}),
    ...(g.willingToPayEur !== undefined ? { willingToPayEur: g.willingToPayEur.median } : {}),
    agdref: g.agdref,
  };
}

export function summarisePolicy(p: EffectivePolicy, runs: ReplicationResult[]): PolicyResult {
  const of = (pick: (r: ReplicationResult) => number | undefined): Interval => {
    const values = runs.map(pick).filter((v): v is number => v !== undefined && Number.isFinite(v));
    // a metric with no defined value in any replication (say, wait days when nobody was served)
    return values.length ? interval(values) : { mean: 0, low: 0, high: 0, n: 0 };
  };
  const summary = Object.fromEntries(METRICS.map((m) => [m, of((r) => r.metrics[m])])) as Record<MetricName, Interval>;
  const collateral = Object.fromEntries(COLLATERAL_MEASURES
    .filter((m) => runs.some((r) => r.collateral[m] !== undefined))
    .map((m) => [m, of((r) => r.collateral[m])]));
  const groupNames = Object.keys(runs[0]?.groups ?? {});
  const groups = Object.fromEntries(groupNames.map((g) => [g, {
    servedBeforeDeadline: of((r) => r.groups[g]?.servedBeforeDeadline),
    waitDaysP50: of((r) => r.groups[g]?.waitDaysP50),
    paidShare: of((r) => r.groups[g]?.paidShare),
  }]));
  return {
    name: p.name,
    ...(p.description !== undefined ? { description: p.description.en } : {}),
    ...(p.label !== undefined ? { label: p.label } : {}),
    ...(p.description !== undefined ? { localized: { description: p.description } } : {}),
    policy: p.policy,
    runs,
    summary,
    collateral,
    groups,
  };
}
