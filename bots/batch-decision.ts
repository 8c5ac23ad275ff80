/**
 * Batch release (target/domain/batch-desk.ts): a booking request is answered "pending, decided at
 * T" instead of booked or refused. Every agent waits for the batch to close and reads the
 * decision, as one reads a lottery's result; the answer is then what a first-come booking would
 * have answered (booked, or refused with the target's code). Under every other policy the first
 * answer is the decision and this returns it unchanged.
 */
import type { Action, Outcome } from './actions.js';
import type { AgentContext } from './context.js';

/** a batch whose decision is still pending this many times is given up (a target that never decides) */
const MAX_READS = 3;

/** `settleMs` is asked only when the answer is pending: under other policies no random draw is spent. */
export function* decisionOf(ctx: AgentContext, first: Outcome, settleMs: () => number): Generator<Action, Outcome, Outcome> {
  let r = first;
  for (let read = 0; r.kind === 'pending' && read < MAX_READS; read++) {
    yield { kind: 'sleepUntil', at: Math.max(ctx.now(), r.decideAt + settleMs()) };
    r = yield { kind: 'bookingResult', requestId: r.requestId };
  }
  return r.kind === 'pending' ? { kind: 'rejected', rejected: 'UNAVAILABLE' } : r;
}
