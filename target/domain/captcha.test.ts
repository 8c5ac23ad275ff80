import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  CHALLENGE_ALPHABET, POW_BROWSER_SOLVER, POW_BROWSER_SOLVER_NAME, checkChallengeAnswer, leadingZeroBits,
  makeChallenge, powValid, solvePow,
} from './captcha.js';
import { seededRandom } from './test-support/seeded-random.js';

const zeroBitsOf = (text: string) => leadingZeroBits(createHash('sha256').update(text).digest());

describe('text challenge', () => {
  it('is 6 unambiguous characters to type back', () => {
    const random = seededRandom(1);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const c = makeChallenge('challenge', random, 17);
      expect(c.prompt).toMatch(/^[A-Z2-9]{6}$/);
      expect(c.prompt).not.toMatch(/[0O1IlL]/);
      expect(c.answer).toBe(c.prompt);
      for (const ch of c.prompt) seen.add(ch);
    }
    expect([...seen].sort().join('')).toBe([...CHALLENGE_ALPHABET].sort().join(''));
  });

  it('is deterministic for a given random source, and varies with it', () => {
    expect(makeChallenge('challenge', seededRandom(7), 1)).toEqual(makeChallenge('challenge', seededRandom(7), 1));
    expect(makeChallenge('challenge', seededRandom(7), 1).prompt).not.toBe(makeChallenge('challenge', seededRandom(8), 1).prompt);
  });

  it('survives a random source returning its extreme values', () => {
    expect(makeChallenge('challenge', { next: () => 0 }, 1).prompt).toBe('AAAAAA');
    expect(makeChallenge('challenge', { next: () => 0.9999999999 }, 1).prompt).toBe('999999');
  });

  it('accepts the typed text whatever the case and spacing, and nothing else', () => {
    const c = { kind: 'challenge' as const, prompt: 'AB3K7Z', answer: 'AB3K7Z' };
    expect(checkChallengeAnswer(c, 'AB3K7Z')).toBe(true);
    expect(checkChallengeAnswer(c, 'ab3k7z')).toBe(true);
    expect(checkChallengeAnswer(c, ' AB3 k7z\t')).toBe(true);
    expect(checkChallengeAnswer(c, 'AB3K7')).toBe(false);
    expect(checkChallengeAnswer(c, 'AB3K7ZZ')).toBe(false);
    expect(checkChallengeAnswer(c, 'AB3K72')).toBe(false);
    expect(checkChallengeAnswer(c, '')).toBe(false);
    expect(checkChallengeAnswer(c, 'AB-3K7Z')).toBe(false);
  });

  it('checks against the stored answer, not the prompt, when both exist', () => {
    expect(checkChallengeAnswer({ kind: 'challenge', prompt: 'shown', answer: 'XY2345' }, 'xy2345')).toBe(true);
    expect(checkChallengeAnswer({ kind: 'challenge', prompt: 'shown', answer: 'XY2345' }, 'shown')).toBe(false);
  });
});

describe('proof of work', () => {
  it('issues a 16-hex-digit prefix and keeps no answer', () => {
    const c = makeChallenge('proof-of-work', seededRandom(3), 12);
    expect(c.prompt).toMatch(/^[0-9a-f]{16}$/);
    expect('answer' in c).toBe(false);
    expect(() => makeChallenge('proof-of-work', seededRandom(3), -1)).toThrow(RangeError);
  });

  it('counts leading zero bits', () => {
    expect(leadingZeroBits(new Uint8Array([0x80]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0x01, 0xff]))).toBe(7);
    expect(leadingZeroBits(new Uint8Array([0x00, 0x00, 0x10]))).toBe(19);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it('solves by counting from 0 and finds the first valid nonce', () => {
    const prompt = 'a1b2c3d4e5f60718';
    const { nonce, attempts } = solvePow(prompt, 10);
    expect(attempts).toBe(Number(nonce) + 1);
    expect(powValid(prompt, 10, nonce)).toBe(true);
    expect(zeroBitsOf(`${prompt}:${nonce}`)).toBeGreaterThanOrEqual(10);
    for (let n = 0; n < Number(nonce); n++) expect(powValid(prompt, 10, String(n))).toBe(false);
  });

  it('needs about 2^difficulty attempts on average', () => {
    const random = seededRandom(11);
    let total = 0;
    const runs = 40;
    for (let i = 0; i < runs; i++) total += solvePow(makeChallenge('proof-of-work', random, 8).prompt, 8).attempts;
    const mean = total / runs;
    expect(mean).toBeGreaterThan(256 / 2);
    expect(mean).toBeLessThan(256 * 2);
  });

  it('checks answers against the challenge’s own difficulty and prompt', () => {
    const prompt = '00112233445566ff';
    const { nonce } = solvePow(prompt, 11);
    const c = { kind: 'proof-of-work' as const, prompt, difficulty: 11 };
    expect(checkChallengeAnswer(c, nonce)).toBe(true);
    expect(checkChallengeAnswer(c, ` ${nonce} `)).toBe(true);
    expect(checkChallengeAnswer({ ...c, prompt: '00112233445566fe' }, nonce)).toBe(zeroBitsOf(`00112233445566fe:${nonce}`) >= 11);
    expect(checkChallengeAnswer(c, '')).toBe(false);
    expect(checkChallengeAnswer(c, 'x'.repeat(1000))).toBe(false);
    // a nonce that solves difficulty d but not d + 1 fails at d + 1
    const easy = solvePow(prompt, 3);
    const bits = zeroBitsOf(`${prompt}:${easy.nonce}`);
    expect(checkChallengeAnswer({ ...c, difficulty: bits }, easy.nonce)).toBe(true);
    expect(checkChallengeAnswer({ ...c, difficulty: bits + 1 }, easy.nonce)).toBe(false);
    expect(() => checkChallengeAnswer({ kind: 'proof-of-work', prompt }, nonce)).toThrow(/difficulty/);
  });
});

describe('browser solver', () => {
  it('finds the same nonce as solvePow with WebCrypto', async () => {
    expect(globalThis.crypto?.subtle).toBeDefined();
    const solve = new Function(`${POW_BROWSER_SOLVER}\nreturn ${POW_BROWSER_SOLVER_NAME};`)() as
      (prompt: string, difficulty: number) => Promise<{ nonce: string; attempts: number }>;
    for (const [prompt, difficulty] of [['0f1e2d3c4b5a6978', 12], ['deadbeefdeadbeef', 6], ['0000000000000000', 0]] as const) {
      const got = await solve(prompt, difficulty);
      expect(powValid(prompt, difficulty, got.nonce)).toBe(true);
      expect(got).toEqual(solvePow(prompt, difficulty));
    }
  });

  it('is a classic script (no TypeScript or module syntax) that can sit in a <script> element', () => {
    expect(POW_BROWSER_SOLVER.startsWith(`async function ${POW_BROWSER_SOLVER_NAME}(`)).toBe(true);
    expect(() => new Script(POW_BROWSER_SOLVER)).not.toThrow();
    expect(POW_BROWSER_SOLVER).not.toMatch(/<\/script/i);
  });
});
