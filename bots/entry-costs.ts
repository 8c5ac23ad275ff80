/**
 * What a lottery entry or a waiting-room session costs a crew bound by its business, and what a
 * slot costs it under those releases. A booking's cost (`business.costPerBookingEur`) pays for a
 * made-up identity and the fleet's share of one booking. An entry in a draw uses the same (an
 * identity registered, a request of the fleet) and a session queued in a waiting room holds a
 * session of the fleet for the queue: each costs `business.costPerEntryEur`, by default what a
 * booking costs. A won entry is the booking: nothing more is paid for it but a mule's fee (a slot
 * booked in a mule's name). A booking made with an admission is paid as any booking, and the
 * session it needed is shared by the bookings one admission allows.
 */
import type { ScalperCrew } from '../scenarios/schema.js';
import type { CrewContext, CrewState } from './context.js';

/** What one entry in a draw, or one session queued in a waiting room, costs the crew (0 without a business). */
export function entryCostEur(crew: ScalperCrew): number {
  const terms = crew.business;
  if (!terms) return 0;
  return terms.costPerEntryEur ?? terms.costPerBookingEur;
}

/**
 * The share of its entries the crew has seen win, with one win in one entry as its prior (before
 * the first draw it counts on winning, and learns).
 */
export function drawOdds(state: CrewState): number {
  const { entries, wins } = state.draws;
  return (wins + 1) / (entries + 1);
}

/** A draw's results read: `entries` entries of which `wins` won. */
export function noteDrawResults(state: CrewState, entries: number, wins: number): void {
  state.draws.entries += entries;
  state.draws.wins += wins;
}

/**
 * What one more slot costs the crew under the release in force, given what a booking costs it
 * (`bookingEur`: the business's cost and the solver's fee) and the mule's fee it would pay: under
 * a lottery the entries it takes to win one, under a waiting room a booking and its share of a
 * queued session.
 */
export function slotCostEur(ctx: CrewContext, bookingEur: number, muleFeeEur: number): number {
  const entry = entryCostEur(ctx.crew);
  switch (ctx.rules.release) {
    case 'lottery':
      return entry / drawOdds(ctx.state) + muleFeeEur;
    case 'waiting-room': {
      // an admission good for any number of bookings costs one session a release, not one a booking
      const perSession = ctx.rules.bookingsPerAdmission ?? Infinity;
      return bookingEur + muleFeeEur + (Number.isFinite(perSession) ? entry / perSession : 0);
    }
    default:
      return bookingEur + muleFeeEur;
  }
}
