import { describe, expect, it } from 'vitest';
import type { Outcome } from '../actions.js';
import { actionsOf, answering, bookingDesk, crewContext, DAY, drive, HOUR, idleWatch, slots, type CrewSetup } from '../test-support/crew-run.js';
import { reseller, type ResellerPlan } from './reseller.js';

const plan: ResellerPlan = { mode: 'handover', copies: 1, maxHeld: 3, cancelLeadMs: 2 * DAY, spread: 50 };

function run(setup: CrewSetup, answer: (desk: ReturnType<typeof bookingDesk>) => Parameters<typeof drive>[2], steps = 40, p = plan) {
  const { ctx, clock } = crewContext(setup);
  const desk = bookingDesk(slots(6, 20 * DAY));
  const log = drive(reseller(ctx, p), clock, answer(desk), steps, idleWatch);
  return { ctx, log, desk };
}

describe('reseller (the loop of hoarder, sniper and double-seller)', () => {
  it('gives up a counter whose registry check refuses its fake identities, for the whole crew', () => {
    const { ctx, log } = run({}, (desk) => answering(desk, (a) => (a.kind === 'book' ? { kind: 'rejected', rejected: 'REGISTRY_MISMATCH' } : undefined)));
    expect(actionsOf(log, 'book')).toHaveLength(1);
    expect(ctx.state.blockedCounters.has('renewal')).toBe(true);
    expect(log.at(-1)?.action).toMatchObject({ kind: 'watch', counter: null });
  });

  it('moves to another address when one reaches the per-e-mail limit', () => {
    let refused = false;
    const { log } = run({}, (desk) => answering(desk, (a): Outcome | undefined => {
      if (a.kind === 'book' && !refused) {
        refused = true;
        return { kind: 'rejected', rejected: 'LIMIT_REACHED' };
      }
      return undefined;
    }), 20);
    const emails = actionsOf(log, 'book').map((b) => b.identity.email);
    expect(emails.length).toBeGreaterThanOrEqual(2);
    expect(emails.slice(1)).not.toContain(emails[0]);
  });

  it('backs off 5 to 30 s when rate-limited, and asks for a fresh list when a slot was taken', () => {
    const answers: Outcome[] = [{ kind: 'rejected', rejected: 'RATE_LIMITED' }, { kind: 'rejected', rejected: 'SLOT_TAKEN' }];
    const { log } = run({}, (desk) => answering(desk, (a) => (a.kind === 'book' ? answers.shift() : undefined)), 12);
    const kinds = log.map((s) => s.action.kind);
    const first = kinds.indexOf('book');
    const backoff = log[first + 1]?.action;
    expect(backoff?.kind).toBe('sleep');
    const ms = (backoff as { ms: number }).ms;
    expect(ms).toBeGreaterThanOrEqual(5000);
    expect(ms).toBeLessThanOrEqual(30_000);
    const second = kinds.indexOf('book', first + 1);
    // a taken slot: a fresh list (of slots it can still sell in time) before the next try
    expect(log[second + 1]?.action).toEqual({ kind: 'list', counter: 'renewal', minLeadMs: 4 * DAY });
  });

  it('solves the captcha with its farm, and replays one answer where the target lets it', () => {
    const farm = { latencySeconds: 12, usdPer1000: 3, accuracy: 0.9 };
    const challenge = { id: 'c1', kind: 'challenge' as const, prompt: 'X7K', expiresAt: 1e15 };
    const captchaAnswers = (desk: ReturnType<typeof bookingDesk>) => answering(desk, (a): Outcome | undefined => {
      if (a.kind === 'captcha') return { kind: 'challenge', challenge };
      if (a.kind === 'solve') return { kind: 'answer', answer: 'X7K' };
      return undefined;
    });
    const rules = { captcha: { kind: 'challenge' as const, difficulty: 0 } };
    const fresh = run({ crew: { captchaSolver: farm }, rules }, captchaAnswers);
    expect(actionsOf(fresh.log, 'solve')[0]?.solver).toEqual({ kind: 'farm', ...farm });
    expect(actionsOf(fresh.log, 'captcha')).toHaveLength(3);
    expect(actionsOf(fresh.log, 'book').every((b) => b.captcha?.answer === 'X7K')).toBe(true);

    const replay = run({ rules: { ...rules, captchaReplay: true } }, captchaAnswers);
    expect(actionsOf(replay.log, 'book')).toHaveLength(3);
    expect(actionsOf(replay.log, 'captcha')).toHaveLength(1);
    // without a farm, the operator types it
    expect(actionsOf(replay.log, 'solve')[0]?.solver).toEqual({ kind: 'human', seconds: 8, failRate: 0.05 });
  });

  it('is at the keyboard a moment after an announced weekly release when it polls slowly', () => {
    const release = 5 * DAY + 20 * HOUR;
    const { ctx, clock } = crewContext({
      crew: { pollEverySeconds: 600 }, agentIndex: 3, rules: { release: 'weekly' },
      announcedRelease: (after) => (after < release ? release : undefined),
    });
    const log = drive(reseller(ctx, plan), clock, answering(bookingDesk([])), 3);
    expect(actionsOf(log, 'watch')[0]?.until).toBe(release + 500 + 3 * 150);
    // a fast crew has no need to: it polls anyway
    const fast = crewContext({ crew: { pollEverySeconds: 5 }, rules: { release: 'weekly' }, announcedRelease: (after) => (after < release ? release : undefined) });
    const fastLog = drive(reseller(fast.ctx, plan), fast.clock, answering(bookingDesk([])), 3);
    expect(actionsOf(fastLog, 'watch')[0]?.until).toBeUndefined();
  });

  it('behind a waiting room, joins the queue and books with its admitted ticket', () => {
    const release = 3 * DAY;
    const { log } = run({
      rules: { release: 'waiting-room', preQueueMs: HOUR }, announcedRelease: (after) => (after < release ? release : undefined),
    }, (desk) => answering(desk, (a, now): Outcome | undefined => {
      if (a.kind === 'joinRoom') return { kind: 'ticket', ticketId: 'w1', releaseAt: release, admitAt: Math.max(now, release) + 1000 };
      // the list opens with the release
      if ((a.kind === 'watch' || a.kind === 'list') && now < release) return a.kind === 'watch' ? { kind: 'timeout' } : { kind: 'slots', slots: [] };
      return undefined;
    }), 30);
    const kinds = log.map((s) => s.action.kind);
    expect(kinds).toContain('joinRoom');
    const join = log[kinds.indexOf('joinRoom')];
    // in the pre-queue window: after it opens, before the release
    expect(join?.at).toBeGreaterThanOrEqual(release - HOUR);
    expect(join?.at).toBeLessThan(release);
    const books = actionsOf(log, 'book');
    expect(books.length).toBeGreaterThan(0);
    expect(books.every((b) => b.ticket === 'w1')).toBe(true);
  });

  it('with one booking per admission, queues again before each booking', () => {
    const release = 3 * DAY;
    let tickets = 0;
    const { log } = run({
      rules: { release: 'waiting-room', preQueueMs: HOUR, bookingsPerAdmission: 1, admissionWindowMs: 5 * 60_000 },
      announcedRelease: (after) => (after < release ? release : undefined),
    }, (desk) => answering(desk, (a, now): Outcome | undefined => {
      if (a.kind === 'joinRoom') return { kind: 'ticket', ticketId: `w${++tickets}`, releaseAt: release, admitAt: Math.max(now, release) + 1000 };
      if ((a.kind === 'watch' || a.kind === 'list') && now < release) return a.kind === 'watch' ? { kind: 'timeout' } : { kind: 'slots', slots: [] };
      return undefined;
    }), 60);
    const books = actionsOf(log, 'book');
    expect(books.length).toBeGreaterThan(2);
    // every booking spends its own admission
    expect(new Set(books.map((b) => b.ticket)).size).toBe(books.length);
    expect(actionsOf(log, 'joinRoom').length).toBeGreaterThanOrEqual(books.length);
  });
});
