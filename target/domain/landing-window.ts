/**
 * The `non-atomic-booking` flaw, modelled. A service with this flaw checks a booking ("is the
 * slot free? is this address under its limit? is this captcha answer unused?"), then waits on
 * its database, then writes without checking again. Every request checked during that wait sees
 * none of the writes still in flight. Here the wait is a window: a check at `now` does not see
 * the bookings and captcha spends of the last GAP_MS. A window rather than a real pause so that
 * virtual time, where a request is served in one step, shows the flaw as HTTP does.
 *
 * In-process state, as a service's in-flight requests are: a second process on the same
 * database sees the writes at once.
 */
import type { EmailRule, IdentityField } from './ports.js';
import { emailKeyUnder } from '../storage/identity-keys.js';
import type { Booking } from './types.js';

/** Between a check and its write, under the release rush (assumption: a slow service a database round trip away). */
export const NON_ATOMIC_GAP_MS = 200;

export class LandingWindow {
  private bookings: Booking[] = [];
  private readonly spends = new Map<string, number>();

  /** Forgets the writes that have landed by `now`. */
  private prune(now: number): void {
    const from = now - NON_ATOMIC_GAP_MS;
    if (this.bookings.length > 0 && (this.bookings[0] as Booking).createdAt <= from) this.bookings = this.bookings.filter((b) => b.createdAt > from);
    for (const [id, at] of this.spends) if (at <= from) this.spends.delete(id);
  }

  /** A booking written at `b.createdAt`: was its write still in flight for a check at `now`? */
  inFlight(b: Booking, now: number): boolean {
    return b.createdAt > now - NON_ATOMIC_GAP_MS;
  }

  noteBooking(b: Booking): void {
    this.prune(b.createdAt);
    this.bookings.push(b);
  }

  noteSpend(challengeId: string, now: number): void {
    this.prune(now);
    if (!this.spends.has(challengeId)) this.spends.set(challengeId, now);
  }

  /** The challenge's first use had not landed yet: a check at `now` still sees it unused. */
  spendInFlight(challengeId: string, now: number): boolean {
    const at = this.spends.get(challengeId);
    return at !== undefined && at > now - NON_ATOMIC_GAP_MS;
  }

  /** Live bookings in flight at `now` that hold `value` (e-mail addresses compared by their key under `rule`). */
  countInFlight(field: IdentityField, value: string, rule: EmailRule | undefined, now: number): number {
    this.prune(now);
    const key = field === 'email' ? emailKeyUnder(value, rule) : value;
    return this.bookings.filter((b) => {
      const v = b.identity[field];
      return v !== undefined && (field === 'email' ? emailKeyUnder(v, rule) : v) === key;
    }).length;
  }
}
