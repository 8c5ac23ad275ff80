/**
 * Sniper: polls fast (0.1–5 s) and books within a second, holding a small stock under
 * placeholder names, and sells by cancel-and-rebook in the buyer's name (so the exact-name
 * rule does not stop it). Its speed also wins the slots other crews free when they rebook.
 */
import type { Action, Outcome } from '../actions.js';
import type { CrewContext } from '../context.js';
import { defaultMaxHeld } from '../crew.js';
import { defaultCancelLead, reseller } from './reseller.js';

export function* sniper(ctx: CrewContext): Generator<Action, void, Outcome> {
  yield* reseller(ctx, {
    mode: 'transfer',
    copies: 1,
    maxHeld: ctx.crew.maxHeld ?? defaultMaxHeld(ctx.crew),
    cancelLeadMs: defaultCancelLead(ctx),
    spread: 10,
  });
}
