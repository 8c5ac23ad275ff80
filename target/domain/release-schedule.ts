/**
 * When the policy puts slots online. Weekly-style policies release at a fixed Paris wall-clock
 * time; the random policy draws its instants from a counter-based hash of (seed, week, batch),
 * so any week can be computed on its own, in any order, with the same result on every machine.
 */
import { DomainError } from './errors.js';
import { StepMemo } from './step-memo.js';
import { uniform } from './hash.js';
import { nextWeeklyInstant, parisDateTime, parisWallTimeAfter } from './calendar.js';
import type { ReleaseConfig } from './policy.js';
import { hoursRange, weekdayIndex, type Weekday } from './time-units.js';

export interface ReleaseWindow {
  /** weekday indexes (Mon = 0) in window order, e.g. fri-mon → [4, 5, 6, 0] */
  days: number[];
  /** minutes after local midnight; close may be 1440 */
  open: number;
  close: number;
}

/** "mon-fri 08:00-18:00" → days and hours. A window such as "fri-mon" wraps over the weekend. */
export function parseReleaseWindow(text: string): ReleaseWindow {
  const m = /^([a-z]{3})-([a-z]{3}) (\d\d:\d\d-\d\d:\d\d)$/.exec(text);
  const first = m ? weekdayIndex(m[1] as Weekday) : -1;
  const last = m ? weekdayIndex(m[2] as Weekday) : -1;
  if (!m || first < 0 || last < 0) {
    throw new DomainError('VALIDATION', `expected a window such as "mon-fri 08:00-18:00", got ${JSON.stringify(text)}`, 'release.window');
  }
  const [open, close] = hoursRange(m[3] as string);
  if (close <= open) {
    throw new DomainError('VALIDATION', `release window hours must end after they start: ${text}`, 'release.window');
  }
  const days: number[] = [];
  for (let d = first; ; d = (d + 1) % 7) {
    days.push(d);
    if (d === last) break;
  }
  return { days, open, close };
}

const WEEK_MS = 7 * 86_400_000;

/** Epoch ms of Monday 00:00 Paris of the week containing `ms`. */
export function parisWeekStart(ms: number): number {
  // asked at every tick under the random policy, for this week and the next: a week found
  // answers for all its instants
  const known = weeksKnown.get(ms);
  if (known !== undefined) return known;
  const start = parisDateTime(ms).startOf('week');
  weeksKnown.set(start.toMillis(), start.plus({ weeks: 1 }).toMillis(), start.toMillis());
  return start.toMillis();
}

const weeksKnown = new StepMemo();

/**
 * The random policy's instants for the Paris week starting at `weekStart` (a Monday 00:00).
 * One uniform per batch: its integer part over the window's days picks the day, the rest
 * places the instant (whole seconds) between the day's opening and closing.
 */
export function randomWeekInstants(batchesPerWeek: number, window: ReleaseWindow, weekStart: number, seed: string): number[] {
  // pure, and asked for again at every tick and schedule look-up: Paris time arithmetic is too slow to redo
  const key = `${seed}\u0000${batchesPerWeek}\u0000${window.days.join()}\u0000${window.open}\u0000${window.close}\u0000${weekStart}`;
  let week = WEEK_CACHE.get(key);
  if (!week) {
    if (WEEK_CACHE.size >= 512) WEEK_CACHE.clear();
    week = computeWeekInstants(batchesPerWeek, window, weekStart, seed);
    WEEK_CACHE.set(key, week);
  }
  return week.slice();
}

const WEEK_CACHE = new Map<string, number[]>();

function computeWeekInstants(batchesPerWeek: number, window: ReleaseWindow, weekStart: number, seed: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < batchesPerWeek; i++) {
    const scaled = uniform(seed, 'release', weekStart, i) * window.days.length;
    const dayPos = Math.min(Math.floor(scaled), window.days.length - 1);
    const frac = scaled - dayPos;
    const day = window.days[dayPos] as number;
    // 00:00-24:00 style windows always exist; inside the spring-forward gap the open moves later.
    const open = parisWallTimeAfter(weekStart, day, window.open);
    const close = parisWallTimeAfter(weekStart, day, window.close);
    const seconds = Math.max(0, Math.floor((close - open) / 1000));
    out.push(open + Math.min(Math.floor(frac * seconds), Math.max(0, seconds - 1)) * 1000);
  }
  return out;
}

/**
 * Sorted distinct instants in (from, to] at which the policy releases slots (or draws, for the
 * lottery). Continuous release is decided slot by slot by the caller: none here.
 */
export function releaseInstants(release: ReleaseConfig, from: number, to: number, seed: string): number[] {
  const out: number[] = [];
  if (!(to > from)) return out;
  switch (release.kind) {
    case 'weekly':
    case 'batch':
    case 'waiting-room':
    case 'lottery':
      for (let t = nextWeeklyInstant(from, release.day, release.at); t <= to; t = nextWeeklyInstant(t, release.day, release.at)) {
        out.push(t);
      }
      return out;
    case 'random': {
      const window = parseReleaseWindow(release.window);
      for (let week = parisWeekStart(from); week <= to; week = parisWeekStart(week + WEEK_MS + 3_600_000)) {
        for (const t of randomWeekInstants(release.batchesPerWeek, window, week, seed)) {
          if (t > from && t <= to) out.push(t);
        }
      }
      // Two batches on the same second are one release.
      return [...new Set(out)].sort((a, b) => a - b);
    }
    case 'continuous':
      return out;
  }
}

/** First release instant strictly after `after`, looking at most two Paris weeks ahead; undefined for continuous. */
export function nextReleaseAt(release: ReleaseConfig, after: number, seed: string): number | undefined {
  if (release.kind === 'continuous') return undefined;
  if (release.kind !== 'random') return nextWeeklyInstant(after, release.day, release.at);
  let weekEnd = after;
  for (let k = 0; k <= 2; k++) {
    const from = weekEnd;
    weekEnd = parisWeekStart(parisWeekStart(weekEnd) + WEEK_MS + 3_600_000);
    const found = releaseInstants(release, from, weekEnd, seed)[0];
    if (found !== undefined) return found;
  }
  return undefined;
}
