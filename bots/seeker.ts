/** What a person looking for a slot carries between attempts. */
import type { Identity } from './actions.js';
import type { AgentContext } from './context.js';

/** Nobody can take a slot starting in the next couple of hours (work, travel to the préfecture). */
export const MIN_LEAD_MS = 2 * 3_600_000;

export interface LotteryEntry {
  /** undefined: registration was not possible; try again at resultAt */
  registrationId?: string;
  /** when to look at the result (or to try registering again) */
  resultAt: number;
}

export interface Seeker {
  identity: Identity;
  /** an admitted waiting-room ticket, good until the next release */
  ticket?: { id: string; releaseAt: number };
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

/** A ticket admits its holder for the release it queued for, until the next one. */
export function ticketValid(ctx: AgentContext, ticket: { releaseAt: number } | undefined): boolean {
  if (!ticket) return false;
  const next = ctx.announcedRelease(ticket.releaseAt);
  return next === undefined || next > ctx.now();
}

