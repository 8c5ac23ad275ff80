/** What a person looking for a slot carries between attempts. */
import type { Action, Identity, Outcome } from './actions.js';
import type { AgentContext } from './context.js';

/** Nobody can take a slot starting in the next couple of hours (work, travel to the préfecture). */
export const MIN_LEAD_MS = 2 * 3_600_000;

export interface LotteryEntry {
  /** undefined: registration was not possible; try again at resultAt */
  registrationId?: string;
  /** when to look at the result (or to try registering again) */
  resultAt: number;
}

/** A waiting-room admission as its holder knows it: when it was let in, and the bookings made with it. */
export interface Admission { id: string; releaseAt: number; admitAt: number; uses: number }

export interface Seeker {
  identity: Identity;
  /** an admitted waiting-room ticket, good for its window and bookings, until the next release */
  ticket?: Admission | undefined;
  /** the order they have with the scalpers' market, if any */
  orderId?: string | undefined;
  orderedAt?: number;
  boughtOnce: boolean;
  lottery?: LotteryEntry | undefined;
  /** lost a booking for want of confirming it in time: now watches the mailbox */
  missedConfirmation?: boolean;
  /** waiting room: the next release they will attend, and when they arrive (if they come) */
  plan?: { release: number; at?: number };
}

/** The address a person makes for themselves when the shared one does not work for them. */
export function ownAddress(shared: string, index: number): string {
  return `${shared.split('@')[0]}.perso${index}@gmail.com`;
}

/**
 * A ticket admits its holder for the release it queued for, until the next one, within the
 * admission's window (public rules) and for as many bookings as it allows.
 */
export function ticketValid(ctx: AgentContext, ticket: Admission | undefined): boolean {
  if (!ticket) return false;
  const { bookingsPerAdmission = Infinity, admissionWindowMs = Infinity } = ctx.rules;
  if (ticket.uses >= bookingsPerAdmission || ctx.now() >= ticket.admitAt + admissionWindowMs) return false;
  const next = ctx.announcedRelease(ticket.releaseAt);
  return next === undefined || next > ctx.now();
}


/**
 * Joins the waiting room of `counter` and waits for admission; a pre-queued visitor asks for
 * their place `settleMs` after the release (once the shuffle is done). The admitted ticket, or
 * undefined when the room turned them away. `feeEur`: what the session costs a crew.
 */
export function* enterWaitingRoom(
  ctx: AgentContext, counter: string, settleMs: number, feeEur = 0,
): Generator<Action, Admission | undefined, Outcome> {
  const join: Extract<Action, { kind: 'joinRoom' }> = { kind: 'joinRoom', counter };
  if (feeEur > 0) join.feeEur = feeEur;
  const t = yield join;
  if (t.kind !== 'ticket') return undefined;
  let admitAt = t.admitAt;
  if (admitAt === undefined) {
    yield { kind: 'sleepUntil', at: Math.max(ctx.now(), t.releaseAt + settleMs) };
    const v = yield { kind: 'ticket', ticketId: t.ticketId };
    admitAt = v.kind === 'ticket' ? v.admitAt : undefined;
    if (admitAt === undefined) return undefined;
  }
  if (admitAt > ctx.now()) yield { kind: 'sleepUntil', at: admitAt };
  return { id: t.ticketId, releaseAt: t.releaseAt, admitAt, uses: 0 };
}
