/**
 * The memory store's slots, bookings and identities as frozen records, written out field by
 * field: they are copied on every release, booking and status change, and a literal of known
 * fields is several times cheaper than frozenCopy's generic walk over the source's properties.
 * Fields come in the order the domain creates them (calendar.ts, booking-rules.ts), which is
 * the order the admin ledger prints them in; optional fields are present only when set.
 */
import type { Booking, BookingStatus, Identity, Slot, SlotState } from '../domain/types.js';

export function slotRecord(s: Slot, state: SlotState = s.state, releasedAt: number | undefined = s.releasedAt): Readonly<Slot> {
  const r: Slot = { id: s.id, counter: s.counter, start: s.start, desk: s.desk, state };
  if (releasedAt !== undefined) r.releasedAt = releasedAt;
  return Object.freeze(r);
}

export function identityRecord(i: Identity): Readonly<Identity> {
  const r: Identity = { firstName: i.firstName, lastName: i.lastName, email: i.email };
  if (i.phone !== undefined) r.phone = i.phone;
  if (i.agdref !== undefined) r.agdref = i.agdref;
  return Object.freeze(r);
}

/** A booking as stored; its identity is frozen by the caller (once, when the booking is made). */
export function bookingRecord(b: Booking, identity: Identity, status: BookingStatus = b.status): Readonly<Booking> {
  const r: Booking = {
    id: b.id, slotId: b.slotId, counter: b.counter, slotStart: b.slotStart, identity, token: b.token, status,
    createdAt: b.createdAt, ip: b.ip, session: b.session,
  };
  if (b.confirmCode !== undefined) r.confirmCode = b.confirmCode;
  if (b.confirmBy !== undefined) r.confirmBy = b.confirmBy;
  return Object.freeze(r);
}
