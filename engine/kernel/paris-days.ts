/**
 * The Paris calendar of a run: midnights and UTC offsets of its days, computed from Luxon once
 * per run (DST days last 23 or 25 hours) and shared by every active-hours clock. Wall times on a
 * DST day take the new offset from 03:00 on, as Europe/Paris does.
 */
import { parisDateTime } from '../../target/domain/calendar.js';

const MINUTE = 60_000;

/** Paris midnights and UTC offsets of a run of days, computed once and shared by every window. */
export class ParisDays {
  readonly midnight: Float64Array;
  /** UTC offset in minutes at each midnight (one more entry: the day after the last) */
  readonly offset: Float64Array;

  constructor(from: number, readonly count: number) {
    this.midnight = new Float64Array(count + 1);
    this.offset = new Float64Array(count + 1);
    let day = parisDateTime(from).startOf('day');
    for (let d = 0; d <= count; d++) {
      this.midnight[d] = day.toMillis();
      this.offset[d] = day.offset;
      day = day.plus({ days: 1 }).startOf('day');
    }
  }

  /** Epoch ms of `minutes` after midnight, wall-clock, on day d. */
  wallTime(d: number, minutes: number): number {
    const before = this.offset[d] as number;
    const after = this.offset[d + 1] as number;
    if (minutes >= 1440) return this.midnight[d + 1] as number;
    const offset = before !== after && minutes >= 180 ? after : before;
    return (this.midnight[d] as number) + (minutes + before - offset) * MINUTE;
  }
}

/**
 * The calendar of a run, shared by the runs of one process that cover the same days (every
 * replication of a scenario does): it is read only, and building it is Luxon work.
 */
export function parisDaysFor(from: number, count: number): ParisDays {
  const key = `${from}:${count}`;
  let days = known.get(key);
  if (!days) {
    if (known.size >= 16) known.clear();
    known.set(key, (days = new ParisDays(from, count)));
  }
  return days;
}

const known = new Map<string, ParisDays>();
