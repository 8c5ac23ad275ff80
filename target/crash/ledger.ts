/** What the clients of a crash run were told: what must be in the database after the restart. */
export interface Ledger {
  /** bookings answered 201: id → token and e-mail */
  booked: Map<string, { token: string; email: string }>;
  /** bookings whose cancellation was answered 200 */
  cancelled: Set<string>;
  /** lottery registrations answered 201 */
  registrations: string[];
  /** waiting-room tickets answered 201 before the release */
  tickets: string[];
}

export function emptyLedger(): Ledger {
  return { booked: new Map(), cancelled: new Set(), registrations: [], tickets: [] };
}

export function copyLedger(l: Ledger): Ledger {
  return { booked: new Map(l.booked), cancelled: new Set(l.cancelled), registrations: [...l.registrations], tickets: [...l.tickets] };
}
