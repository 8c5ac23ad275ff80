/**
 * Paris wall-clock calendar: which slots exist, and conversions between epoch milliseconds and
 * Europe/Paris local time. Préfecture opening hours are local time, so every computation goes
 * through Luxon with the Paris zone: a 08:30 slot stays at 08:30 across DST changes.
 */
import { DateTime } from 'luxon';
import { DomainError } from './errors.js';
import { StepMemo } from './step-memo.js';
import type { CounterConfig, MeasuresConfig } from './policy.js';
import { clockMinutes, hoursRange, WEEKDAYS, weekdayIndex, type Weekday } from './time-units.js';
import type { Slot } from './types.js';

export const PARIS = 'Europe/Paris';

/** Luxon DateTime in the Paris zone. */
export function parisDateTime(ms: number): DateTime {
  return DateTime.fromMillis(ms, { zone: PARIS });
}

/**
 * Epoch ms of `day` (a Paris midnight) at `minutes` after midnight, local time, or undefined
 * when that wall-clock time does not exist (skipped by the spring-forward change).
 * `minutes` may be 1440 (24:00): the next day's midnight.
 */
export function parisWallTime(day: DateTime, minutes: number): number | undefined {
  if (minutes === 1440) return day.plus({ days: 1 }).startOf('day').toMillis();
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const t = day.set({ hour, minute, second: 0, millisecond: 0 });
  // Luxon shifts non-existent times forward; a shifted time would duplicate a real slot.
  if (t.hour !== hour || t.minute !== minute) return undefined;
  return t.toMillis();
}

/**
 * Every slot (state 'hidden') whose start is in [from, to): on each counter's days (plus the
 * capacity measure's extra days), from opening to closing every `slotMinutes` (the last slot
 * ends by closing time), one slot per desk (plus the extra desks).
 * Ids are deterministic: `${counter}@${yyyy-MM-dd'T'HH:mm}#${desk}` in Paris local time.
 * Sorted by (start, counter, desk).
 */
export function generateSlots(
  counters: Record<string, CounterConfig>,
  capacity: MeasuresConfig['capacity'],
  from: number,
  to: number,
): Slot[] {
  const slots: Slot[] = [];
  if (!(to > from)) return slots;
  const extraDesks = capacity?.extraDesks ?? 0;
  const extraDays = capacity?.extraDays ?? [];
  const plans = Object.entries(counters).map(([id, c]) => {
    const [open, close] = hoursRange(c.hours);
    const times: number[] = [];
    for (let m = open; m + c.slotMinutes <= close; m += c.slotMinutes) times.push(m);
    const days = new Set<number>([...c.days, ...extraDays].map(weekdayIndex));
    return { id, times, days, desks: c.desks + extraDesks };
  });

  for (let day = parisDayOf(from); day.midnight < to; day = dayAfter(day)) {
    const { weekday, dateText, uniformOffset } = day;
    // on a day without a change of UTC offset every wall time exists once, `minutes` after
    // midnight: Luxon is needed only on the two DST days of a year
    const midnight = uniformOffset ? day.midnight : undefined;
    for (const plan of plans) {
      if (!plan.days.has(weekday)) continue;
      for (const minutes of plan.times) {
        const start = midnight !== undefined ? midnight + minutes * 60_000 : parisWallTime(day.start, minutes);
        if (start === undefined || start < from || start >= to) continue;
        const local = `${dateText}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
        for (let desk = 1; desk <= plan.desks; desk++) {
          slots.push({ id: `${plan.id}@${local}#${desk}`, counter: plan.id, start, desk, state: 'hidden' });
        }
      }
    }
  }
  return slots.sort(compareSlots);
}

/** A Paris day as generateSlots reads it, computed with Luxon once per day and process. */
interface ParisDay {
  start: DateTime;
  midnight: number;
  next: DateTime;
  /** Monday = 0 … Sunday = 6 */
  weekday: number;
  dateText: string;
  /** the UTC offset is the same at this midnight and the next (not a DST day) */
  uniformOffset: boolean;
}

/**
 * The target's schedule generates slots at every tick, a few minutes of calendar at a time: the
 * days are memoised (pure values) rather than recomputed by Luxon at each call.
 */
const parisDays = new Map<number, ParisDay>();
const PARIS_DAYS_KEPT = 8192;
let lastParisDay: ParisDay | undefined;

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Paris's UTC offsets (CET, CEST): its midnight is 23:00 or 22:00 UTC */
const PARIS_OFFSETS = [HOUR, 2 * HOUR];

function parisDayOf(ms: number): ParisDay {
  const d = lastParisDay;
  if (d && ms >= d.midnight && ms < d.next.toMillis()) return d;
  return (lastParisDay = knownParisDay(ms) ?? parisDayStarting(parisDateTime(ms).startOf('day')));
}

/** The memoised day holding `ms`, found without Luxon (none for other offsets: Luxon then finds it). */
function knownParisDay(ms: number): ParisDay | undefined {
  for (const offset of PARIS_OFFSETS) {
    const d = parisDays.get(Math.floor((ms + offset) / DAY) * DAY - offset);
    if (d && ms >= d.midnight && ms < d.next.toMillis()) return d;
  }
  return undefined;
}

function dayAfter(d: ParisDay): ParisDay {
  return parisDayStarting(d.next);
}

/**
 * Epoch ms of `minutes` (0–1440) after Paris midnight, `days` days after the Paris day of `ms`;
 * a wall time the spring-forward change skips moves forward, as Luxon's set() moves it. A day
 * without an offset change (all but two a year) needs no calendar arithmetic: the random
 * release asks this for every batch of every week of every replication.
 */
export function parisWallTimeAfter(ms: number, days: number, minutes: number): number {
  let d = parisDayOf(ms);
  for (let i = 0; i < days; i++) d = dayAfter(d);
  if (minutes === 1440) return d.next.toMillis();
  if (d.uniformOffset) return d.midnight + minutes * 60_000;
  return parisWallTime(d.start, minutes) ?? d.start.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}

function parisDayStarting(start: DateTime): ParisDay {
  const midnight = start.toMillis();
  let d = parisDays.get(midnight);
  if (!d) {
    const next = start.plus({ days: 1 }).startOf('day');
    d = { start, midnight, next, weekday: start.weekday - 1, dateText: start.toFormat('yyyy-MM-dd'), uniformOffset: start.offset === next.offset };
    if (parisDays.size >= PARIS_DAYS_KEPT) parisDays.clear();
    parisDays.set(midnight, d);
  }
  return d;
}

/** Order of generateSlots: start, then counter id (code-unit order, locale-independent), then desk. */
export function compareSlots(a: Pick<Slot, 'start' | 'counter' | 'desk'>, b: Pick<Slot, 'start' | 'counter' | 'desk'>): number {
  if (a.start !== b.start) return a.start - b.start;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.desk - b.desk;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** "2019-01-06" → epoch ms of that day's midnight in Paris. Throws on a malformed or impossible date. */
export function parisDate(text: string): number {
  if (!DATE_RE.test(text)) {
    throw new DomainError('VALIDATION', `expected a date "YYYY-MM-DD", got ${JSON.stringify(text)}`);
  }
  const d = DateTime.fromISO(text, { zone: PARIS });
  if (!d.isValid) {
    throw new DomainError('VALIDATION', `no such date: ${text} (${d.invalidExplanation ?? d.invalidReason ?? 'invalid'})`);
  }
  return d.toMillis();
}

/** Day of the week in Paris: Monday = 0 … Sunday = 6. */
export function parisWeekday(ms: number): number {
  return parisDateTime(ms).weekday - 1;
}

/** Name of the Paris weekday of `ms` ("mon" … "sun"). */
export function parisWeekdayName(ms: number): Weekday {
  return WEEKDAYS[parisWeekday(ms)] as Weekday;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Human date and time in Paris, e.g. "lun. 7 janv. 2019, 08:30" (fr-FR). */
export function formatParis(ms: number, locale = 'fr-FR'): string {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: PARIS,
    });
    formatters.set(locale, f);
  }
  return f.format(ms);
}

/**
 * First instant strictly after `after` that is `day` at `at` (HH:MM) Paris time. On the
 * spring-forward Sunday a time inside the skipped hour moves one hour later (Luxon's rule).
 */
export function nextWeeklyInstant(after: number, day: Weekday, at: string): number {
  // asked at every tick of the target's schedule: the answer t for `after` is also the answer
  // for any later instant before t, so the last few are kept per (day, time)
  const key = `${day} ${at}`;
  let memo = weeklyKnown.get(key);
  const known = memo?.get(after);
  if (known !== undefined) return known;
  const t = computeNextWeekly(after, day, at);
  if (!memo) {
    if (weeklyKnown.size >= 64) weeklyKnown.clear();
    weeklyKnown.set(key, (memo = new StepMemo()));
  }
  memo.set(after, t, t);
  return t;
}

const weeklyKnown = new Map<string, StepMemo>();

function computeNextWeekly(after: number, day: Weekday, at: string): number {
  const minutes = clockMinutes(at);
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const start = parisDateTime(after).startOf('day');
  const ahead = (weekdayIndex(day) - (start.weekday - 1) + 7) % 7;
  for (let weeks = 0; ; weeks++) {
    const t = start.plus({ days: ahead + 7 * weeks }).set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
    if (t > after) return t;
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
