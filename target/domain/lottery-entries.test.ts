/** Lottery de-duplication (`oneEntryPer`): what duplicate entries are worth when a draw does not refuse them. */
import { describe, expect, it } from 'vitest';
import { DomainError, type ErrorCode } from './errors.js';
import type { PolicyInput } from './policy.js';
import { ctxOf, DAY, makeTarget, MONDAY, person, SUNDAY_20H } from './test-support/fixture.js';
import { seededRandom } from './test-support/seeded-random.js';

function code(fn: () => unknown): ErrorCode | 'none' {
  try { fn(); return 'none'; } catch (e) { if (e instanceof DomainError) return e.code; throw e; }
}

const lottery = (oneEntryPer?: ('email' | 'agdref')[]): PolicyInput => ({
  release: { kind: 'lottery', day: 'sun', at: '20:00', horizon: '1w', ...(oneEntryPer ? { oneEntryPer } : {}) },
});

/**
 * Ten weekly draws on the first-request counter (4 slots a week): 100 people register once, a
 * duplicator tries 20 times each week. The slots the duplicator won, and its entries accepted.
 */
function duplicatorWins(policy: PolicyInput): { won: number; accepted: number } {
  const { target, advance } = makeTarget(policy, { random: seededRandom(2019) });
  const dup = person(500);
  let won = 0;
  let accepted = 0;
  for (let week = 0; week < 10; week++) {
    advance(MONDAY + week * 7 * DAY + DAY);
    for (let i = 0; i < 100; i++) target.register(ctxOf(i), 'first-request', person(week * 1000 + i));
    const mine: string[] = [];
    for (let k = 0; k < 20; k++) {
      try { mine.push(target.register(ctxOf(500), 'first-request', dup).id); } catch (e) { if (!(e instanceof DomainError)) throw e; }
    }
    accepted += mine.length;
    advance(SUNDAY_20H + week * 7 * DAY);
    won += mine.filter((id) => target.lotteryResult(id).outcome === 'won').length;
  }
  return { won, accepted };
}

describe('lottery de-duplication', () => {
  it('by default refuses a second entry of the same e-mail or AGDREF, as before it was a setting', () => {
    const { target, advance } = makeTarget(lottery());
    advance(MONDAY + DAY);
    target.register(ctxOf(1), 'renewal', person(1));
    expect(code(() => target.register(ctxOf(2), 'renewal', person(1, { agdref: '7500000999' })))).toBe('ALREADY_REGISTERED');
    expect(code(() => target.register(ctxOf(3), 'renewal', person(1, { email: 'other@example.org' })))).toBe('ALREADY_REGISTERED');
  });

  it('de-duplicates only the fields named: a shared e-mail passes when only AGDREF numbers count', () => {
    const { target, advance } = makeTarget(lottery(['agdref']));
    advance(MONDAY + DAY);
    target.register(ctxOf(1), 'renewal', person(1));
    expect(code(() => target.register(ctxOf(2), 'renewal', person(2, { email: 'p1@example.org' })))).toBe('none');
    expect(code(() => target.register(ctxOf(3), 'renewal', person(1, { email: 'other@example.org' })))).toBe('ALREADY_REGISTERED');
  });

  it('raises a duplicator\'s chance when nothing is de-duplicated', () => {
    const on = duplicatorWins(lottery());
    const off = duplicatorWins(lottery([]));
    expect(on.accepted).toBe(10);
    expect(off.accepted).toBe(200);
    // 4 slots among 101 entries a week (≈ 0.4 in ten weeks) against 4 among 120, 20 of them its own (≈ 6.7)
    expect(off.won).toBeGreaterThan(on.won);
    expect(off.won).toBeGreaterThanOrEqual(3);
  });
});
