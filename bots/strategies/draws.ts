/**
 * Scalpers and lotteries: each agent registers a share of the crew's fake identities for every
 * draw, then collects what they won and puts it on the market. Nothing stops them but a
 * registry check (fake AGDREF numbers) or a one-registration-per-address rule with few addresses.
 */
import type { Action, Outcome } from '../actions.js';
import type { BotMemory } from '../bot-steps.js';
import type { CrewContext } from '../context.js';
import { bookingFeeEur, usableIdentities } from '../crew.js';
import { entryCostEur, noteDrawResults } from '../entry-costs.js';
import { hold } from '../holdings.js';

type Step<T> = Generator<Action, T, Outcome>;

/** When this agent has something to do about lotteries: register for the next draw, or collect results. */
export function nextDrawStep(ctx: CrewContext, mem: BotMemory): number | undefined {
  if (ctx.rules.release !== 'lottery') return undefined;
  if (mem.entries && mem.entries.ids.length > 0) return Math.max(ctx.now(), mem.entries.drawAt + 60_000);
  const draw = ctx.announcedRelease(ctx.now());
  if (draw === undefined || mem.entries?.drawAt === draw) return undefined;
  return Math.max(ctx.now(), draw - (ctx.rules.lotteryRegistrationMs ?? 0) + 60_000);
}

/**
 * Entries a crew makes per identity when the draw de-duplicates on nothing: each costs it one
 * request, so it enters each identity several times (assumption: the number is not in any source).
 */
export const DUPLICATE_ENTRIES = 5;

/**
 * Registers this agent's identities for the next draw: each address once when the draw accepts
 * one entry per e-mail or AGDREF, DUPLICATE_ENTRIES times when it de-duplicates on nothing.
 */
export function* enterDraw(ctx: CrewContext, mem: BotMemory): Step<void> {
  const draw = ctx.announcedRelease(ctx.now());
  if (draw === undefined) return;
  mem.entries = { drawAt: draw, ids: [] };
  if (ctx.state.blockedCounters.has(ctx.counter)) return;
  // at a counter that checks the registry, only the crew's mules (if any) can enter
  const n = usableIdentities(ctx.state, ctx.rules, ctx.counter);
  const per = Math.max(1, Math.floor(n / ctx.crew.agents));
  const copies = ctx.rules.lotteryOneEntryPer?.length === 0 ? DUPLICATE_ENTRIES : 1;
  const fee = entryCostEur(ctx.crew);
  for (let k = 0; k < per * copies; k++) {
    const idx = (ctx.agentIndex * per + (k % per)) % n;
    const entry: Extract<Action, { kind: 'register' }> = { kind: 'register', counter: ctx.counter, identity: ctx.state.identity(idx) };
    if (fee > 0) entry.feeEur = fee;
    const r = yield entry;
    if (r.kind === 'registered') {
      mem.entries.ids.push({ id: r.registrationId, identity: idx });
      mem.entries.drawAt = r.drawAt;
    } else if (r.kind === 'rejected' && r.rejected === 'REGISTRY_MISMATCH') {
      ctx.state.blockedCounters.add(ctx.counter);
      return;
    }
  }
}

/**
 * After the draw: every slot won goes on the market (a slot won in a mule's name pays the mule),
 * and the crew learns its odds.
 */
export function* collectDraw(ctx: CrewContext, mem: BotMemory, priceEur: number, copies: number, mode: 'handover' | 'transfer'): Step<void> {
  const entries = mem.entries?.ids ?? [];
  if (mem.entries) mem.entries.ids = [];
  for (const e of entries) {
    const read: Extract<Action, { kind: 'lotteryResult' }> = { kind: 'lotteryResult', registrationId: e.id };
    const fee = bookingFeeEur(ctx.crew, e.identity);
    if (fee > 0) read.feeEur = fee;
    const r = yield read;
    const won = r.kind === 'lottery' && r.outcome === 'won' ? r.convocation : undefined;
    noteDrawResults(ctx.state, 1, won ? 1 : 0);
    if (!won) continue;
    hold(ctx.state, mem.holdings, won, e.identity, ctx.id);
    yield { kind: 'offer', convocation: won, priceEur, copies, mode };
  }
}
