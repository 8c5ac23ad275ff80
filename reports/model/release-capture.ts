/**
 * How fast each policy's releases went to scalpers, from the per-release series of result.json
 * (`series.releases`): the share of a release's slots scalpers took within each window of the
 * metric catalogue (RELEASE_CAPTURE_MINUTES) and in all, weighted by the slots each release put
 * online, per replication, then as an interval over replications; and how many minutes half and
 * nine tenths of a release took to go (by anyone), the median of the releases. Releases of the
 * warm-up are left out, as every metric leaves them out.
 */
import { interval } from '../../engine/measure/intervals.js';
import { RELEASE_CAPTURE_MINUTES, type Interval, type PolicyResult, type ReleasePoint } from '../../engine/result.js';

/** The windows in minutes, then `all` for the whole of each release. */
export const CAPTURE_WINDOWS = [...RELEASE_CAPTURE_MINUTES.map(String), 'all'] as const;

export interface ReleaseCapture {
  /** by window key (CAPTURE_WINDOWS) */
  share: Record<string, Interval>;
  /** median minutes until 50 % / 90 % of a release's slots were first booked; undefined when no release got there */
  minutesTo50?: number;
  minutesTo90?: number;
  /** releases counted, over all replications */
  releases: number;
}

const median = (xs: number[]): number | undefined => {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** The capture of `policy`'s releases; undefined when its result has no per-release windows (older files) or no release after the warm-up. */
export function releaseCapture(policy: PolicyResult, warmupDays: number): ReleaseCapture | undefined {
  const perRun: Record<string, number[]> = Object.fromEntries(CAPTURE_WINDOWS.map((k) => [k, []]));
  const to50: number[] = [];
  const to90: number[] = [];
  let releases = 0;
  for (const run of policy.runs) {
    const measured = (run.series.releases ?? []).filter((r: ReleasePoint) => r.day >= warmupDays && r.released > 0 && r.botShareWithin !== undefined);
    const slots = measured.reduce((s, r) => s + r.released, 0);
    if (slots === 0) continue;
    releases += measured.length;
    for (const k of CAPTURE_WINDOWS) {
      const taken = measured.reduce((s, r) => s + r.released * (k === 'all' ? r.botShare : r.botShareWithin?.[k] ?? 0), 0);
      perRun[k]!.push(taken / slots);
    }
    for (const r of measured) {
      if (typeof r.minutesTo50 === 'number') to50.push(r.minutesTo50);
      if (typeof r.minutesTo90 === 'number') to90.push(r.minutesTo90);
    }
  }
  if (releases === 0) return undefined;
  const out: ReleaseCapture = { share: Object.fromEntries(CAPTURE_WINDOWS.map((k) => [k, interval(perRun[k]!)])), releases };
  const m50 = median(to50);
  const m90 = median(to90);
  if (m50 !== undefined) out.minutesTo50 = m50;
  if (m90 !== undefined) out.minutesTo90 = m90;
  return out;
}
