/**
 * "Active time" of a daily window such as 08:00-22:00 (Paris local time): a clock that runs
 * only inside the window. A person who checks the site every 4.7 active hours then checks three
 * times a day and never at night, and the n-th check time is a closed-form function of n, which
 * is what poll elision needs. Its days come from ParisDays (paris-days.ts).
 */
import type { ParisDays } from './paris-days.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

export class ActiveClock {
  private readonly open: Float64Array;
  private readonly close: Float64Array;
  /** active ms before day d; cum[days] = total */
  private readonly cum: Float64Array;
  readonly activePerDay: number;

  constructor(days: ParisDays, readonly fromMinute: number, readonly toMinute: number) {
    if (!(toMinute > fromMinute)) throw new RangeError(`active hours must end after they start: ${fromMinute}-${toMinute}`);
    const n = days.count;
    this.open = new Float64Array(n);
    this.close = new Float64Array(n);
    this.cum = new Float64Array(n + 1);
    for (let d = 0; d < n; d++) {
      const o = days.wallTime(d, fromMinute);
      const c = Math.max(o, days.wallTime(d, toMinute));
      this.open[d] = o;
      this.close[d] = c;
      this.cum[d + 1] = (this.cum[d] as number) + c - o;
    }
    this.activePerDay = (toMinute - fromMinute) * MINUTE;
  }

  /** Active time at real time t (inside a gap: the active time the next window opens at). */
  toActive(t: number): number {
    const n = this.open.length;
    if (t < (this.open[0] as number)) return 0;
    const lastOpen = this.open[n - 1] as number;
    if (t >= lastOpen + DAY) {
      // beyond the table: whole 24-hour days of the last day's pattern
      const k = Math.floor((t - lastOpen) / DAY);
      return this.toActive(t - k * DAY) + k * this.activePerDay;
    }
    // last day whose window opened at or before t: days are 24 h give or take a DST hour
    let lo = Math.min(n - 1, Math.max(0, Math.floor((t - (this.open[0] as number)) / DAY)));
    while (lo > 0 && (this.open[lo] as number) > t) lo--;
    while (lo < n - 1 && (this.open[lo + 1] as number) <= t) lo++;
    if (t >= (this.close[lo] as number)) return this.cum[lo + 1] as number;
    return (this.cum[lo] as number) + t - (this.open[lo] as number);
  }

  /** Real time of active time a (a window's opening for the boundaries). */
  toReal(a: number): number {
    const n = this.open.length;
    const total = this.cum[n] as number;
    if (a >= total) {
      const k = Math.floor((a - total) / this.activePerDay) + 1;
      return this.toReal(a - k * this.activePerDay) + k * DAY;
    }
    // last day whose active time starts at or before a (zero-length days: the last of them)
    let lo = Math.min(n - 1, Math.max(0, Math.floor(a / this.activePerDay)));
    while (lo > 0 && (this.cum[lo] as number) > a) lo--;
    while (lo < n - 1 && (this.cum[lo + 1] as number) <= a) lo++;
    return (this.open[lo] as number) + a - (this.cum[lo] as number);
  }
}
