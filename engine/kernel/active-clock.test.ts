import { describe, expect, it } from 'vitest';
import { parisDate } from '../../target/domain/calendar.js';
import { ActiveClock } from './active-clock.js';
import { ParisDays } from './paris-days.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONDAY = parisDate('2019-01-07');

describe('ActiveClock', () => {
  const days = new ParisDays(MONDAY, 400);
  const clock = new ActiveClock(days, 8 * 60, 22 * 60);

  it('runs 14 hours a day inside 08:00-22:00 and stands still outside', () => {
    expect(clock.toActive(MONDAY + 8 * HOUR)).toBe(0);
    expect(clock.toActive(MONDAY + 12 * HOUR)).toBe(4 * HOUR);
    expect(clock.toActive(MONDAY + 23 * HOUR)).toBe(14 * HOUR);
    expect(clock.toActive(MONDAY + DAY + 3 * HOUR)).toBe(14 * HOUR);
    expect(clock.toActive(MONDAY + DAY + 9 * HOUR)).toBe(15 * HOUR);
  });

  it('maps active time back to real time, a gap to the next opening', () => {
    for (const t of [MONDAY + 8.5 * HOUR, MONDAY + 3 * DAY + 17 * HOUR, MONDAY + 200 * DAY + 9 * HOUR]) {
      expect(clock.toReal(clock.toActive(t))).toBeCloseTo(t, 3);
    }
    expect(clock.toReal(clock.toActive(MONDAY + 23 * HOUR))).toBe(MONDAY + DAY + 8 * HOUR);
  });

  it('keeps local opening hours across daylight saving time', () => {
    // 31 March 2019: clocks go forward at 02:00 in Paris; 08:00 local is 06:00 UTC from then on
    const sunday = parisDate('2019-03-31');
    const d = Math.round((sunday - MONDAY) / DAY);
    expect(days.wallTime(d, 8 * 60)).toBe(Date.UTC(2019, 2, 31, 6, 0));
    expect(days.wallTime(d - 1, 8 * 60)).toBe(Date.UTC(2019, 2, 30, 7, 0));
    const allDay = new ActiveClock(days, 0, 1440);
    expect(allDay.toActive(sunday + 23 * HOUR) - allDay.toActive(sunday)).toBe(23 * HOUR);
  });

  it('is monotone and extends past its table by whole days', () => {
    let last = -1;
    for (let t = MONDAY; t < MONDAY + 420 * DAY; t += 5 * HOUR + 17_000) {
      const a = clock.toActive(t);
      expect(a).toBeGreaterThanOrEqual(last);
      last = a;
    }
  });
});
