/** mulberry32: a small seeded generator of uniform [0, 1), good enough for counting wins over many seeds in tests. */
import type { RandomSource } from '../ports.js';

export function seededRandom(seed: number): RandomSource {
  let a = seed >>> 0;
  // an arrow, so that `seededRandom(s).next` can be passed on alone
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next };
}
