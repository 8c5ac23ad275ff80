/**
 * The stretches of a live run that run at real (race) speed: from a little before each release
 * to a while after it, where bots and people race for the slots just put online. Elsewhere the
 * clock jumps over idle time. Computed from the policy's own release schedule (the same
 * instants the target uses), merged where they overlap.
 */
import type { Policy } from '../../target/domain/policy.js';
import { releaseInstants } from '../../target/domain/release-schedule.js';
import type { RaceWindow } from '../measure/live-types.js';

export interface WindowSpan {
  /** real-speed time before each release, ms */
  beforeMs: number;
  /** real-speed time after each release, ms */
  afterMs: number;
}

/** The race windows of [start, end) under `policy`; none for a continuous release (no release instant to race for). */
export function raceWindows(policy: Policy, seed: string, start: number, end: number, span: WindowSpan): RaceWindow[] {
  const instants = releaseInstants(policy.release, start - span.afterMs - 1, end + span.beforeMs, seed);
  const out: RaceWindow[] = [];
  for (const at of instants) {
    const w = { start: Math.max(start, at - span.beforeMs), end: Math.min(end, at + span.afterMs) };
    if (w.end <= w.start) continue;
    const last = out.at(-1);
    if (last && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else out.push(w);
  }
  return out;
}

/** Is simulated time `t` inside a window? (binary search: windows are sorted and disjoint) */
export function insideWindow(windows: readonly RaceWindow[], t: number): boolean {
  let lo = 0;
  let hi = windows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const w = windows[mid] as RaceWindow;
    if (t < w.start) hi = mid - 1;
    else if (t >= w.end) lo = mid + 1;
    else return true;
  }
  return false;
}
