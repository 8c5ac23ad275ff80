/**
 * A run against an earlier one (a baseline result.json), metric by metric and policy by policy.
 * A regression is claimed only when the replications' intervals say so: the whole current
 * interval lies beyond the baseline's, on the bad side, by more than the tolerance. When the
 * means moved past the tolerance but the intervals do not separate, or a side has a single
 * replication (no interval), the verdict is "not enough replications to tell": it does not fail.
 *
 * The tolerance is in the metric's own scale for shares and points (0.02 = 2 points) and a
 * fraction of the baseline's mean for money, days, minutes and counts (0.02 = 2 %).
 */
import { METRIC_CATALOGUE, METRICS, type Interval, type MetricName, type RunResult } from '../../engine/result.js';

export type Verdict = 'regressed' | 'unclear' | 'held';

export interface MetricComparison {
  policy: string;
  metric: MetricName;
  baseline: Interval;
  current: Interval;
  /** the tolerance in the metric's unit */
  tolerance: number;
  verdict: Verdict;
}

export interface BaselineComparison {
  tolerance: number;
  comparisons: MetricComparison[];
  /** no metric regressed */
  pass: boolean;
}

/** The tolerance in the metric's unit: absolute for shares and points, relative to the baseline mean otherwise. */
export function toleranceFor(metric: MetricName, tolerance: number, baseline: Interval): number {
  const unit = METRIC_CATALOGUE[metric].unit;
  return unit === 'share' || unit === 'points' ? tolerance : tolerance * Math.abs(baseline.mean);
}

/** How `current` stands against `baseline` for a metric whose good direction is `higherIsBetter`. */
export function verdictOf(baseline: Interval, current: Interval, higherIsBetter: boolean, tolerance: number): Verdict {
  // how much worse: positive when the metric moved the bad way
  const worse = (a: number, b: number) => (higherIsBetter ? b - a : a - b);
  if (worse(current.mean, baseline.mean) <= tolerance) return 'held';
  if (current.n < 2 || baseline.n < 2) return 'unclear';
  // the current interval's best end is still worse than the baseline's worst end, beyond the tolerance
  const gap = higherIsBetter ? worse(current.high, baseline.low) : worse(current.low, baseline.high);
  return gap > tolerance ? 'regressed' : 'unclear';
}

/** Every catalogue metric of every policy both runs have; `tolerance` ≥ 0. */
export function compareToBaseline(current: RunResult, baseline: RunResult, tolerance: number): BaselineComparison {
  const comparisons: MetricComparison[] = [];
  for (const p of current.policies) {
    const b = baseline.policies.find((x) => x.name === p.name);
    if (!b) continue;
    for (const metric of METRICS) {
      const cur = p.summary[metric];
      const base = b.summary[metric];
      // a metric no replication defined (n = 0) has nothing to compare
      if (!cur || !base || cur.n === 0 || base.n === 0) continue;
      const tol = toleranceFor(metric, tolerance, base);
      comparisons.push({ policy: p.name, metric, baseline: base, current: cur, tolerance: tol, verdict: verdictOf(base, cur, METRIC_CATALOGUE[metric].higherIsBetter, tol) });
    }
  }
  return { tolerance, comparisons, pass: comparisons.every((c) => c.verdict !== 'regressed') };
}
