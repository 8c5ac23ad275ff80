/**
 * The slots a crew holds, and the order in which an agent must cancel what did not sell. Each
 * agent keeps its own holdings sorted by appointment time, so the next cancellation is at the
 * front; sold holdings wait in a second queue until their appointment has passed, when their
 * e-mail address counts as free again. A sale the market reports (CrewNotice 'sold', handled in
 * crew.ts) marks a holding sold (markSold).
 */
import type { Convocation } from './actions.js';
import type { CrewState, Holding } from './context.js';

/** An agent's queues (in its BotMemory). */
export interface HoldingQueues {
  /** this agent's unsold holdings, by slot start */
  unsold: Holding[];
  /** this agent's sold holdings, by slot start, until the slot has passed */
  sold: Holding[];
}

export const emptyQueues = (): HoldingQueues => ({ unsold: [], sold: [] });

function insertByStart(list: Holding[], h: Holding): void {
  const t = h.convocation.slotStart;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as Holding).convocation.slotStart <= t) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, h);
}

export function hold(state: CrewState, q: HoldingQueues, conv: Convocation, identity: number, agent: string): Holding {
  const h: Holding = { convocation: conv, identity, agent, sold: false };
  state.held.set(conv.bookingId, h);
  state.identityUse[identity] = (state.identityUse[identity] ?? 0) + 1;
  state.unsold++;
  insertByStart(q.unsold, h);
  return h;
}

/** A buyer paid (hand-over) or a transfer was arranged: the slot is no longer the crew's to cancel. */
export function markSold(state: CrewState, bookingId: string): void {
  const h = state.held.get(bookingId);
  if (!h || h.sold) return;
  h.sold = true;
  state.unsold--;
}

/** The crew no longer holds this booking (cancelled, or cancelled to be rebooked for a buyer). */
export function drop(state: CrewState, bookingId: string): void {
  const h = state.held.get(bookingId);
  if (!h) return;
  state.held.delete(bookingId);
  state.identityUse[h.identity] = Math.max(0, (state.identityUse[h.identity] ?? 1) - 1);
  if (!h.sold) state.unsold--;
}

/** Moves sold holdings out of the unsold queue and forgets those whose appointment has passed. */
function tidy(state: CrewState, q: HoldingQueues, now: number): void {
  while (q.unsold.length > 0) {
    const h = q.unsold[0] as Holding;
    if (state.held.get(h.convocation.bookingId) !== h) q.unsold.shift();
    else if (h.sold) insertByStart(q.sold, q.unsold.shift() as Holding);
    else break;
  }
  while (q.sold.length > 0 && (q.sold[0] as Holding).convocation.slotStart < now) {
    const h = q.sold.shift() as Holding;
    if (state.held.get(h.convocation.bookingId) === h) drop(state, h.convocation.bookingId);
  }
}

/** When this agent must cancel its next unsold holding (leadMs before the slot), if it has any. */
export function nextCancelAt(state: CrewState, q: HoldingQueues, now: number, leadMs: number): number | undefined {
  tidy(state, q, now);
  const h = q.unsold[0];
  return h ? Math.max(now, h.convocation.slotStart - leadMs) : undefined;
}

/** Unsold holdings due for cancellation now, taken off the queue (the caller cancels them). */
export function takeDue(state: CrewState, q: HoldingQueues, now: number, leadMs: number): Holding[] {
  const out: Holding[] = [];
  for (;;) {
    tidy(state, q, now);
    const h = q.unsold[0];
    if (!h || h.convocation.slotStart - leadMs > now) return out;
    q.unsold.shift();
    out.push(h);
  }
}
