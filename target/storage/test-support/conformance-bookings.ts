/** Conformance: bookings, the one-live-booking invariant and the identity queries. */
import { describe, expect, it } from 'vitest';
import type { Booking } from '../../domain/types.js';
import { booking, HOUR, ids, releasedSlot, type StoreHolder } from './fixtures.js';

const A = releasedSlot('a', 2 * HOUR);
const B = releasedSlot('a', 3 * HOUR);
const C = releasedSlot('a', 4 * HOUR);
const D = releasedSlot('a', 5 * HOUR);

export function bookingConformance(h: StoreHolder): void {
  describe('bookings', () => {
    it('stores a booking as given, optional fields omitted when absent', () => {
      h.store.insertSlots([A, B]);
      const full = booking('b1', A, { phone: '+33 6 12', agdref: '1234567890', confirmBy: 99, status: 'held' });
      const bare = booking('b2', B);
      expect(h.store.insertBooking(full)).toBe('ok');
      expect(h.store.insertBooking(bare)).toBe('ok');
      expect(h.store.getBooking('b1')).toStrictEqual(full);
      expect(h.store.getBooking('b2')).toStrictEqual(bare);
      expect(Object.keys(h.store.getBooking('b2')?.identity ?? {}).sort()).toEqual(['email', 'firstName', 'lastName']);
      expect(h.store.getBooking('nope')).toBeUndefined();
    });

    it('refuses a second live booking on a slot with SLOT_TAKEN, and keeps the first', () => {
      h.store.insertSlots([A]);
      expect(h.store.insertBooking(booking('b1', A, { status: 'held' }))).toBe('ok');
      expect(h.store.insertBooking(booking('b2', A))).toBe('SLOT_TAKEN');
      expect(h.store.insertBooking(booking('b3', A, { status: 'held' }))).toBe('SLOT_TAKEN');
      expect(h.store.getBooking('b2')).toBeUndefined();
      expect(h.store.liveBookingForSlot(A.id)?.id).toBe('b1');
      h.store.setBookingStatus('b1', 'confirmed');
      expect(h.store.insertBooking(booking('b4', A))).toBe('SLOT_TAKEN');
      expect(ids(h.store.ledger())).toEqual(['b1']);
    });

    it('throws on a duplicate booking id, an unknown slot, an unknown booking', () => {
      h.store.insertSlots([A, B]);
      h.store.insertBooking(booking('b1', A));
      expect(() => h.store.insertBooking(booking('b1', B))).toThrow();
      expect(() => h.store.insertBooking(booking('b9', releasedSlot('zz', 1)))).toThrow();
      expect(() => h.store.setBookingStatus('nope', 'cancelled')).toThrow(/unknown booking/);
    });

    it('refuses to make a booking live again on a slot booked since', () => {
      h.store.insertSlots([A]);
      h.store.insertBooking(booking('b1', A));
      h.store.setBookingStatus('b1', 'cancelled');
      h.store.insertBooking(booking('b2', A));
      expect(() => h.store.setBookingStatus('b1', 'confirmed')).toThrow(/live booking/);
      expect(h.store.getBooking('b1')?.status).toBe('cancelled');
    });

    it('counts live bookings per e-mail (trimmed, any case), phone and AGDREF', () => {
      h.store.insertSlots([A, B, C, D]);
      h.store.insertBooking(booking('b1', A, { email: 'Awa@Example.org', phone: '0600', agdref: 'X1' }));
      h.store.insertBooking(booking('b2', B, { email: ' awa@example.ORG ', phone: '0600', status: 'held' }));
      h.store.insertBooking(booking('b3', C, { email: 'awa@example.org', agdref: 'X1' }));
      h.store.insertBooking(booking('b4', D, { email: 'other@example.org', phone: '0700' }));
      const s = h.store;
      expect([s.countLive('email', 'AWA@example.org'), s.countLive('phone', '0600'), s.countLive('agdref', 'X1')])
        .toEqual([3, 2, 2]);
      s.setBookingStatus('b3', 'cancelled');
      s.setBookingStatus('b1', 'used');
      expect([s.countLive('email', 'awa@example.org'), s.countLive('phone', '0600'), s.countLive('agdref', 'X1')])
        .toEqual([1, 1, 0]);
      expect(s.countLive('email', 'nobody@example.org')).toBe(0);
      expect(s.countLive('phone', '0700')).toBe(1);
    });

    it('lists held bookings whose confirmation deadline has passed, by deadline', () => {
      h.store.insertSlots([A, B, C, D]);
      h.store.insertBooking(booking('late', A, { status: 'held', confirmBy: 300 }));
      h.store.insertBooking(booking('early', B, { status: 'held', confirmBy: 100 }));
      h.store.insertBooking(booking('nodeadline', C, { status: 'held' }));
      h.store.insertBooking(booking('confirmed', D, { confirmBy: 50 }));
      expect(ids(h.store.expiredHolds(100))).toEqual([]);
      expect(ids(h.store.expiredHolds(101))).toEqual(['early']);
      expect(ids(h.store.expiredHolds(1000))).toEqual(['early', 'late']);
      h.store.setBookingStatus('early', 'confirmed');
      h.store.setBookingStatus('late', 'expired');
      expect(h.store.expiredHolds(1000)).toEqual([]);
    });

    it('finds live bookings beyond the earliest of each e-mail, ignoring case and dead bookings', () => {
      h.store.insertSlots([A, B, C, D]);
      h.store.insertBooking(booking('second', A, { email: 'x@e.org', createdAt: 10 }));
      h.store.insertBooking(booking('first', B, { email: 'X@E.org ', createdAt: 5 }));
      h.store.insertBooking(booking('third', C, { email: 'x@e.ORG', createdAt: 20, status: 'held' }));
      h.store.insertBooking(booking('alone', D, { email: 'y@e.org', createdAt: 1 }));
      expect(ids(h.store.duplicateEmailBookings())).toEqual(['second', 'third']);
      h.store.setBookingStatus('first', 'cancelled');
      expect(ids(h.store.duplicateEmailBookings())).toEqual(['third']);
      h.store.setBookingStatus('third', 'purged');
      expect(h.store.duplicateEmailBookings()).toEqual([]);
    });

    it('keeps a ledger of every booking in creation order, arrival order breaking ties', () => {
      h.store.insertSlots([A, B, C, D]);
      h.store.insertBooking(booking('t30', A, { createdAt: 30 }));
      h.store.insertBooking(booking('t10', B, { createdAt: 10 }));
      h.store.insertBooking(booking('t20a', C, { createdAt: 20 }));
      h.store.insertBooking(booking('t20b', D, { createdAt: 20 }));
      h.store.setBookingStatus('t10', 'cancelled');
      const ledger = h.store.ledger();
      expect(ids(ledger)).toEqual(['t10', 't20a', 't20b', 't30']);
      expect(ledger[0]?.status).toBe('cancelled');
    });

    it('lets the non-atomic-booking flaw put two live bookings on one slot, and stays consistent', () => {
      const s = h.store;
      s.insertSlots([A]);
      s.insertBookingUnchecked(booking('b1', A, { createdAt: 1, phone: '06' }));
      s.insertBookingUnchecked(booking('b2', A, { createdAt: 2, phone: '06' }));
      expect(s.liveBookingForSlot(A.id)?.id).toBe('b1');
      expect(s.countLive('phone', '06')).toBe(2);
      expect(s.countAvailable('a', 0)).toBe(0);
      s.setBookingStatus('b1', 'cancelled');
      expect(s.liveBookingForSlot(A.id)?.id).toBe('b2');
      expect(s.insertBooking(booking('b3', A))).toBe('SLOT_TAKEN');
      expect(s.countAvailable('a', 0)).toBe(0);
      s.setBookingStatus('b2', 'expired');
      expect(s.countAvailable('a', 0)).toBe(1);
      expect(s.insertBooking(booking('b4', A))).toBe('ok');
    });

    it('cannot be changed through objects handed in or out', () => {
      h.store.insertSlots([A]);
      const input = booking('b1', A);
      h.store.insertBooking(input);
      input.status = 'cancelled';
      input.identity.email = 'changed@e.org';
      const out = h.store.getBooking('b1') as Booking;
      try {
        out.status = 'purged';
        out.identity.lastName = 'Changed';
        (h.store.availableSlots('a', 0, 1)[0] ?? { state: '' }).state = 'wasted';
      } catch {
        // frozen records refuse the write: that is fine too
      }
      expect(h.store.getBooking('b1')).toMatchObject({ status: 'confirmed', identity: { email: 'b1@example.org', lastName: 'Diallo' } });
      expect(h.store.countLive('email', 'b1@example.org')).toBe(1);
    });
  });
}
