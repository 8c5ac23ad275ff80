import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { parisDate } from './calendar.js';
import type { ReleaseConfig } from './policy.js';
import { nextReleaseAt, parseReleaseWindow, parisWeekStart, releaseInstants } from './release-schedule.js';

const H = 3_600_000;
const D = 24 * H;
const local = (ms: number) => DateTime.fromMillis(ms, { zone: 'Europe/Paris' });

const weekly: ReleaseConfig = { kind: 'weekly', day: 'sun', at: '20:00', horizon: '8w' };
const random: ReleaseConfig = { kind: 'random', batchesPerWeek: 5, window: 'mon-fri 08:00-18:00', horizon: '8w' };

describe('releaseInstants: fixed weekly policies', () => {
  it('gives every Sunday 20:00 Paris time in (from, to], across DST changes', () => {
    const from = parisDate('2019-01-01');
    const to = parisDate('2020-01-01');
    const all = releaseInstants(weekly, from, to, 's');
    expect(all.length).toBe(52);
    for (const t of all) expect(local(t).toFormat('ccc HH:mm')).toBe('Sun 20:00');
    expect(all).toEqual([...all].sort((a, b) => a - b));
  });

  it('excludes from and includes to', () => {
    const sunday = Date.UTC(2019, 0, 6, 19, 0);
    expect(releaseInstants(weekly, sunday, sunday + 7 * D, 's')).toEqual([sunday + 7 * D]);
    expect(releaseInstants(weekly, sunday - 1, sunday + 7 * D - 1, 's')).toEqual([sunday]);
    expect(releaseInstants(weekly, sunday, sunday, 's')).toEqual([]);
  });

  it('uses the same day and time for lottery draws and waiting-room openings', () => {
    const from = parisDate('2019-01-01');
    const to = parisDate('2019-03-01');
    const lottery: ReleaseConfig = { kind: 'lottery', day: 'fri', at: '12:00', registration: '7d', horizon: '8w' };
    const room: ReleaseConfig = { kind: 'waiting-room', day: 'fri', at: '12:00', preQueue: '30m', admitPerMinute: 60, bookingsPerAdmission: 1, admissionWindow: '5m', horizon: '8w' };
    const draws = releaseInstants(lottery, from, to, 's');
    expect(draws.length).toBe(8);
    expect(draws.every((t) => local(t).toFormat('ccc HH:mm') === 'Fri 12:00')).toBe(true);
    expect(releaseInstants(room, from, to, 's')).toEqual(draws);
  });

  it('has no instants for continuous release', () => {
    const continuous: ReleaseConfig = { kind: 'continuous', horizon: '8w' };
    expect(releaseInstants(continuous, 0, 100 * D, 's')).toEqual([]);
    expect(nextReleaseAt(continuous, 0, 's')).toBeUndefined();
  });
});

describe('releaseInstants: random policy', () => {
  const from = parisDate('2019-01-07');
  const to = parisDate('2019-03-04'); // 8 weeks

  it('draws batchesPerWeek instants per Paris week inside the window', () => {
    const all = releaseInstants(random, from, to, '2019');
    expect(all.length).toBe(40);
    const perWeek = new Map<number, number>();
    for (const t of all) {
      const l = local(t);
      expect(l.weekday).toBeLessThanOrEqual(5);
      expect(l.toFormat('HH:mm') >= '08:00' && l.toFormat('HH:mm') < '18:00').toBe(true);
      expect(t % 1000).toBe(0);
      perWeek.set(parisWeekStart(t), (perWeek.get(parisWeekStart(t)) ?? 0) + 1);
    }
    expect([...perWeek.values()]).toEqual(new Array(8).fill(5));
    expect(all).toEqual([...all].sort((a, b) => a - b));
  });

  it('computes any week on its own, the same as in a long range', () => {
    const all = releaseInstants(random, from, to, '2019');
    const byWeek: number[] = [];
    for (let w = 7; w >= 0; w--) byWeek.unshift(...releaseInstants(random, from + w * 7 * D, from + (w + 1) * 7 * D, '2019'));
    expect(byWeek).toEqual(all);
    const cut = all[17]!;
    expect([...releaseInstants(random, from, cut, '2019'), ...releaseInstants(random, cut, to, '2019')]).toEqual(all);
  });

  it('depends on the seed', () => {
    const a = releaseInstants(random, from, to, 'seed-a');
    expect(releaseInstants(random, from, to, 'seed-a')).toEqual(a);
    expect(releaseInstants(random, from, to, 'seed-b')).not.toEqual(a);
  });

  it('spreads instants over the window days and hours', () => {
    const many: ReleaseConfig = { ...random, batchesPerWeek: 1000 } as ReleaseConfig;
    const all = releaseInstants(many, from, from + 7 * D, 'spread');
    expect(all.length).toBeGreaterThan(990); // same-second draws merge
    const days = new Array<number>(7).fill(0);
    const hours = new Array<number>(24).fill(0);
    for (const t of all) {
      days[local(t).weekday - 1]! += 1;
      hours[local(t).hour]! += 1;
    }
    for (let d = 0; d < 5; d++) expect(days[d]).toBeGreaterThan(150);
    expect(days[5]! + days[6]!).toBe(0);
    for (let h = 8; h < 18; h++) expect(hours[h]).toBeGreaterThan(60);
  });

  it('wraps windows over the weekend and allows closing at 24:00', () => {
    const late: ReleaseConfig = { kind: 'random', batchesPerWeek: 50, window: 'fri-mon 22:00-24:00', horizon: '8w' };
    const all = releaseInstants(late, from, from + 28 * D, 'wrap');
    expect(all.length).toBe(200);
    const days = new Set(all.map((t) => local(t).weekday));
    expect(days).toEqual(new Set([5, 6, 7, 1]));
    expect(all.every((t) => local(t).hour >= 22)).toBe(true);
  });

  it('keeps instants inside the window in DST-change weeks', () => {
    const all = releaseInstants(random, parisDate('2019-03-25'), parisDate('2019-04-08'), 'dst');
    expect(all.length).toBe(10);
    for (const t of all) expect(local(t).hour >= 8 && local(t).hour < 18).toBe(true);
  });

  it('refuses a window whose hours end before they start', () => {
    const bad = { ...random, window: 'mon-fri 18:00-08:00' } as ReleaseConfig;
    expect(() => releaseInstants(bad, from, to, 's')).toThrow(DomainError);
    expect(() => parseReleaseWindow('mon-fri 18:00-08:00')).toThrow(/end after they start/);
    expect(parseReleaseWindow('sat-sun 00:00-24:00')).toEqual({ days: [5, 6], open: 0, close: 1440 });
  });
});

describe('nextReleaseAt', () => {
  it('is the next weekly instant for fixed policies', () => {
    const sunday = Date.UTC(2019, 0, 6, 19, 0);
    expect(nextReleaseAt(weekly, parisDate('2019-01-01'), 's')).toBe(sunday);
    expect(nextReleaseAt(weekly, sunday, 's')).toBe(sunday + 7 * D);
  });

  it('walks the random schedule one instant at a time', () => {
    const from = parisDate('2019-01-07');
    const to = parisDate('2019-03-04');
    const expected = releaseInstants(random, from, to, 'walk');
    const walked: number[] = [];
    for (let t = nextReleaseAt(random, from, 'walk'); t !== undefined && t <= to; t = nextReleaseAt(random, t, 'walk')) walked.push(t);
    expect(walked).toEqual(expected);
  });

  it('finds a release in the following week when this week’s are over', () => {
    const weekAfter = parisDate('2019-01-14');
    const lastOfWeek = releaseInstants(random, parisDate('2019-01-07'), weekAfter, 'x').at(-1)!;
    const next = nextReleaseAt(random, lastOfWeek, 'x')!;
    expect(next).toBe(releaseInstants(random, weekAfter, weekAfter + 7 * D, 'x')[0]);
  });
});
