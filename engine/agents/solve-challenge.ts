/**
 * How long a captcha takes and whether the answer is right, by solver: a person (their time,
 * their error rate), a farm (latency, price, accuracy; 2Captcha-like) or a device doing the
 * proof-of-work (2^difficulty hashes on average, at its hash rate).
 */
import type { ChallengeInfo, Solver } from '../../bots/actions.js';
import { solvePow } from '../../target/domain/captcha.js';
import type { Rng } from '../rng.js';

export interface Solved {
  delayMs: number;
  answer: string;
  costUsd: number;
}

const WRONG = 'XXXXXX';

/**
 * `expected` is the text of a text challenge; `difficulty` the proof-of-work difficulty of the
 * policy (the sim target checks a cheaper one, see drivers/in-process/in-process-driver.ts).
 */
export function solveChallenge(c: ChallengeInfo, solver: Solver, rng: Rng, expected: string | undefined, difficulty: number): Solved {
  if (c.kind === 'proof-of-work') {
    const rate = solver.kind === 'cpu' ? solver.hashesPerSecond : 100_000;
    // attempts until success are geometric with mean 2^difficulty
    const hashes = rng.exponential(2 ** difficulty);
    const nonce = solvePow(c.prompt, c.difficulty ?? 0).nonce;
    return { delayMs: (hashes / rate) * 1000, answer: nonce, costUsd: 0 };
  }
  switch (solver.kind) {
    case 'human': {
      const right = !rng.chance(solver.failRate);
      return { delayMs: solver.seconds * 1000, answer: right ? expected ?? WRONG : WRONG, costUsd: 0 };
    }
    case 'farm': {
      const right = rng.chance(solver.accuracy);
      return { delayMs: rng.lognormal(solver.latencySeconds * 1000, 0.25), answer: right ? expected ?? WRONG : WRONG, costUsd: solver.usdPer1000 / 1000 };
    }
    case 'cpu':
      return { delayMs: 1000, answer: WRONG, costUsd: 0 };
  }
}
