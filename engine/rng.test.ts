import { describe, expect, it } from 'vitest';
import { hashString, replicationSeed, Rng, seedFor, streamFor, uniform3, uniformAt } from './rng.js';

const draws = (r: Rng, n: number) => Array.from({ length: n }, () => r.next());

describe('Rng streams', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    expect(draws(new Rng(42), 5)).toEqual(draws(new Rng(42), 5));
    expect(draws(new Rng(42), 5)).not.toEqual(draws(new Rng(43), 5));
  });

  it('gives each agent its own stream: adding agents does not change the others', () => {
    const a1 = draws(streamFor(7, 'legit:workers:1'), 10);
    const others = ['legit:workers:2', 'crew:cafe:0', 'crew:cafe:1'].map((id) => draws(streamFor(7, id), 10));
    expect(draws(streamFor(7, 'legit:workers:1'), 10)).toEqual(a1);
    for (const o of others) expect(o).not.toEqual(a1);
    expect(draws(streamFor(8, 'legit:workers:1'), 10)).not.toEqual(a1);
  });

  it('is uniform enough: mean, variance and buckets', () => {
    const r = new Rng(1);
    const n = 200_000;
    const buckets = new Array(10).fill(0);
    let sum = 0;
    let sq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
      sq += x * x;
      buckets[Math.floor(x * 10)]++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 2);
    for (const b of buckets) expect(Math.abs(b - n / 10)).toBeLessThan(n / 100);
  });

  it('draws lognormal, exponential and Poisson with the right moments', () => {
    const r = new Rng(3);
    const n = 100_000;
    const logn = Array.from({ length: n }, () => r.lognormal(10, 0.5)).sort((a, b) => a - b);
    expect(logn[n / 2]).toBeGreaterThan(9.7);
    expect(logn[n / 2]).toBeLessThan(10.3);
    const ex = Array.from({ length: n }, () => r.exponential(4));
    expect(ex.reduce((s, x) => s + x, 0) / n).toBeCloseTo(4, 1);
    for (const lambda of [3, 250]) {
      const p = Array.from({ length: n / 4 }, () => r.poisson(lambda));
      const mean = p.reduce((s, x) => s + x, 0) / p.length;
      const variance = p.reduce((s, x) => s + (x - mean) ** 2, 0) / p.length;
      expect(Math.abs(mean - lambda) / lambda).toBeLessThan(0.02);
      expect(Math.abs(variance - lambda) / lambda).toBeLessThan(0.06);
      expect(p.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    }
  });

  it('picks by weight', () => {
    const r = new Rng(9);
    let a = 0;
    for (let i = 0; i < 10_000; i++) if (r.weighted([['a', 3], ['b', 1]] as const) === 'a') a++;
    expect(a / 10_000).toBeGreaterThan(0.72);
    expect(a / 10_000).toBeLessThan(0.78);
  });
});

describe('counter-based draws', () => {
  it('are a pure function of (seed, keys), in any order', () => {
    const forward = [0, 1, 2, 3].map((k) => uniformAt(5, 1, k));
    const backward = [3, 2, 1, 0].map((k) => uniformAt(5, 1, k)).reverse();
    expect(forward).toEqual(backward);
    expect(uniform3(5, 1, 2, 3)).toBe(uniformAt(5, 1, 2, 3));
    expect(uniformAt(5, 1, 2)).not.toBe(uniformAt(5, 2, 1));
    expect(uniformAt(5, 1)).not.toBe(uniformAt(5, 1, 0));
  });

  it('are uniform across consecutive counters', () => {
    const s = seedFor(11, 'crew:x:0');
    let sum = 0;
    const n = 100_000;
    for (let k = 0; k < n; k++) sum += uniform3(s, 0, k, 0);
    expect(sum / n).toBeCloseTo(0.5, 2);
  });

  it('derive distinct replication seeds and string hashes', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => replicationSeed(2019, i)));
    expect(seeds.size).toBe(1000);
    expect(hashString('a')).not.toBe(hashString('b'));
    expect(hashString('Noël')).toBe(hashString('Noël'));
  });
});
