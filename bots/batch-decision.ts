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

/**
 * `settleMs` is asked only when the answer is pending: under other policies no random draw is spent.
 * `feeEur` (a mule's fee) goes with the read of the decision, where the booking is made.
 */
export function* decisionOf(ctx: AgentContext, first: Outcome, settleMs: () => number, feeEur?: number): Generator<Action, Outcome, Outcome> {
  let r = first;
  for (let read = 0; r.kind === 'pending' && read < MAX_READS; read++) {
    yield { kind: 'sleepUntil', at: Math.max(ctx.now(), r.decideAt + settleMs()) };
    const ask: Extract<Action, { kind: 'bookingResult' }> = { kind: 'bookingResult', requestId: r.requestId };
    if (feeEur !== undefined) ask.feeEur = feeEur;
    r = yield ask;
  }
  return r.kind === 'pending' ? { kind: 'rejected', rejected: 'UNAVAILABLE' } : r;
}
