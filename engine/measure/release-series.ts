/**
 * The per-release series of a replication (`series.releases` of result.json): for each release,
 * how many slots it put online, how fast they went and how much of them the scalpers took, early
 * and in all. "Within N minutes" uses the windows of the metric catalogue (RELEASE_CAPTURE_MINUTES),
 * so that every output reads the same N. A slot counts for who booked it first.
 */
import { RELEASE_CAPTURE_MINUTES } from '../../scenarios/metrics.js';
import type { Batch } from './recorder.js';
import type { ReleasePoint } from './result-types.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** Minutes from `at` until `share` of `total` slots were first booked (sorted booking times), or null when never. */
function minutesTo(share: number, total: number, bookedAt: readonly number[], at: number): number | null {
  const needed = Math.ceil(share * total);
  if (total === 0 || needed > bookedAt.length) return null;
  return ((bookedAt[needed - 1] as number) - at) / MINUTE;
}

export function releasePoint(b: Batch, start: number): ReleasePoint {
  const firsts = b.slots.filter((s) => s.firstBy >= 0);
  const total = b.slots.length;
  const last = firsts.reduce((m, s) => Math.max(m, s.firstBookedAt), b.at);
  const bookedAt = firsts.map((s) => s.firstBookedAt).sort((x, y) => x - y);
  const byBots = firsts.filter((s) => s.firstBy === 1);
  const botShareWithin: Record<string, number> = {};
  for (const n of RELEASE_CAPTURE_MINUTES) {
    botShareWithin[String(n)] = total > 0 ? byBots.filter((s) => s.firstBookedAt - b.at <= n * MINUTE).length / total : 0;
  }
  return {
    day: (b.at - start) / DAY,
    released: total,
    sellOutMinutes: total > 0 && firsts.length === total ? (last - b.at) / MINUTE : null,
    botShare: total > 0 ? byBots.length / total : 0,
    botShareWithin,
    minutesTo50: minutesTo(0.5, total, bookedAt, b.at),
    minutesTo90: minutesTo(0.9, total, bookedAt, b.at),
  };
}
