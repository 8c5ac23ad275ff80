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
import type { Clock, EmailRule, IdentityField } from './ports.js';
import { identityFieldKey, identityKey } from '../storage/identity-keys.js';
import type { Booking } from './types.js';

/** Between a check and its write, under the release rush (assumption: a slow service a database round trip away). */
export const NON_ATOMIC_GAP_MS = 200;

export class LandingWindow {
  private bookings: Booking[] = [];
  private readonly spends = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** Writes made after this instant are still in flight. */
  private since(): number {
    return this.clock.now() - NON_ATOMIC_GAP_MS;
  }

  /** Forgets the writes that have landed. */
  private prune(): void {
    const from = this.since();
    if (this.bookings.length > 0 && (this.bookings[0] as Booking).createdAt <= from) this.bookings = this.bookings.filter((b) => b.createdAt > from);
    for (const [id, at] of this.spends) if (at <= from) this.spends.delete(id);
  }

  /** Was this booking's write still in flight for a check now? */
  inFlight(b: Booking): boolean {
    return b.createdAt > this.since();
  }

  noteBooking(b: Booking): void {
    this.prune();
    this.bookings.push(b);
  }

  /** A challenge's first use, now. */
  noteSpend(challengeId: string): void {
    this.prune();
    if (!this.spends.has(challengeId)) this.spends.set(challengeId, this.clock.now());
  }

  /** The challenge's first use has not landed: a check now still sees it unused. */
  spendInFlight(challengeId: string): boolean {
    const at = this.spends.get(challengeId);
    return at !== undefined && at > this.since();
  }

  /**
   * Bookings in flight that hold `value` (e-mail addresses compared by their key under `rule`).
   * One cancelled within the window still counts: a 200 ms edge left alone.
   */
  countInFlight(field: IdentityField, value: string, rule: EmailRule | undefined): number {
    this.prune();
    const key = identityKey(field, value, rule);
    return this.bookings.filter((b) => identityFieldKey(b.identity, field, rule) === key).length;
  }
}
