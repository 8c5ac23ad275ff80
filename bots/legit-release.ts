/**
 * What a person does under the release policies that change the race: register for each
 * lottery draw and read the result, or come to the waiting room at an announced release (in
 * the pre-queue when they are attentive) and wait for their turn.
 */
import type { Action, Convocation, Outcome, SlotInfo } from './actions.js';
import type { LegitContext } from './context.js';
import { enterWaitingRoom, MIN_LEAD_MS, ownAddress, ticketValid, type LotteryEntry, type Seeker } from './seeker.js';

const MINUTE = 60_000;
type Step<T> = Generator<Action, T, Outcome>;

export function* registerForDraw(ctx: LegitContext, me: Seeker): Step<LotteryEntry | undefined> {
  const now = ctx.now();
  const draw = ctx.announcedRelease(now);
  if (draw === undefined) return undefined;
  const opensAt = draw - (ctx.rules.lotteryRegistrationMs ?? 0);
  if (opensAt > now) return { resultAt: opensAt + ctx.rng.between(0, 24 * 60) * MINUTE };
  for (let attempt = 0; attempt < 2; attempt++) {
    const r = yield { kind: 'register', counter: ctx.persona.counter, identity: me.identity };
    if (r.kind === 'registered') {
      // the result comes by e-mail; they read it with their usual delay
      return { registrationId: r.registrationId, resultAt: r.drawAt + ctx.persona.mailDelayMinutes * MINUTE };
    }
    if (r.kind === 'rejected' && (r.rejected === 'REGISTRY_MISMATCH' || r.rejected === 'NAME_REQUIRED')) {
      me.identity = { ...me.identity, firstName: ctx.persona.papers.firstName, lastName: ctx.persona.papers.lastName };
      continue;
    }
    if (r.kind === 'rejected' && r.rejected === 'ALREADY_REGISTERED' && ctx.persona.sharedEmail && me.identity.email === ctx.persona.identity.email) {
      // a relative or the association entered this draw with the shared address: told "already
      // registered" when they are not, they enter with an address of their own, as they do when
      // the shared address is "full" for booking (legit.ts)
      me.identity = { ...me.identity, email: ownAddress(me.identity.email, ctx.persona.index) };
      continue;
    }
    break;
  }
  // closed, refused, or registered already under their own papers: next draw
  return { resultAt: draw + MINUTE };
}

export function* checkLottery(entry: LotteryEntry): Step<Convocation | undefined> {
  if (entry.registrationId === undefined) return undefined;
  const r = yield { kind: 'lotteryResult', registrationId: entry.registrationId };
  return r.kind === 'lottery' && r.outcome === 'won' ? r.convocation : undefined;
}

/**
 * The next waiting-room release this person will attend and when they arrive, decided once per
 * release: the more attentive, the likelier they come and the earlier in the pre-queue window.
 */
export function plannedAttendance(ctx: LegitContext, me: Seeker): number | undefined {
  const release = ctx.announcedRelease(ctx.now());
  if (release === undefined) return undefined;
  if (me.plan?.release !== release) {
    const p = ctx.persona;
    const minute = ctx.localMinuteOfDay(release);
    const awake = minute >= p.activeHours[0] && minute < p.activeHours[1];
    const comes = awake && ctx.rng.chance(Math.min(1, 0.25 + p.checksPerDay / 8));
    const earliness = Math.min(1, p.checksPerDay / 6);
    const preQueue = ctx.rules.preQueueMs ?? 0;
    me.plan = comes ? { release, at: release - preQueue * earliness * ctx.rng.next() } : { release };
  }
  return me.plan.at === undefined ? undefined : Math.max(ctx.now(), me.plan.at);
}

/** At the release: join the room (unless they hold an admitted ticket), wait for their turn, list. */
export function* attendRelease(ctx: LegitContext, me: Seeker): Step<readonly SlotInfo[]> {
  const release = me.plan?.release;
  if (me.plan) me.plan = { release: me.plan.release };
  if (!ticketValid(ctx, me.ticket) || (release !== undefined && me.ticket !== undefined && me.ticket.releaseAt < release)) {
    const ok = yield* joinRoom(ctx, me);
    if (!ok) return [];
  } else if (release !== undefined && release > ctx.now()) {
    yield { kind: 'sleepUntil', at: release + ctx.rng.between(1, 60) * 1000 };
  }
  const l = yield { kind: 'list', counter: ctx.persona.counter, minLeadMs: MIN_LEAD_MS };
  return l.kind === 'slots' ? l.slots : [];
}

/** Takes a ticket, waits for the shuffle when pre-queued, then for the admission time. */
export function* joinRoom(ctx: LegitContext, me: Seeker): Step<boolean> {
  // pre-queued: the page tells their place once the room opens
  const ticket = yield* enterWaitingRoom(ctx, ctx.persona.counter, 1000);
  if (!ticket) return false;
  me.ticket = ticket;
  return true;
}
