/**
 * The loop shared by the crews that book first and sell afterwards (sniper, hoarder,
 * double-seller): watch the list, grab what appears under fake identities up to the stock the
 * crew wants, put it on the market, hand sold slots over, and cancel what did not sell a few
 * days before the appointment.
 */
import type { Action, Outcome, SaleMode, SlotInfo } from '../actions.js';
import { admitted, bookOne, transferTo, type BotMemory } from '../bot-steps.js';
import type { CrewContext } from '../context.js';
import { bookingCostEur, worthLeadMs } from '../business.js';
import { atWork, noteSpent, reviewEntry } from '../crew-entry.js';
import { slotCostEur } from '../entry-costs.js';
import { bookingFeeEur, crewPollTiming, hasIdentity, pickIdentity, unsoldCount } from '../crew.js';
import { drop, emptyQueues, hold, nextCancelAt, takeDue } from '../holdings.js';
import { collectDraw, enterDraw, nextDrawStep } from './draws.js';

const DAY = 86_400_000;
type Step<T> = Generator<Action, T, Outcome>;

export interface ResellerPlan {
  mode: SaleMode;
  /** buyers each slot is sold to (> 1: double-selling) */
  copies: number;
  maxHeld: number;
  /** unsold slots are cancelled this long before they start */
  cancelLeadMs: number;
  /** bots take a random slot among the first `spread` listed, so that a crew does not collide with itself */
  spread: number;
}

/** A reseller wants this long to find a buyer before it must cancel. */
const SALE_WINDOW_MS = 2 * DAY;

const minLead = (plan: ResellerPlan) => plan.cancelLeadMs + SALE_WINDOW_MS;

/** Buyers want a day's notice (engine/market). */
const BUYER_NOTICE_MS = DAY;
/** A crew bound by its business looks at its margin again this often, whatever happens. */
const BUSINESS_RECHECK_MS = 6 * 3_600_000;

/**
 * How far ahead a slot must start for the crew to book it now: the plan's lead, and for a crew
 * bound by its business the lead at which one more slot still pays (bots/business.ts); Infinity
 * when no slot would.
 */
function wantedLead(ctx: CrewContext, plan: ResellerPlan): number {
  const base = minLead(plan);
  const book = ctx.state.business;
  if (!book) return base;
  const cost = slotCost(ctx);
  const lead = worthLeadMs(book, ctx.now(), unsoldCount(ctx.state), plan.copies, ctx.crew.priceEur, cost, Math.max(BUYER_NOTICE_MS, plan.cancelLeadMs));
  return Math.max(base, lead);
}

/** What one more slot costs a crew bound by its business (0 without one). */
function slotCost(ctx: CrewContext): number {
  if (!ctx.crew.business) return 0;
  // at a counter that checks the registry the crew books in its mules' names, and pays them each time
  const muleFee = ctx.rules.registryCounters.includes(ctx.counter) ? ctx.crew.mules?.eurPerBooking ?? 0 : 0;
  // under a lottery or a waiting room, what the entries or the session a slot needs cost too
  return slotCostEur(ctx, bookingCostEur(ctx.crew, ctx.market.eurPerUsd, ctx.rules.captcha !== undefined), muleFee);
}

export function* reseller(ctx: CrewContext, plan: ResellerPlan): Generator<Action, void, Outcome> {
  const { crew } = ctx;
  const mem: BotMemory = { holdings: emptyQueues() };
  const { everyMs, jitterMs } = crewPollTiming(crew);
  // the crew's agents are not started in step
  yield { kind: 'sleep', ms: ctx.rng.between(0, everyMs + 1000) };
  for (;;) {
    const blocked = ctx.state.blockedCounters.has(ctx.counter);
    // nothing more to do with slots: stock full, or every address used up (purge, per-e-mail limit)
    // or, for a crew bound by its business, no slot worth booking now
    const lead = wantedLead(ctx, plan);
    // endogenous entry: the crew looks at its margin, and an agent not at work looks at no slot
    reviewEntry(ctx.state, ctx.now(), lead !== Infinity);
    const full = unsoldCount(ctx.state) >= plan.maxHeld || !hasIdentity(ctx.state, ctx.rules) || lead === Infinity || !atWork(ctx.state, ctx.agentIndex);
    const watch: Extract<Action, { kind: 'watch' }> = {
      kind: 'watch', counter: blocked || full ? null : ctx.counter, everyMs, jitterMs, inbox: true,
      minLeadMs: full ? minLead(plan) : lead,
    };
    const due = nextCancelAt(ctx.state, mem.holdings, ctx.now(), plan.cancelLeadMs);
    const room = blocked || full ? undefined : roomOpening(ctx, mem);
    const draw = full ? undefined : nextDrawStep(ctx, mem);
    const onTime = blocked || full ? undefined : announcedRush(ctx, mem);
    const recheck = ctx.state.business ? ctx.now() + BUSINESS_RECHECK_MS : Infinity;
    const until = Math.min(due ?? Infinity, room?.at ?? Infinity, draw ?? Infinity, onTime ?? Infinity, recheck);
    if (until < Infinity) watch.until = until;
    const o = yield watch;
    if (o.kind === 'inbox') {
      for (const m of o.messages) if (m.kind === 'transfer') yield* transferTo(ctx, mem, m);
    } else if (o.kind === 'slots') {
      yield* grab(ctx, plan, mem, o.slots);
    } else if (o.kind === 'timeout') {
      yield* cancelUnsold(ctx, plan, mem);
      if (onTime !== undefined && ctx.now() >= onTime) {
        mem.rushed = ctx.announcedRelease(onTime - 1000);
        const l = yield { kind: 'list', counter: ctx.counter, minLeadMs: minLead(plan) };
        if (l.kind === 'slots' && l.slots.length > 0) yield* grab(ctx, plan, mem, l.slots);
      }
      if (draw !== undefined && ctx.now() >= draw) {
        if (mem.entries && mem.entries.ids.length > 0) yield* collectDraw(ctx, mem, ctx.crew.priceEur, plan.copies, plan.mode === 'transfer' ? 'transfer' : 'handover');
        else yield* enterDraw(ctx, mem);
      }
      if (room !== undefined && ctx.now() >= room.at) {
        mem.attended = room.release;
        if (!(yield* admitted(ctx, mem))) continue;
        const l = yield { kind: 'list', counter: ctx.counter, minLeadMs: minLead(plan) };
        if (l.kind === 'slots' && l.slots.length > 0) yield* grab(ctx, plan, mem, l.slots);
      }
    }
  }
}

/** Crews that do not poll fast are at the keyboard when a release is announced (Sunday 20:00). */
const RUSH_IF_SLOWER_THAN_MS = 30_000;

function announcedRush(ctx: CrewContext, mem: BotMemory): number | undefined {
  if ((ctx.rules.release !== 'weekly' && ctx.rules.release !== 'batch') || crewPollTiming(ctx.crew).everyMs < RUSH_IF_SLOWER_THAN_MS) return undefined;
  const release = ctx.announcedRelease(ctx.now() - 2000);
  if (release === undefined || mem.rushed === release) return undefined;
  // a second or two after the hour, as a person refreshing the page
  return Math.max(ctx.now(), release + 500 + (ctx.agentIndex % 10) * 150);
}

/** Waiting room: bots queue at the very start of each announced pre-queue window, once per release. */
function roomOpening(ctx: CrewContext, mem: BotMemory): { release: number; at: number } | undefined {
  if (ctx.rules.release !== 'waiting-room') return undefined;
  const release = ctx.announcedRelease(ctx.now());
  if (release === undefined || mem.attended === release) return undefined;
  // drawn once per release, so that recomputing it gives the same time
  if (mem.roomAt?.release !== release) mem.roomAt = { release, at: release - (ctx.rules.preQueueMs ?? 0) + ctx.rng.between(1000, 60_000) };
  return { release, at: Math.max(ctx.now(), mem.roomAt.at) };
}

/**
 * Books listed slots one after the other until none is left or the stock is full. The bot works
 * through the list it has and asks for a fresh one only when a slot turns out taken or the list
 * is used up.
 */
function* grab(ctx: CrewContext, plan: ResellerPlan, mem: BotMemory, slots: readonly SlotInfo[]): Step<void> {
  let list = slots.slice();
  while (list.length > 0 && unsoldCount(ctx.state) < plan.maxHeld) {
    if (ctx.state.business) {
      // each booking raises the stock, and so the lead a further slot needs to pay
      const lead = wantedLead(ctx, plan);
      const from = ctx.now() + lead;
      list = lead === Infinity ? [] : list.filter((s) => s.start >= from);
      if (list.length === 0) return;
    }
    if (!(yield* admitted(ctx, mem))) return;
    const i = ctx.rng.int(Math.min(plan.spread, list.length));
    const slot = list[i] as SlotInfo;
    list.splice(i, 1);
    const idx = pickIdentity(ctx.state, ctx.rules, ctx.counter);
    if (idx < 0) return;
    const r = yield* bookOne(ctx, mem, slot.id, ctx.state.identity(idx), undefined, bookingFeeEur(ctx.crew, idx));
    let relist = list.length === 0;
    if (typeof r !== 'string') {
      noteSpent(ctx.state, slotCost(ctx));
      hold(ctx.state, mem.holdings, r, idx, ctx.id);
      yield { kind: 'offer', convocation: r, priceEur: ctx.crew.priceEur, copies: plan.copies, mode: plan.mode };
    } else if (r === 'REGISTRY_MISMATCH' || r === 'NAME_REQUIRED') {
      // fake identities do not pass this counter's checks: the crew stops trying it
      ctx.state.blockedCounters.add(ctx.counter);
      return;
    } else if (r === 'LIMIT_REACHED') {
      ctx.state.identityUse[idx] = 1 << 20;
    } else if (r === 'RATE_LIMITED') {
      yield { kind: 'sleep', ms: ctx.rng.between(5, 30) * 1000 };
    } else if (r === 'SLOT_TAKEN' || r === 'SLOT_NOT_RELEASED') {
      relist = true;
    } else if (r === 'NOT_ADMITTED') {
      // the admission was spent or ran out: admitted() queues again before the next booking
      relist = true;
    } else if (r !== 'CAPTCHA_INVALID') {
      return;
    }
    if (relist) {
      const want = wantedLead(ctx, plan);
      const l = yield { kind: 'list', counter: ctx.counter, minLeadMs: want === Infinity ? minLead(plan) : want };
      list = l.kind === 'slots' ? l.slots.slice() : [];
    }
  }
}

function* cancelUnsold(ctx: CrewContext, plan: ResellerPlan, mem: BotMemory): Step<void> {
  for (const h of takeDue(ctx.state, mem.holdings, ctx.now(), plan.cancelLeadMs)) {
    const { bookingId, token } = h.convocation;
    yield { kind: 'withdraw', bookingId };
    // a buyer may have paid between the decision and the withdrawal
    if (h.sold) continue;
    drop(ctx.state, bookingId);
    yield { kind: 'cancel', bookingId, token };
  }
}

export const defaultCancelLead = (ctx: CrewContext): number => ctx.market.resaleLeadDays * DAY;
