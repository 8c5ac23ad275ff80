/**
 * Confidence intervals over replications. The engine uses `interval` to fill
 * PolicyResult.summary, so the report and the result agree on one method.
 */
import type { Interval } from './result-types.js';

/** Two-sided 95 % Student t quantiles (0.975) for df = 1..30; index 0 is df = 1. */
const T_975 = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281,
  2.201, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.093, 2.086,
  2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
] as const;
const Z_975 = 1.96;

/** Written into RunResult.intervalMethod and shown in the report's methods section. */
export const INTERVAL_METHOD =
  'Student t 95 % interval for the mean over replications (df = n - 1; normal 1.96 beyond 30 df); n = 1: no interval';

/** 0.975 quantile of Student's t with `df` degrees of freedom (normal beyond the table). */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`t quantile: degrees of freedom must be an integer >= 1, got ${df}`);
  return T_975[df - 1] ?? Z_975;
}

/** Mean of `values` with its 95 % Student t interval; low = high = mean when there is one value. */
export function interval(values: readonly number[]): Interval {
  const n = values.length;
  if (n === 0) throw new RangeError('interval: no values (a policy needs at least one replication)');
  let sum = 0;
  for (const [i, v] of values.entries()) {
    if (!Number.isFinite(v)) throw new RangeError(`interval: value #${i} is ${v}, expected a finite number`);
    sum += v;
  }
  const mean = sum / n;
  if (n === 1) return { mean, low: mean, high: mean, n };
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const half = tQuantile975(n - 1) * Math.sqrt(squares / (n - 1) / n);
  return { mean, low: mean - half, high: mean + half, n };
}

/** True when the two intervals share at least one point (the difference may be chance). */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.low <= b.high && b.low <= a.high;
}
