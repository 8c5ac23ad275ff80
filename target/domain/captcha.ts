/**
 * The two anti-robot challenges of the captcha measure:
 * - `challenge`: a short text to type back, standing for a human image captcha (what matters to
 *   the simulation is its cost in time and the solver farms, not the image);
 * - `proof-of-work`: a hashcash puzzle (ALTCHA-style): find a nonce such that
 *   sha256(`${prompt}:${nonce}`) starts with `difficulty` zero bits. Costs CPU, not humans.
 */
import { createHash } from 'node:crypto';
import type { RandomSource } from './ports.js';
import type { ChallengeKind } from './types.js';

/** No 0/O, 1/I/L: characters people confuse when reading them back. */
export const CHALLENGE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CHALLENGE_LENGTH = 6;
export const POW_PROMPT_LENGTH = 16;
/**
 * An expired challenge is kept this long before the sweep deletes it, so that a late answer is
 * told CAPTCHA_EXPIRED (fetch a new one) rather than CAPTCHA_INVALID; after that it is unknown.
 */
export const EXPIRED_CHALLENGE_KEPT_MS = 10 * 60_000;
/** Nonces are decimal counters; anything much longer is garbage we refuse to hash. */
const MAX_NONCE_LENGTH = 64;

function pick(random: RandomSource, alphabet: string): string {
  const i = Math.min(Math.floor(random.next() * alphabet.length), alphabet.length - 1);
  return alphabet[i] as string;
}

/** A new challenge. `difficulty` only matters for proof-of-work (the caller stores it with the challenge). */
export function makeChallenge(kind: ChallengeKind, random: RandomSource, difficulty: number): { prompt: string; answer?: string } {
  if (kind === 'challenge') {
    let text = '';
    for (let i = 0; i < CHALLENGE_LENGTH; i++) text += pick(random, CHALLENGE_ALPHABET);
    return { prompt: text, answer: text };
  }
  if (!Number.isInteger(difficulty) || difficulty < 0 || difficulty > 256) {
    throw new RangeError(`proof-of-work difficulty must be an integer in 0..256, got ${difficulty}`);
  }
  let prompt = '';
  for (let i = 0; i < POW_PROMPT_LENGTH; i++) prompt += pick(random, '0123456789abcdef');
  return { prompt };
}

/** Typed answers: case and spaces do not count. */
function normalizeTyped(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/**
 * Is `given` a right answer? For `challenge` the typed text (case-insensitive, spaces ignored);
 * for `proof-of-work` a nonce solving the puzzle at the challenge's difficulty.
 * Single use, expiry and session binding are the caller's business.
 */
export function checkChallengeAnswer(
  c: { kind: ChallengeKind; prompt: string; answer?: string; difficulty?: number },
  given: string,
): boolean {
  if (typeof given !== 'string') return false;
  if (c.kind === 'challenge') {
    const expected = normalizeTyped(c.answer ?? c.prompt);
    return expected.length > 0 && normalizeTyped(given) === expected;
  }
  if (c.difficulty === undefined) {
    // A stored proof-of-work challenge always carries its difficulty; guessing one would hide a bug.
    throw new Error('proof-of-work challenge without a difficulty');
  }
  return powValid(c.prompt, c.difficulty, given.trim());
}

/** Number of leading zero bits of a byte string. */
export function leadingZeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const b of bytes) {
    if (b === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(b) - 24;
  }
  return bits;
}

/** Does sha256(`${prompt}:${nonce}`) start with at least `difficulty` zero bits? */
export function powValid(prompt: string, difficulty: number, nonce: string): boolean {
  if (nonce.length === 0 || nonce.length > MAX_NONCE_LENGTH) return false;
  const digest = createHash('sha256').update(`${prompt}:${nonce}`, 'utf8').digest();
  return leadingZeroBits(digest) >= difficulty;
}

/** Brute force from nonce "0" upwards: what an honest client (or a bot) does. */
export function solvePow(prompt: string, difficulty: number): { nonce: string; attempts: number } {
  if (!Number.isInteger(difficulty) || difficulty < 0 || difficulty > 64) {
    throw new RangeError(`proof-of-work difficulty must be an integer in 0..64, got ${difficulty}`);
  }
  for (let n = 0; ; n++) {
    const nonce = String(n);
    if (powValid(prompt, difficulty, nonce)) return { nonce, attempts: n + 1 };
  }
}

/** Name of the function POW_BROWSER_SOLVER declares. */
export const POW_BROWSER_SOLVER_NAME = 'guichetSolvePow';

/**
 * Browser source (plain ES2017, no imports) declaring
 * `async function guichetSolvePow(prompt, difficulty) → { nonce, attempts }`.
 * It hashes batches in parallel with crypto.subtle but returns the first valid nonce in counting
 * order, so it finds exactly the nonce solvePow finds. Inline it in a <script> element.
 */
export const POW_BROWSER_SOLVER = `async function ${POW_BROWSER_SOLVER_NAME}(prompt, difficulty) {
  var enc = new TextEncoder();
  var zeroBits = function (bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { bits += 8; continue; }
      return bits + Math.clz32(bytes[i]) - 24;
    }
    return bits;
  };
  var hash = function (n) {
    return crypto.subtle.digest('SHA-256', enc.encode(prompt + ':' + n)).then(function (d) {
      return zeroBits(new Uint8Array(d));
    });
  };
  var batch = 64;
  for (var start = 0; ; start += batch) {
    var jobs = [];
    for (var n = start; n < start + batch; n++) jobs.push(hash(n));
    var bits = await Promise.all(jobs);
    for (var k = 0; k < bits.length; k++) {
      if (bits[k] >= difficulty) return { nonce: String(start + k), attempts: start + k + 1 };
    }
  }
}`;
