/**
 * The moves every scalper strategy is made of: get past the captcha (farm, operator or CPU,
 * or a replayed answer when the target lets one be replayed), get through the waiting room,
 * book a slot in a given name, hand a held slot over to a buyer by cancel-and-rebook.
 */
import type { ErrorCode } from '../target/domain/errors.js';
import type { Action, ChallengeInfo, Convocation, Identity, MarketMessage, Outcome, RefusalCode, Solver } from './actions.js';
import type { CrewContext } from './context.js';
import { decisionOf } from './batch-decision.js';
import { entryCostEur } from './entry-costs.js';
import { drop, type HoldingQueues } from './holdings.js';
import { enterWaitingRoom, ticketValid, type Admission } from './seeker.js';

type Step<T> = Generator<Action, T, Outcome>;

/** What one bot agent remembers between actions. */
export interface BotMemory {
  holdings: HoldingQueues;
  ticket?: Admission | undefined;
  /** waiting room: the release whose pre-queue it joined last */
  attended?: number;
  /** a solved captcha kept for replay when the target has the captcha-replay flaw (bound to this session) */
  replayable?: { id: string; answer: string } | undefined;
  /**
   * non-atomic-booking flaw: the answer that just booked, still unused as far as the target's
   * checks can see, for the rest of a burst of bookings sent together at instant `at`
   */
  burst?: { id: string; answer: string; at: number; left: number } | undefined;
  /** weekly release: the release it was at the keyboard for */
  rushed?: number | undefined;
  /** lottery: the draw it registered for, and its registrations */
  entries?: { drawAt: number; ids: { id: string; identity: number }[] };
  /** when it plans to join the pre-queue of the next release */
  roomAt?: { release: number; at: number };
}

/** Without a farm, the cybercafé operator types the captchas: slower, free, rarely wrong. */
const OPERATOR: Solver = { kind: 'human', seconds: 8, failRate: 0.05 };
/** Bots compute proof-of-work on a server: some millions of hashes a second. */
const BOT_HASHES_PER_SECOND = 5_000_000;

export function solverFor(ctx: CrewContext, challenge: ChallengeInfo): Solver {
  if (challenge.kind === 'proof-of-work') return { kind: 'cpu', hashesPerSecond: BOT_HASHES_PER_SECOND };
  const farm = ctx.crew.captchaSolver;
  return farm ? { kind: 'farm', latencySeconds: farm.latencySeconds, usdPer1000: farm.usdPer1000, accuracy: farm.accuracy } : OPERATOR;
}

/**
 * Bookings a bot sends at once on one captcha answer when the target's booking is not atomic:
 * the forms are filled in parallel and reach the target together, before the first one's spend
 * of the answer is written (assumption: a burst of the size race-condition tools send).
 */
export const NON_ATOMIC_BURST = 20;

/** The answer of the burst under way at this instant, if any is left (spends one). */
function burstAnswer(ctx: CrewContext, mem: BotMemory): { id: string; answer: string } | undefined {
  const b = mem.burst;
  if (!b || b.at !== ctx.now() || b.left <= 0) return undefined;
  b.left--;
  return { id: b.id, answer: b.answer };
}

/** A captcha answer ready to submit, or the code that stopped us. */
export function* solvedCaptcha(ctx: CrewContext, mem: BotMemory): Step<{ id: string; answer: string } | RefusalCode> {
  if (ctx.rules.captchaReplay && mem.replayable) return mem.replayable;
  const c = yield { kind: 'captcha' };
  if (c.kind === 'rejected') return c.rejected;
  if (c.kind !== 'challenge') return 'VALIDATION';
  const a = yield { kind: 'solve', challenge: c.challenge, solver: solverFor(ctx, c.challenge) };
  if (a.kind !== 'answer') return 'CAPTCHA_INVALID';
  return { id: c.challenge.id, answer: a.answer };
}

/** Waiting room: join and wait for admission, unless the ticket held still has a booking left in its window. */
export function* admitted(ctx: CrewContext, mem: BotMemory): Step<boolean> {
  if (ctx.rules.release !== 'waiting-room') return true;
  if (ticketValid(ctx, mem.ticket)) return true;
  const ticket = yield* enterWaitingRoom(ctx, ctx.counter, 200, entryCostEur(ctx.crew));
  if (!ticket) return false;
  mem.ticket = ticket;
  return true;
}

/** Books `slotId` in the name of `identity` (confirming at once: the crew reads its catch-all mailbox). */
export function* bookOne(
  ctx: CrewContext, mem: BotMemory, slotId: string, identity: Identity, captcha?: { id: string; answer: string }, feeEur = 0,
): Step<Convocation | RefusalCode> {
  for (let attempt = 0; attempt < 2; attempt++) {
    let answer = captcha;
    captcha = undefined;
    const inBurst = !answer && ctx.rules.nonAtomicBooking ? burstAnswer(ctx, mem) : undefined;
    if (inBurst) {
      // filled in parallel with the burst's first form: sent at the same instant
      answer = inBurst;
    } else {
      if (!answer && ctx.rules.captcha) {
        const c = yield* solvedCaptcha(ctx, mem);
        if (typeof c === 'string') return c;
        answer = c;
      }
      yield { kind: 'sleep', ms: ctx.crew.bookSeconds * 1000 };
    }
    const book: Extract<Action, { kind: 'book' }> = { kind: 'book', slotId, identity };
    if (answer) book.captcha = answer;
    if (mem.ticket) book.ticket = mem.ticket.id;
    if (feeEur > 0) book.feeEur = feeEur;
    // batch release: the script reads the decision as soon as the batch closes
    const r = yield* decisionOf(ctx, yield book, () => 200, book.feeEur);
    if (r.kind === 'booked') {
      if (mem.ticket) mem.ticket.uses++;
      if (answer && ctx.rules.captchaReplay) mem.replayable = answer;
      if (answer && ctx.rules.nonAtomicBooking && !inBurst) mem.burst = { ...answer, at: ctx.now(), left: NON_ATOMIC_BURST - 1 };
      if (r.confirmBy !== undefined) {
        const c = yield { kind: 'confirm', bookingId: r.convocation.bookingId, email: identity.email };
        if (c.kind !== 'ok') return c.kind === 'rejected' ? c.rejected : 'BOOKING_NOT_ACTIVE';
      }
      return r.convocation;
    }
    if (r.kind !== 'rejected') return 'VALIDATION';
    // spent or expired admission: the next booking queues again
    if (r.rejected === 'NOT_ADMITTED') mem.ticket = undefined;
    if (r.rejected === 'CAPTCHA_INVALID' || r.rejected === 'CAPTCHA_USED' || r.rejected === 'CAPTCHA_EXPIRED') {
      // the replayed answer stopped working, or the farm got it wrong: one more go
      mem.replayable = undefined;
      mem.burst = undefined;
      continue;
    }
    return r.rejected;
  }
  return 'CAPTCHA_INVALID';
}

/**
 * Cancel-and-rebook in the buyer's name. The captcha is solved first so that the slot is free
 * for as short a time as possible, but for bookSeconds anyone polling fast enough can take it.
 */
export function* transferTo(ctx: CrewContext, mem: BotMemory, msg: Extract<MarketMessage, { kind: 'transfer' }>): Step<void> {
  const held = ctx.state.held.get(msg.convocation.bookingId);
  // the rebooking needs an admission: queue before freeing the slot
  if (!(yield* admitted(ctx, mem))) {
    yield { kind: 'deliver', orderId: msg.orderId, convocation: null };
    return;
  }
  let answer: { id: string; answer: string } | undefined;
  if (ctx.rules.captcha) {
    const c = yield* solvedCaptcha(ctx, mem);
    if (typeof c === 'string') {
      yield { kind: 'deliver', orderId: msg.orderId, convocation: null };
      return;
    }
    answer = c;
  }
  const cancelled = yield { kind: 'cancel', bookingId: msg.convocation.bookingId, token: msg.convocation.token };
  drop(ctx.state, msg.convocation.bookingId);
  if (cancelled.kind !== 'ok') {
    yield { kind: 'deliver', orderId: msg.orderId, convocation: null };
    return;
  }
  // the buyer's name and AGDREF, the crew's mailbox (to confirm at once)
  const mailbox = ctx.state.identity(held?.identity ?? 0).email;
  const identity: Identity = { ...msg.buyer, email: mailbox };
  const r = yield* bookOne(ctx, mem, msg.convocation.slotId, identity, answer);
  const d = yield { kind: 'deliver', orderId: msg.orderId, convocation: typeof r === 'string' ? null : r };
  // the buyer called the order off meanwhile: free the slot
  if (d.kind === 'rejected' && typeof r !== 'string') yield { kind: 'cancel', bookingId: r.bookingId, token: r.token };
}
