import { describe, expect, it } from 'vitest';
import { interval, overlaps, tQuantile975 } from './intervals.js';

describe('interval', () => {
  it('matches R t.test(1:5) to 5 decimals', () => {
    const i = interval([1, 2, 3, 4, 5]);
    expect(i.mean).toBe(3);
    expect(i.n).toBe(5);
    expect(i.low).toBeCloseTo(1.036757, 4);
    expect(i.high).toBeCloseTo(4.963243, 4);
  });

  it('gives no interval for a single replication', () => {
    expect(interval([0.42])).toEqual({ mean: 0.42, low: 0.42, high: 0.42, n: 1 });
  });

  it('gives a zero-width interval when every replication agrees', () => {
    expect(interval([0.5, 0.5, 0.5])).toEqual({ mean: 0.5, low: 0.5, high: 0.5, n: 3 });
  });

  it('uses the t table up to 30 df, then the normal quantile', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.706, 3);
    expect(tQuantile975(30)).toBeCloseTo(2.042, 3);
    expect(tQuantile975(31)).toBe(1.96);
    // 31 values alternating 0/1: half width = 1.96 * sd / sqrt(31)
    const values = Array.from({ length: 32 }, (_, k) => k % 2);
    const i = interval(values);
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - 0.5) ** 2, 0) / 31);
    expect(i.high - i.mean).toBeCloseTo((1.96 * sd) / Math.sqrt(32), 10);
  });

  it('is symmetric and narrows as replications grow', () => {
    const few = interval([1, 3, 2, 4]);
    const many = interval([1, 3, 2, 4, 1, 3, 2, 4, 1, 3, 2, 4]);
    expect(few.mean - few.low).toBeCloseTo(few.high - few.mean, 12);
    expect(many.high - many.low).toBeLessThan(few.high - few.low);
  });

  it('refuses empty and non-finite input with a clear message', () => {
    expect(() => interval([])).toThrow(/no values/);
    expect(() => interval([1, Number.NaN])).toThrow(/value #1 is NaN/);
    expect(() => tQuantile975(0)).toThrow(/integer >= 1/);
  });
});

describe('overlaps', () => {
  it('detects shared points, including touching ends', () => {
    const a = { mean: 1, low: 0, high: 2, n: 5 };
    expect(overlaps(a, { mean: 3, low: 2, high: 4, n: 5 })).toBe(true);
    expect(overlaps(a, { mean: 3.5, low: 2.1, high: 4, n: 5 })).toBe(false);
    expect(overlaps({ mean: 1, low: 1, high: 1, n: 1 }, { mean: 2, low: 2, high: 2, n: 1 })).toBe(false);
  });
});
