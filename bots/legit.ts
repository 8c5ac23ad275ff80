/**
 * A person who needs an appointment. They look at the slot list a few times a day within their
 * active hours; when a slot is listed they fill in the form (~2 min), solve the captcha if there
 * is one and book, and may lose the race. After `buyAfterDays` without a slot they turn to the
 * scalpers' market. They confirm their e-mail when asked, take part in lotteries and waiting
 * rooms when the policy has them, and show up at the counter with their own papers.
 */
import type { Action, Convocation, Identity, Outcome, SlotInfo } from './actions.js';
import type { LegitContext } from './context.js';
import { decisionOf } from './batch-decision.js';
import { attendRelease, checkLottery, joinRoom, plannedAttendance, registerForDraw } from './legit-release.js';
import { MIN_LEAD_MS, ownAddress, ticketValid, type Seeker } from './seeker.js';
import { earlySlot } from './early-slot.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** After their deadline people keep trying for a while (a récépissé, an appeal), then give up. */
export const GIVE_UP_AFTER_DEADLINE_MS = 60 * DAY;
/** An order the market has not filled in this long is placed again (maybe with another seller). */
const REORDER_AFTER_MS = 7 * DAY;

type Step<T> = Generator<Action, T, Outcome>;

export function* legitAgent(ctx: LegitContext): Generator<Action, void, Outcome> {
  const p = ctx.persona;
  const me: Seeker = { identity: { ...p.identity }, boughtOnce: false };
  let giveUpAt = p.deadlineAt + GIVE_UP_AFTER_DEADLINE_MS;
  /** when they started looking for the appointment they are after now */
  let since = p.arrivalAt;
  let visitsLeft = p.laterVisits;
  for (;;) {
    const conv = yield* findSlot(ctx, me, giveUpAt, since);
    if (!conv) return;
    // they come a little early, with their own papers
    yield { kind: 'sleepUntil', at: Math.max(ctx.now(), conv.slotStart - ctx.rng.between(5, 30) * MINUTE) };
    if (!p.showsUp) return;
    const r = yield { kind: 'checkIn', bookingId: conv.bookingId, counter: conv.counter, presented: p.papers };
    if (r.kind === 'checkIn' && r.served) {
      if (visitsLeft <= 0) return;
      // the file is not complete: another appointment to book online, looked for as the first
      // (the receipt covers them meanwhile, so they try as long as they did for the first)
      visitsLeft--;
      since = ctx.now();
      giveUpAt = since + (p.deadlineAt - p.arrivalAt) + GIVE_UP_AFTER_DEADLINE_MS;
      me.boughtOnce = false;
      continue;
    }
    // refused at the counter: they have to find another appointment
    if (ctx.now() >= giveUpAt) return;
  }
}

function* findSlot(ctx: LegitContext, me: Seeker, giveUpAt: number, since: number): Step<Convocation | undefined> {
  const p = ctx.persona;
  const [from, to] = p.activeHours;
  const everyMs = ((to - from) * MINUTE) / p.checksPerDay;
  const buyAt = p.buyAfterDays !== undefined && p.willingToPayEur > 0 ? since + p.buyAfterDays * DAY : Infinity;
  for (;;) {
    const now = ctx.now();
    if (now >= giveUpAt) {
      if (me.orderId) yield { kind: 'cancelOrder' };
      return undefined;
    }
    if (me.orderId && now >= (me.orderedAt ?? now) + REORDER_AFTER_MS) {
      // a broker who has found nothing in a week: they try their luck elsewhere on the market
      yield { kind: 'cancelOrder' };
      me.orderId = undefined;
    }
    if (!me.orderId && !me.boughtOnce && now >= buyAt) {
      const o = yield { kind: 'order', counter: p.counter, maxPriceEur: p.willingToPayEur, identity: marketIdentity(ctx), notAfter: p.deadlineAt };
      me.orderId = o.kind === 'ordered' ? o.orderId : undefined;
      me.orderedAt = now;
    }
    if (ctx.rules.release === 'lottery' && !me.lottery) me.lottery = yield* registerForDraw(ctx, me);
    let until = giveUpAt;
    if (!me.orderId && !me.boughtOnce && buyAt > now) until = Math.min(until, buyAt);
    if (me.orderId) until = Math.min(until, (me.orderedAt ?? now) + REORDER_AFTER_MS);
    if (me.lottery) until = Math.min(until, me.lottery.resultAt);
    const attendAt = ctx.rules.release === 'waiting-room' ? plannedAttendance(ctx, me) : undefined;
    if (attendAt !== undefined) until = Math.min(until, attendAt);
    const o = yield {
      kind: 'watch', counter: p.counter, everyMs, jitterMs: everyMs, activeHours: p.activeHours, until, inbox: me.orderId !== undefined,
      minLeadMs: MIN_LEAD_MS,
    };
    if (o.kind === 'inbox') {
      for (const m of o.messages) {
        // news of an order they have since called off: too late, it changes nothing
        if ((m.kind !== 'delivered' && m.kind !== 'failed') || m.orderId !== me.orderId) continue;
        me.orderId = undefined;
        if (m.kind === 'delivered') {
          me.boughtOnce = true;
          return m.convocation;
        }
        // the seller lost the rebooking race and refunded: they may order again later
      }
    } else if (o.kind === 'slots') {
      const conv = yield* tryBook(ctx, me, o.slots);
      if (conv) return yield* settle(me, conv);
    } else if (o.kind === 'timeout') {
      if (me.lottery && ctx.now() >= me.lottery.resultAt) {
        const won = yield* checkLottery(me.lottery);
        me.lottery = undefined;
        // a draw entered before an appointment that fell through may have given a slot now past
        if (won && won.slotStart > ctx.now() + MIN_LEAD_MS) return yield* settle(me, won);
      } else if (attendAt !== undefined && ctx.now() >= attendAt) {
        const slots = yield* attendRelease(ctx, me);
        if (slots.length > 0) {
          const conv = yield* tryBook(ctx, me, slots);
          if (conv) return yield* settle(me, conv);
        }
      }
    }
  }
}

/** Having found a slot themselves, they call off their order on the market. */
function* settle(me: Seeker, conv: Convocation): Step<Convocation> {
  if (me.orderId) {
    yield { kind: 'cancelOrder' };
    me.orderId = undefined;
  }
  return conv;
}

/** What they give a scalper: their real name (they want it on the convocation) and contact. */
function marketIdentity(ctx: LegitContext): Identity {
  const p = ctx.persona;
  const id: Identity = { firstName: p.papers.firstName, lastName: p.papers.lastName, email: p.identity.email };
  if (p.identity.agdref !== undefined) id.agdref = p.identity.agdref;
  return id;
}

/** Form, captcha, submit; on a lost race they look at the list once more and try again. */
export function* tryBook(ctx: LegitContext, me: Seeker, slots: readonly SlotInfo[], attempts = 4): Step<Convocation | undefined> {
  const p = ctx.persona;
  let list = slots;
  for (let attempt = 0; attempt < attempts && list.length > 0; attempt++) {
    if (ctx.rules.release === 'waiting-room' && !ticketValid(ctx, me.ticket)) {
      // seen during the week: through the room first (behind everyone queued for the last release)
      if (!(yield* joinRoom(ctx, me))) return undefined;
      const l = yield { kind: 'list', counter: p.counter, minLeadMs: MIN_LEAD_MS };
      list = l.kind === 'slots' ? l.slots : [];
      if (list.length === 0) return undefined;
    }
    const slot = earlySlot(ctx.rng, list);
    yield { kind: 'sleep', ms: ctx.rng.lognormal(p.formSeconds, 0.2) * 1000, busy: true };
    let captcha: { id: string; answer: string } | undefined;
    if (ctx.rules.captcha) {
      const c = yield { kind: 'captcha' };
      if (c.kind !== 'challenge') return undefined;
      const solver = c.challenge.kind === 'proof-of-work'
        ? { kind: 'cpu' as const, hashesPerSecond: p.hashesPerSecond }
        : { kind: 'human' as const, seconds: ctx.rng.lognormal(p.captchaSeconds, 0.3), failRate: p.captchaFailRate };
      const a = yield { kind: 'solve', challenge: c.challenge, solver };
      if (a.kind !== 'answer') return undefined;
      captcha = { id: c.challenge.id, answer: a.answer };
    }
    const book: Action = { kind: 'book', slotId: slot.id, identity: me.identity };
    if (captcha) book.captcha = captcha;
    if (me.ticket) book.ticket = me.ticket.id;
    // batch release: the page says when the decision comes; they look again a few minutes after
    const r = yield* decisionOf(ctx, yield book, () => ctx.rng.between(1, 15) * MINUTE);
    if (r.kind === 'booked') {
      if (me.ticket) me.ticket.uses++;
      return yield* confirmIfAsked(ctx, me, r.convocation, r.confirmBy);
    }
    if (r.kind !== 'rejected') return undefined;
    switch (r.rejected) {
      case 'SLOT_TAKEN':
      case 'SLOT_NOT_RELEASED': {
        const l = yield { kind: 'list', counter: p.counter, minLeadMs: MIN_LEAD_MS };
        list = l.kind === 'slots' ? l.slots : [];
        break;
      }
      case 'CAPTCHA_INVALID':
      case 'CAPTCHA_EXPIRED':
      case 'CAPTCHA_USED':
        break;
      case 'LIMIT_REACHED':
        // the shared address is "full": they make themselves an address of their own
        me.identity = { ...me.identity, email: ownAddress(me.identity.email, p.index) };
        break;
      case 'REGISTRY_MISMATCH':
      case 'NAME_REQUIRED':
        // they check their papers and type the name exactly
        me.identity = { ...me.identity, firstName: p.papers.firstName, lastName: p.papers.lastName };
        break;
      case 'RATE_LIMITED':
        yield { kind: 'sleep', ms: ctx.rng.between(1, 5) * MINUTE };
        break;
      case 'NOT_ADMITTED':
        // the admission ran out while they filled the form: back through the room
        me.ticket = undefined;
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}

/**
 * They read the confirmation mail after their usual delay. Having lost a booking that way once,
 * they watch their mailbox (and give their own address, not an association's) the next time.
 */
function* confirmIfAsked(ctx: LegitContext, me: Seeker, conv: Convocation, confirmBy: number | undefined): Step<Convocation | undefined> {
  if (confirmBy === undefined) return conv;
  const delay = me.missedConfirmation ? ctx.rng.between(1, 10) : ctx.persona.mailDelayMinutes;
  yield { kind: 'sleep', ms: delay * MINUTE };
  const r = yield { kind: 'confirm', bookingId: conv.bookingId, email: me.identity.email };
  if (r.kind === 'ok') return conv;
  me.missedConfirmation = true;
  if (ctx.persona.sharedEmail) me.identity = { ...me.identity, email: ownAddress(me.identity.email, ctx.persona.index) };
  return undefined;
}
