/**
 * Seeded hashing shared by the target (random release instants) and the simulator's random
 * streams. A leaf: it imports nothing, so anything may use it without pulling in the domain.
 * Only 32-bit integer arithmetic (Math.imul, shifts): identical on every machine.
 */

/**
 * Deterministic uniform number in [0, 1) from (seed, keys): a cyrb53-style hash of the JSON of
 * the inputs (so "5" and 5 differ and no separator can be forged), followed by a murmur3
 * finaliser on each lane. 53 bits, only 32-bit integer arithmetic: identical everywhere.
 */
export function uniform(seed: string, ...keys: (string | number)[]): number {
  const text = JSON.stringify([seed, ...keys]);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  h1 = fmix32(h1);
  h2 = fmix32(h2 ^ h1);
  return ((h2 >>> 11) * 4294967296 + (h1 >>> 0)) / 9007199254740992;
}

/** murmur3 finaliser: a bijective avalanche of a 32-bit integer, as an unsigned 32-bit value. */
export function fmix32(h: number): number {
  return fmixInt(h) >>> 0;
}

/**
 * fmix32 as a signed 32-bit integer: the same bits, but a small integer to V8, where a value
 * above 2^31 - 1 is a heap number allocated at every call. For chains of mixing steps.
 */
export function fmixInt(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
