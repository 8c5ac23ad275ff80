/**
 * Ranking of policies on the scenario's objective. The order alone would overstate what the
 * simulation shows, so each entry lists the policies whose intervals overlap its own.
 */
import type { Interval, MetricName, PolicyResult, RunResult } from '../../engine/result.js';
import { overlaps } from '../../engine/measure/intervals.js';

export interface RankEntry {
  rank: number;
  name: string;
  value: Interval;
  /** other policies whose interval overlaps this one: the order between them may be chance */
  tiedWith: string[];
}

export interface Ranking {
  metric: MetricName;
  higherIsBetter: boolean;
  entries: RankEntry[];
  /** true when at least one pair of intervals overlaps */
  anyOverlap: boolean;
  /** true when intervals come from a single replication (no interval) */
  noInterval: boolean;
}

export function rankPolicies(result: RunResult): Ranking {
  const { metric, higherIsBetter } = result.scenario.objective;
  const sign = higherIsBetter ? -1 : 1;
  const known = (p: PolicyResult): boolean => p.summary[metric].n > 0;
  // A policy without a value for the objective (n = 0) cannot be placed: it goes last, tied with nobody.
  const sorted = result.policies
    .map((p, index) => ({ p, index }))
    .sort((a, b) => Number(known(b.p)) - Number(known(a.p))
      || (known(a.p) ? sign * (a.p.summary[metric].mean - b.p.summary[metric].mean) : 0) || a.index - b.index);
  const entries = sorted.map(({ p }, i): RankEntry => ({
    rank: i + 1,
    name: p.name,
    value: p.summary[metric],
    tiedWith: known(p) ? sorted.filter(({ p: q }) => q !== p && known(q) && overlaps(q.summary[metric], p.summary[metric])).map(({ p: q }) => q.name) : [],
  }));
  return {
    metric,
    higherIsBetter,
    entries,
    anyOverlap: entries.some((e) => e.tiedWith.length > 0),
    noInterval: result.policies.every((p) => p.summary[metric].n <= 1),
  };
}

/** The policy others are compared with: the one named 'baseline', else the first. */
export function basePolicy(result: RunResult): PolicyResult {
  const first = result.policies[0];
  if (!first) throw new Error('result has no policy');
  return result.policies.find((p) => p.name === 'baseline') ?? first;
}

/** True when no metric of any policy has more than one replication behind it. */
export function singleReplication(result: RunResult): boolean {
  return result.policies.every((p) => p.runs.length <= 1);
}
