import { describe, expect, it } from 'vitest';
import { cryptoIds, cryptoRandom, MemoryRegistry, parseEpoch, ScaledClock } from './live-sources.js';

describe('ScaledClock', () => {
  it('runs simulated time at `speed` from `epoch`', () => {
    let real = 1_000_000;
    const c = new ScaledClock(Date.UTC(2019, 0, 6, 18, 0), 60, () => real);
    expect(c.now()).toBe(Date.UTC(2019, 0, 6, 18, 0));
    real += 60_000; // one real minute = one simulated hour
    expect(c.now()).toBe(Date.UTC(2019, 0, 6, 19, 0));
    expect(c.realDelayUntil(Date.UTC(2019, 0, 6, 20, 0))).toBe(60_000);
    expect(c.realDelayUntil(0)).toBe(0);
  });
  it('refuses a speed that is not positive', () => {
    expect(() => new ScaledClock(0, 0)).toThrow(/speed/);
    expect(() => new ScaledClock(0, Number.NaN)).toThrow(/speed/);
  });
});

describe('parseEpoch', () => {
  it('reads dates as Paris midnight, local times as Paris wall clock, offsets as given', () => {
    expect(parseEpoch('2019-01-06')).toBe(Date.UTC(2019, 0, 5, 23, 0));
    expect(parseEpoch('2019-07-07')).toBe(Date.UTC(2019, 6, 6, 22, 0));
    expect(parseEpoch('2019-01-06T20:00')).toBe(Date.UTC(2019, 0, 6, 19, 0));
    expect(parseEpoch('2019-01-06T20:00:00Z')).toBe(Date.UTC(2019, 0, 6, 20, 0));
  });
  it('returns undefined for anything else', () => {
    for (const s of ['', 'tomorrow', '2019-02-30', '06/01/2019', '2019-13-01T00:00']) expect(parseEpoch(s), s).toBeUndefined();
  });
});

describe('crypto sources', () => {
  it('ids are prefixed and unique, secrets long and URL-safe', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => cryptoIds.next('b')));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^b-[0-9a-f-]{36}$/);
    expect(cryptoIds.secret()).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
  it('random numbers are in [0, 1) and spread', () => {
    const xs = Array.from({ length: 2000 }, () => cryptoRandom.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});

describe('MemoryRegistry', () => {
  it('loads by replacing, and looks numbers up trimmed', () => {
    const r = new MemoryRegistry();
    expect(r.lookup('75')).toBeUndefined();
    expect(r.load([{ agdref: ' 75 ', firstName: 'A', lastName: 'B' }])).toBe(1);
    expect(r.lookup('75 ')).toEqual({ firstName: 'A', lastName: 'B' });
    r.load([{ agdref: '76', firstName: 'C', lastName: 'D' }]);
    expect(r.lookup('75')).toBeUndefined();
    expect(r.size).toBe(1);
  });
});
