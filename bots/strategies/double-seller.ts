/**
 * Double-seller: a hoarder that sells each convocation to several buyers (sellsPerSlot). The
 * first to reach the counter is served; the others are turned away (ALREADY_USED), and under
 * the exact-name rule all of them are. It never switches to rebooking: the fraud is the point.
 */
import type { Action, Outcome } from '../actions.js';
import type { CrewContext } from '../context.js';
import { defaultMaxHeld } from '../crew.js';
import { defaultCancelLead, reseller } from './reseller.js';

export function* doubleSeller(ctx: CrewContext): Generator<Action, void, Outcome> {
  yield* reseller(ctx, {
    mode: 'handover',
    copies: Math.max(1, ctx.crew.sellsPerSlot),
    maxHeld: ctx.crew.maxHeld ?? defaultMaxHeld(ctx.crew),
    cancelLeadMs: defaultCancelLead(ctx),
    spread: 50,
  });
}
