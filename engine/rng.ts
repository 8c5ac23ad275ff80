/**
 * Seeded randomness for the simulation. Two kinds:
 * - streams (sfc32): one per agent, seeded from (run seed, agent id) by hashing, so adding an
 *   agent does not reshuffle the draws of the others;
 * - counter-based draws (`uniformAt`): a pure function of (seed, keys), for values that must be
 *   computed out of order or twice with the same result (poll jitter under poll elision).
 * Only 32-bit integer arithmetic (Math.imul, shifts): identical on every machine.
 */
import { fmixInt } from '../target/domain/hash.js';

/**
 * Combines a running hash with one more 32-bit word (murmur3 body step + finaliser). Signed, as
 * the steps inside the draws below are (see fmixInt): a year of simulation makes millions of
 * these draws; only exported values are unsigned.
 */
function mixInt(h: number, k: number): number {
  k = Math.imul(k | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  return fmixInt(h);
}

/** Combines a running hash with one more 32-bit word, as an unsigned 32-bit value. */
export function mix32(h: number, k: number): number {
  return mixInt(h, k) >>> 0;
}

/** 32-bit hash of a string (UTF-16 code units), for agent ids and names. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) h = mixInt(h, text.charCodeAt(i));
  return fmixInt(h ^ text.length) >>> 0;
}

/** Splits a number that may exceed 32 bits (a seed up to 2^53) into a hash (signed, see fmixInt). */
function hashNumber(h: number, n: number): number {
  const lo = n | 0; // the low 32 bits, as n >>> 0 has them
  const hi = Math.floor(n / 4294967296) | 0;
  return mixInt(mixInt(h, lo), hi);
}

const INV32 = 1 / 4294967296;

/** Uniform in [0, 1) from (seed, keys): same inputs, same value, in any order of calls. */
export function uniformAt(seed: number, ...keys: number[]): number {
  let h = hashNumber(0x9e3779b9, seed);
  for (const k of keys) h = hashNumber(h, k);
  return (fmixInt(h ^ keys.length) >>> 0) * INV32;
}

/** uniformAt(seed, a, b, c) without the rest-parameter array: for hot paths. */
export function uniform3(seed: number, a: number, b: number, c: number): number {
  return uniformAfter(drawPrefix(seed, a), b, c);
}

/** The part of uniform3(seed, a, ·, ·) that depends on (seed, a) only: computed once for many draws. */
export function drawPrefix(seed: number, a: number): number {
  return hashNumber(hashNumber(0x9e3779b9, seed), a);
}

/** uniform3(seed, a, b, c), given drawPrefix(seed, a). */
export function uniformAfter(prefix: number, b: number, c: number): number {
  return (fmixInt(hashNumber(hashNumber(prefix, b), c) ^ 3) >>> 0) * INV32;
}

/** Seed of one replication: independent of the policy, so policies are compared on the same people. */
export function replicationSeed(scenarioSeed: number, replication: number): number {
  return mix32(hashNumber(0x5eed, scenarioSeed), replication) % 2147483647;
}

/** Small fast counter PRNG (sfc32, PractRand-clean), with the distributions the model needs. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal = NaN;

  constructor(seed: number) {
    // four independent words from the seed, then a few rounds to leave the seeding state
    this.a = mix32(seed, 1);
    this.b = mix32(seed, 2);
    this.c = mix32(seed, 3);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() * INV32;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let x = this.next() * total;
    for (const [item, w] of items) {
      if ((x -= w) < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }

  /** Standard normal (Marsaglia polar method; the second value is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return u * f;
  }

  /** Lognormal with the given median and log-standard-deviation. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Poisson count with mean `lambda` (Knuth below 30, PTRS transformed rejection above). */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda < 30) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    // Hörmann (1993), "The transformed rejection method for generating Poisson random variables"
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.next() - 0.5;
      const v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) return k;
    }
  }
}

function logFactorial(k: number): number {
  if (k < 2) return 0;
  // Stirling series: exact enough beyond the table-free range used here (k >= 2)
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}

/** The stream of one agent (or any named party) in one replication. */
export function streamFor(runSeed: number, agentId: string): Rng {
  return new Rng(hashNumber(hashString(agentId), runSeed));
}

/** A 32-bit seed for counter-based draws of one agent (jitter keys are then (watch, poll)). */
export function seedFor(runSeed: number, agentId: string, salt = 0): number {
  return mix32(hashNumber(hashString(agentId), runSeed), salt);
}
