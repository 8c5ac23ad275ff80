import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_KEYS, TokenBuckets } from './rate-limit.js';

const S = 1000;
const M = 60 * S;

function takes(b: TokenBuckets, key: string, now: number, n: number): boolean[] {
  return Array.from({ length: n }, () => b.take(key, now));
}

describe('TokenBuckets', () => {
  it('allows a burst of `capacity`, then one request per refill interval', () => {
    const b = new TokenBuckets(3, 6); // one token every 10 s
    expect(takes(b, 'ip', 0, 4)).toEqual([true, true, true, false]);
    expect(b.take('ip', 9_999)).toBe(false);
    expect(b.take('ip', 10_000)).toBe(true);
    expect(b.take('ip', 10_000)).toBe(false);
    expect(b.take('ip', 30_000)).toBe(true);
    expect(b.take('ip', 30_000)).toBe(true);
    expect(b.take('ip', 30_000)).toBe(false);
  });

  it('keeps keys apart', () => {
    const b = new TokenBuckets(1, 1);
    expect(b.take('a', 0)).toBe(true);
    expect(b.take('a', 0)).toBe(false);
    expect(b.take('b', 0)).toBe(true);
    expect(b.size).toBe(2);
  });

  it('caps the refill at capacity however long the key was idle', () => {
    const b = new TokenBuckets(2, 60);
    takes(b, 'k', 0, 2);
    expect(takes(b, 'k', 24 * 60 * M, 3)).toEqual([true, true, false]);
  });

  it('accumulates fractional refill across refused requests', () => {
    const b = new TokenBuckets(1, 1); // one token a minute
    expect(b.take('k', 0)).toBe(true);
    expect(b.take('k', 30 * S)).toBe(false); // half a token: refused, but the half is kept
    expect(b.take('k', 45 * S)).toBe(false);
    expect(b.take('k', 60 * S)).toBe(true);
  });

  it('refuses without consuming: a hammering client still gets its refill', () => {
    const b = new TokenBuckets(1, 6);
    b.take('k', 0);
    let granted = 0;
    for (let t = 0; t <= 60 * S; t += 100) if (b.take('k', t)) granted++;
    expect(granted).toBe(6);
  });

  it('does not refill when time goes backwards', () => {
    const b = new TokenBuckets(2, 60);
    takes(b, 'k', 10 * S, 2);
    expect(b.take('k', 0)).toBe(false);
    expect(b.take('k', 10 * S)).toBe(false);
    expect(b.take('k', 11 * S)).toBe(true);
  });

  it('says how long to wait', () => {
    const b = new TokenBuckets(1, 2); // one token every 30 s
    expect(b.retryAfterMs('k', 0)).toBe(0);
    b.take('k', 0);
    expect(b.retryAfterMs('k', 0)).toBe(30 * S);
    expect(b.retryAfterMs('k', 20 * S)).toBe(10 * S);
    expect(b.retryAfterMs('k', 30 * S)).toBe(0);
  });

  it('forgets everything on reset', () => {
    const b = new TokenBuckets(1, 1);
    b.take('k', 0);
    b.reset();
    expect(b.size).toBe(0);
    expect(b.take('k', 0)).toBe(true);
  });

  it('gives the same answers for the same requests', () => {
    const run = () => {
      const b = new TokenBuckets(5, 6);
      const out: boolean[] = [];
      for (let i = 0; i < 500; i++) out.push(b.take(`ip${i % 7}`, i * 731));
      return out;
    };
    const first = run();
    expect(run()).toEqual(first);
    expect(first.filter((x) => !x).length).toBeGreaterThan(0);
  });

  it('refuses nonsensical settings', () => {
    expect(() => new TokenBuckets(0, 1)).toThrow(RangeError);
    expect(() => new TokenBuckets(1, 0)).toThrow(RangeError);
    expect(() => new TokenBuckets(Number.NaN, 1)).toThrow(RangeError);
    expect(() => new TokenBuckets(1, 1, 0)).toThrow(RangeError);
  });
});

describe('TokenBuckets memory bound', () => {
  it('drops full buckets first, keeping the ones still owing tokens even if older', () => {
    const b = new TokenBuckets(3, 1, 10); // one token a minute
    takes(b, 'busy', 0, 3); // empty, full again only after 3 minutes
    for (let i = 0; i < 9; i++) b.take(`once${i}`, 10 * S); // full again after 1 minute
    expect(b.size).toBe(10);
    b.take('new', 80 * S); // 11 keys: the sweep drops the nine full ones, not the oldest
    expect(b.size).toBe(2);
    expect(takes(b, 'busy', 80 * S, 2)).toEqual([true, false]); // 1.33 tokens, not a fresh 3
  });

  it('stays bounded when no bucket is full, keeping the recently seen keys', () => {
    const b = new TokenBuckets(5, 1, 10);
    takes(b, 'hot', 0, 5);
    for (let i = 0; i < 1000; i++) {
      b.take(`flood${i}`, 0);
      expect(b.take('hot', 0)).toBe(false); // hot is seen constantly, so never forgotten
      expect(b.size).toBeLessThanOrEqual(10);
    }
  });

  it('holds at most 100,000 keys by default', () => {
    const b = new TokenBuckets(2, 1);
    for (let i = 0; i <= DEFAULT_MAX_KEYS + 5; i++) b.take(`ip${i}`, 0);
    expect(b.size).toBeLessThanOrEqual(DEFAULT_MAX_KEYS);
    expect(b.size).toBeGreaterThan(DEFAULT_MAX_KEYS * 0.8);
    takes(b, `ip${DEFAULT_MAX_KEYS + 5}`, 0, 1);
    expect(b.take(`ip${DEFAULT_MAX_KEYS + 5}`, 0)).toBe(false);
  });
});
