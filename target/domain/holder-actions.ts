/**
 * What the holder of a booking can do with its id and its token (or its confirmation code):
 * confirm it, read its convocation, cancel it. Admission (rate limits) is the caller's.
 */
import { DomainError } from './errors.js';
import type { CounterConfig } from './policy.js';
import type { Store } from './ports.js';
import { secretMatches } from './secret-match.js';
import type { Booking } from './types.js';
import { bookingView, type BookingView, type Convocation } from './views.js';

function holderBooking(store: Store, bookingId: string, token: string): Booking {
  const b = store.getBooking(bookingId);
  if (!b) throw new DomainError('NOT_FOUND', `no booking ${bookingId}`, 'bookingId');
  if (!secretMatches(token, b.token)) throw new DomainError('TOKEN_INVALID', 'wrong booking token', 'token');
  return b;
}

export function confirmBooking(store: Store, now: number, bookingId: string, code: string): BookingView {
  const b = store.getBooking(bookingId);
  if (!b) throw new DomainError('NOT_FOUND', `no booking ${bookingId}`, 'bookingId');
  if (b.status !== 'held') throw new DomainError('BOOKING_NOT_ACTIVE', `booking is ${b.status}`, 'bookingId');
  if (!secretMatches(code, b.confirmCode)) throw new DomainError('TOKEN_INVALID', 'wrong confirmation code', 'code');
  if ((b.confirmBy ?? Infinity) < now) throw new DomainError('BOOKING_NOT_ACTIVE', 'confirmation came too late', 'bookingId');
  store.setBookingStatus(b.id, 'confirmed');
  return bookingView({ ...b, status: 'confirmed' });
}

export function convocationOf(store: Store, counters: Record<string, CounterConfig>, bookingId: string, token: string): Convocation {
  const b = holderBooking(store, bookingId, token);
  const slot = store.getSlot(b.slotId);
  const c: Convocation = {
    bookingId: b.id, slotId: b.slotId, counter: b.counter, counterLabel: counters[b.counter]?.label ?? b.counter,
    slotStart: b.slotStart, desk: slot?.desk ?? 0, firstName: b.identity.firstName, lastName: b.identity.lastName, status: b.status,
  };
  if (b.status === 'held' && b.confirmBy !== undefined) c.confirmBy = b.confirmBy;
  return c;
}

export function cancelBooking(store: Store, bookingId: string, token: string): BookingView {
  const b = holderBooking(store, bookingId, token);
  if (b.status !== 'held' && b.status !== 'confirmed') throw new DomainError('BOOKING_NOT_ACTIVE', `booking is ${b.status}`, 'bookingId');
  store.setBookingStatus(b.id, 'cancelled');
  return bookingView({ ...b, status: 'cancelled' });
}
