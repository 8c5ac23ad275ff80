import { describe, expect, it } from 'vitest';
import { fmix32, uniform } from './hash.js';

describe('fmix32', () => {
  it('is the murmur3 finaliser (reference values), unsigned', () => {
    // 0x514e28b7 is murmur3's published fmix32(1); 0 is its fixed point
    expect(fmix32(1)).toBe(0x514e28b7);
    expect(fmix32(0)).toBe(0);
    // a negative (signed) input gives the same word as its unsigned twin
    expect(fmix32(-1)).toBe(fmix32(0xffffffff));
    expect(fmix32(-1)).toBeGreaterThan(0);
  });

  it('maps distinct words to distinct words (bijective on a sample)', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 50_000; i++) seen.add(fmix32(i));
    expect(seen.size).toBe(50_000);
  });

  it('avalanches: flipping one input bit flips about half the output bits', () => {
    const popcount = (x: number) => {
      let c = 0;
      for (let v = x >>> 0; v; v >>>= 1) c += v & 1;
      return c;
    };
    let flips = 0;
    let trials = 0;
    for (let i = 0; i < 500; i++) {
      for (let bit = 0; bit < 32; bit++) {
        flips += popcount(fmix32(i) ^ fmix32(i ^ (1 << bit)));
        trials++;
      }
    }
    expect(flips / trials).toBeGreaterThan(15);
    expect(flips / trials).toBeLessThan(17);
  });
});

describe('uniform', () => {
  it('is a pure function of (seed, keys) with values in [0, 1)', () => {
    expect(uniform('2019', 'release', 42, 0)).toBe(uniform('2019', 'release', 42, 0));
    // pinned: a change of algorithm would silently change every seeded run
    expect(uniform('2019', 'release', 1546815600000, 0)).toMatchInlineSnapshot(`0.9306048002585958`);
    expect(uniform('')).toMatchInlineSnapshot(`0.9321326465883724`);
    const values = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const u = uniform('seed', i);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      values.add(u);
    }
    expect(values.size).toBe(2000);
  });

  it('separates keys that would collide when naively joined', () => {
    expect(uniform('a', 5)).not.toBe(uniform('a', '5'));
    expect(uniform('a', 'b', 'c')).not.toBe(uniform('a', 'bc'));
    expect(uniform('ab', 'c')).not.toBe(uniform('a', 'bc'));
    expect(uniform('seed1', 1)).not.toBe(uniform('seed2', 1));
  });

  it('is evenly spread over sequential keys', () => {
    const n = 20_000;
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const u = uniform('run', 'agent', i);
      sum += u;
      bins[Math.floor(u * 10)]! += 1;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
    // chi-square with 9 degrees of freedom: 27.9 is the 0.1 % critical value
    const chi = bins.reduce((acc, b) => acc + (b - n / 10) ** 2 / (n / 10), 0);
    expect(chi).toBeLessThan(27.9);
  });
});
