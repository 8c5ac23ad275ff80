import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { formatParis, generateSlots, nextWeeklyInstant, parisDate, parisWallTimeAfter, parisWeekday, parisWeekdayName } from './calendar.js';
import { DEFAULT_COUNTERS, type CounterConfig } from './policy.js';

const H = 3_600_000;
const D = 24 * H;
const local = (ms: number) => DateTime.fromMillis(ms, { zone: 'Europe/Paris' });

describe('parisDate', () => {
  it('gives Paris midnight in winter (UTC+1) and summer (UTC+2)', () => {
    expect(parisDate('2019-01-06')).toBe(Date.UTC(2019, 0, 5, 23, 0));
    expect(parisDate('2019-07-01')).toBe(Date.UTC(2019, 5, 30, 22, 0));
    expect(parisDate('2020-02-29')).toBe(Date.UTC(2020, 1, 28, 23, 0));
  });

  it('refuses impossible and malformed dates with a validation error', () => {
    for (const bad of ['2019-02-30', '2019-13-01', '2019-02-29', '2019-1-6', '06/01/2019', '', '2019-01-06T10:00']) {
      expect(() => parisDate(bad), bad).toThrow(DomainError);
    }
    try {
      parisDate('2019-02-30');
    } catch (e) {
      expect((e as DomainError).code).toBe('VALIDATION');
      expect((e as DomainError).message).toContain('2019-02-30');
    }
  });
});

describe('parisWeekday / formatParis', () => {
  it('counts Monday as 0 and Sunday as 6, by the Paris calendar not UTC', () => {
    expect(parisWeekday(parisDate('2019-01-07'))).toBe(0);
    expect(parisWeekday(parisDate('2019-01-06'))).toBe(6);
    // Sunday 23:30 UTC is already Monday 00:30 in Paris
    expect(parisWeekday(Date.UTC(2019, 0, 6, 23, 30))).toBe(0);
    expect(parisWeekdayName(Date.UTC(2019, 0, 6, 23, 30))).toBe('mon');
  });

  it('formats in French by default and in other locales on request', () => {
    const t = parisDate('2019-01-07') + 8.5 * H;
    expect(formatParis(t)).toBe('lun. 7 janv. 2019, 08:30');
    expect(formatParis(t, 'en-GB')).toBe('Mon, 7 Jan 2019, 08:30');
    expect(formatParis(parisDate('2019-07-01') + 8.5 * H)).toBe('lun. 1 juil. 2019, 08:30');
  });
});

describe('nextWeeklyInstant', () => {
  it('finds the next Sunday 20:00 strictly after the given instant', () => {
    const sunday20 = Date.UTC(2019, 0, 6, 19, 0);
    expect(nextWeeklyInstant(parisDate('2019-01-06'), 'sun', '20:00')).toBe(sunday20);
    expect(nextWeeklyInstant(sunday20 - 1, 'sun', '20:00')).toBe(sunday20);
    expect(nextWeeklyInstant(sunday20, 'sun', '20:00')).toBe(sunday20 + 7 * D);
    expect(nextWeeklyInstant(parisDate('2019-01-07'), 'sun', '20:00')).toBe(sunday20 + 7 * D);
    expect(nextWeeklyInstant(parisDate('2019-01-07'), 'mon', '00:00')).toBe(parisDate('2019-01-14'));
  });

  it('keeps the wall-clock time across DST changes for a whole year', () => {
    let t = parisDate('2019-01-01');
    const seen: number[] = [];
    for (let i = 0; i < 53; i++) {
      const next = nextWeeklyInstant(t, 'sun', '20:00');
      const l = local(next);
      expect([l.weekday, l.hour, l.minute]).toEqual([7, 20, 0]);
      seen.push(next - t);
      t = next;
    }
    // spring-forward and fall-back weeks are one hour shorter and longer
    expect(seen.slice(1)).toContain(7 * D - H);
    expect(seen.slice(1)).toContain(7 * D + H);
    expect(local(nextWeeklyInstant(parisDate('2019-03-25'), 'sun', '20:00')).toISO()).toBe('2019-03-31T20:00:00.000+02:00');
  });
});

describe('parisWallTimeAfter', () => {
  it('gives the wall time Luxon gives on every day of 2019, DST days included (a skipped time moves forward)', () => {
    const jan1 = parisDate('2019-01-01');
    const start = DateTime.fromMillis(jan1, { zone: 'Europe/Paris' });
    for (let days = 0; days < 365; days++) {
      const day = start.plus({ days });
      for (const minutes of [0, 90, 120, 150, 180, 510, 1439, 1440]) {
        const expected = minutes === 1440
          ? day.plus({ days: 1 }).startOf('day').toMillis()
          : day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
        expect(parisWallTimeAfter(jan1 + 3_600_000, days, minutes)).toBe(expected);
      }
    }
  });
});

describe('generateSlots', () => {
  const week = [parisDate('2019-01-07'), parisDate('2019-01-14')] as const;

  it('lays out the default counters of a winter week', () => {
    const slots = generateSlots(DEFAULT_COUNTERS, undefined, ...week);
    const count = (c: string) => slots.filter((s) => s.counter === c).length;
    expect(count('renewal')).toBe(4 * 14 * 4); // 4 days, 08:30-12:00 every 15 min, 4 desks
    expect(count('first-request')).toBe(5 * 6 * 2);
    expect(count('exceptional-admission')).toBe(1 * 6 * 2);
    expect(slots[0]).toEqual({ id: 'renewal@2019-01-07T08:30#1', counter: 'renewal', start: Date.UTC(2019, 0, 7, 7, 30), desk: 1, state: 'hidden' });
    expect(slots.at(-1)?.id).toBe('first-request@2019-01-11T16:00#2');
    expect(new Set(slots.map((s) => s.id)).size).toBe(slots.length);
    expect(slots.every((s) => s.state === 'hidden')).toBe(true);
    const renewalDays = new Set(slots.filter((s) => s.counter === 'renewal').map((s) => parisWeekday(s.start)));
    expect([...renewalDays].sort()).toEqual([0, 1, 3, 4]);
  });

  it('keeps opening hours in Paris time in summer and across both DST changes', () => {
    expect(generateSlots(DEFAULT_COUNTERS, undefined, parisDate('2019-07-01'), parisDate('2019-07-02'))[0]?.start)
      .toBe(Date.UTC(2019, 6, 1, 6, 30));
    for (const [from, to] of [['2019-03-25', '2019-04-08'], ['2019-10-21', '2019-11-04']] as const) {
      const slots = generateSlots(DEFAULT_COUNTERS, undefined, parisDate(from), parisDate(to));
      expect(slots.length).toBe(2 * (224 + 60 + 12));
      for (const s of slots) {
        const l = local(s.start);
        const [open, close] = (DEFAULT_COUNTERS[s.counter]?.hours ?? '').split('-');
        const hhmm = l.toFormat('HH:mm');
        expect(hhmm >= (open ?? '') && hhmm < (close ?? '')).toBe(true);
        expect(s.id).toBe(`${s.counter}@${l.toFormat("yyyy-MM-dd'T'HH:mm")}#${s.desk}`);
      }
    }
  });

  it('ends the last slot by closing time', () => {
    const counters: Record<string, CounterConfig> = { odd: { days: ['mon'], hours: '08:30-12:00', slotMinutes: 25, desks: 1 } };
    const slots = generateSlots(counters, undefined, ...week);
    expect(slots.map((s) => local(s.start).toFormat('HH:mm'))).toEqual(
      ['08:30', '08:55', '09:20', '09:45', '10:10', '10:35', '11:00', '11:25'],
    );
  });

  it('takes slots whose start is in [from, to)', () => {
    const counters: Record<string, CounterConfig> = { a: { days: ['mon'], hours: '09:00-10:00', slotMinutes: 30, desks: 1 } };
    const nine = parisDate('2019-01-07') + 9 * H;
    expect(generateSlots(counters, undefined, nine, nine + 30 * 60_000).map((s) => s.id)).toEqual(['a@2019-01-07T09:00#1']);
    expect(generateSlots(counters, undefined, nine + 1, nine + 30 * 60_000 + 1).map((s) => s.id)).toEqual(['a@2019-01-07T09:30#1']);
    expect(generateSlots(counters, undefined, nine, nine)).toEqual([]);
    expect(generateSlots(counters, undefined, nine, nine - D)).toEqual([]);
  });

  it('adds the capacity measure’s extra desks and extra days', () => {
    const slots = generateSlots(DEFAULT_COUNTERS, { extraDesks: 1, extraDays: ['wed', 'mon'] }, ...week);
    const renewal = slots.filter((s) => s.counter === 'renewal');
    expect(renewal.length).toBe(5 * 14 * 5); // wed added, mon already open: 5 days; 5 desks
    expect(new Set(renewal.map((s) => s.desk))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(slots.filter((s) => s.counter === 'exceptional-admission').length).toBe(2 * 6 * 3);
    expect(slots.some((s) => s.id === 'renewal@2019-01-09T11:45#5')).toBe(true);
  });

  it('sorts by start, then counter, then desk', () => {
    const same: CounterConfig = { days: ['mon'], hours: '09:00-10:00', slotMinutes: 30, desks: 2 };
    const slots = generateSlots({ b: same, a: same }, undefined, ...week);
    expect(slots.map((s) => `${local(s.start).toFormat('HH:mm')} ${s.counter}${s.desk}`)).toEqual(
      ['09:00 a1', '09:00 a2', '09:00 b1', '09:00 b2', '09:30 a1', '09:30 a2', '09:30 b1', '09:30 b2'],
    );
  });

  it('has no duplicate or shifted slots on 23- and 25-hour days', () => {
    const allDay: Record<string, CounterConfig> = { night: { days: ['sun'], hours: '00:00-24:00', slotMinutes: 60, desks: 1 } };
    const spring = generateSlots(allDay, undefined, parisDate('2019-03-31'), parisDate('2019-04-01'));
    expect(spring.length).toBe(23);
    expect(spring.some((s) => s.id.includes('T02:00'))).toBe(false);
    expect(spring.at(-1)?.id).toBe('night@2019-03-31T23:00#1');
    const autumn = generateSlots(allDay, undefined, parisDate('2019-10-27'), parisDate('2019-10-28'));
    expect(autumn.length).toBe(24);
    expect(new Set(autumn.map((s) => s.id)).size).toBe(24);
    expect(new Set(autumn.map((s) => s.start)).size).toBe(24);
  });

  it('is a pure function of its arguments', () => {
    const a = generateSlots(DEFAULT_COUNTERS, undefined, ...week);
    const b = generateSlots(DEFAULT_COUNTERS, undefined, ...week);
    expect(b).toEqual(a);
  });
});
