import { describe, expect, it } from 'vitest';
import { DEFAULT_COUNTERS, MAX_SLOTS_AHEAD, slotsPerWeek, TargetConfigSchema } from './policy.js';

const COUNTER = { days: ['mon', 'tue'], hours: '08:30-12:00', slotMinutes: 15, desks: 2 } as const;

describe('slotsPerWeek', () => {
  it('counts slots a day × open days × desks, extra capacity included', () => {
    expect(slotsPerWeek({ renewal: { ...COUNTER, days: [...COUNTER.days] } })).toBe(14 * 2 * 2);
    expect(slotsPerWeek({ renewal: { ...COUNTER, days: [...COUNTER.days] } }, { extraDesks: 1, extraDays: ['mon', 'wed'] })).toBe(14 * 3 * 3);
    // the target's default calendar: 4 × 14 × 4 + 5 × 6 × 2 + 1 × 6 × 2
    expect(slotsPerWeek(DEFAULT_COUNTERS)).toBe(224 + 60 + 12);
  });
});

describe('TargetConfigSchema', () => {
  const release = { kind: 'weekly', day: 'sun', at: '20:00', horizon: '52w' } as const;

  it('accepts a large but plausible calendar a year ahead', () => {
    const counters = { big: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '08:00-18:00', slotMinutes: 15, desks: 40 } };
    expect(TargetConfigSchema.safeParse({ release, counters }).success).toBe(true);
  });

  it('refuses counters that are each within bounds but together would hold too many slots ahead', () => {
    const counters = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`c${i}`, {
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], hours: '00:00-24:00', slotMinutes: 5, desks: 100,
    }]));
    const r = TargetConfigSchema.safeParse({ release, counters });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['counters']);
    // 50 counters × 7 days × 288 slots × 100 desks × 53 weeks
    expect(r.error?.issues[0]?.message).toMatch(/^these counters would hold about 534,240,000 slots ahead .*at most 1,000,000/);
    expect(MAX_SLOTS_AHEAD).toBe(1_000_000);
  });
});
