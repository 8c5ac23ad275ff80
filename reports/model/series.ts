/** Per-policy series averaged or pooled over replications, ready for charts and tables. */
import type { PolicyResult } from '../../engine/result.js';

export interface DailyMean {
  day: number;
  bookedByLegit: number;
  bookedByBots: number;
}

/** Mean cumulative bookings per day over the replications that report that day. */
export function meanDaily(policy: PolicyResult): DailyMean[] {
  const byDay = new Map<number, { legit: number; bots: number; n: number }>();
  for (const run of policy.runs) {
    for (const point of run.series.daily) {
      const acc = byDay.get(point.day) ?? { legit: 0, bots: 0, n: 0 };
      acc.legit += point.bookedByLegit;
      acc.bots += point.bookedByBots;
      acc.n += 1;
      byDay.set(point.day, acc);
    }
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a - b)
    .map(([day, acc]) => ({ day, bookedByLegit: acc.legit / acc.n, bookedByBots: acc.bots / acc.n }));
}

/** Share of served people who waited at most `day` days, all replications pooled; empty if nobody was served. */
export function waitCdf(policy: PolicyResult): { day: number; share: number }[] {
  const pooled: number[] = [];
  for (const run of policy.runs) {
    run.waitDaysHistogram.forEach((count, day) => { pooled[day] = (pooled[day] ?? 0) + count; });
  }
  const total = pooled.reduce((s, c) => s + (c ?? 0), 0);
  if (total === 0) return [];
  let last = pooled.length - 1;
  while (last > 0 && !pooled[last]) last--;
  const out: { day: number; share: number }[] = [];
  let cumulated = 0;
  for (let day = 0; day <= last; day++) {
    cumulated += pooled[day] ?? 0;
    out.push({ day, share: cumulated / total });
  }
  return out;
}
