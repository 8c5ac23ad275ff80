/**
 * Hoarder (the Hérault cybercafé model): books as many slots as it can sell, under many fake
 * identities and e-mail addresses, and hands the convocation over as it is. When the counter
 * checks names (exact-name rule at check-in), it switches to cancel-and-rebook in the buyer's
 * name. Unsold slots are cancelled a couple of days before they start.
 */
import type { Action, Outcome } from '../actions.js';
import type { CrewContext } from '../context.js';
import { defaultMaxHeld } from '../crew.js';
import { defaultCancelLead, reseller } from './reseller.js';

export function* hoarder(ctx: CrewContext): Generator<Action, void, Outcome> {
  yield* reseller(ctx, {
    mode: ctx.rules.exactNameAtCheckIn ? 'transfer' : 'handover',
    copies: 1,
    maxHeld: ctx.crew.maxHeld ?? defaultMaxHeld(ctx.crew),
    cancelLeadMs: defaultCancelLead(ctx),
    spread: 50,
  });
}
