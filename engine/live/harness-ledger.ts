/**
 * The bookings the target told the harness it made (201 answers, lottery wins), kept to
 * reconcile with the target's own ledger after the run and to know a booking's slot time at
 * the counter without asking the target.
 */
import type { Convocation } from '../../bots/actions.js';

export class HarnessLedger {
  readonly bookings = new Map<string, Convocation>();

  booked(c: Convocation): void {
    this.bookings.set(c.bookingId, c);
  }

  slotStartOf(bookingId: string): number | undefined {
    return this.bookings.get(bookingId)?.slotStart;
  }
}
