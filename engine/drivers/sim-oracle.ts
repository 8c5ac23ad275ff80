/**
 * What only a simulation may know about its target, beside the driver: the answers of
 * challenges (the solver model decides whether they are found), how many slots a listing would
 * show without making the request (poll elision), the target's own schedule to run in virtual
 * time, and when a booked slot starts. A remote target gives none of this, so it is a separate
 * interface that only the virtual-time runner asks for. The other thing a simulation sees
 * inside the target, the store tap (releases, bookings, status changes), is given to the
 * in-process driver when it is built (`StoreListener`).
 */
export interface SimOracle {
  /** The expected answer of a text challenge, if it exists. */
  expectedAnswer(challengeId: string): string | undefined;
  /** Slots a listing of `counter` would show now, starting at least `leadMs` from now; no request is made. */
  countAvailable(counter: string, leadMs: number): number;
  /** Runs what the target has due (releases, expiries, purges, draws) at the current time. */
  tick(): void;
  /** When the target next has something due. */
  nextDueAt(): number;
  /** Start of the slot of a booking, if it exists. */
  slotStartOf(bookingId: string): number | undefined;
}
