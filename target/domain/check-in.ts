/**
 * Check-in at the counter: the holder of a convocation shows up and the agent serves them, or
 * refuses (wrong counter, purged or already used booking, another day, a name that does not
 * match the papers under the exact-name rule). Serving marks the booking used and the slot served.
 */
import { sameName } from './names.js';
import type { Policy } from './policy.js';
import type { Store } from './ports.js';
import type { CheckInResult } from './types.js';

/** Check-in is accepted this long around the appointment (the same half-day). */
const CHECK_IN_WINDOW = 12 * 3_600_000;

export interface CheckInRequest {
  bookingId: string;
  counter: string;
  presented: { firstName: string; lastName: string };
}

export function checkInAtCounter(store: Store, policy: Policy, now: number, req: CheckInRequest): CheckInResult {
  const b = store.getBooking(req.bookingId);
  if (!b) return { served: false, reason: 'NOT_FOUND' };
  if (b.counter !== req.counter) return { served: false, reason: 'WRONG_COUNTER' };
  if (b.status === 'purged') return { served: false, reason: 'PURGED' };
  if (b.status === 'used') return { served: false, reason: 'ALREADY_USED' };
  if (b.status !== 'confirmed') return { served: false, reason: 'NOT_ACTIVE' };
  if (Math.abs(now - b.slotStart) > CHECK_IN_WINDOW) return { served: false, reason: 'NOT_TODAY' };
  if (policy.measures.exactName?.atCheckIn && !sameName(b.identity, req.presented)) {
    return { served: false, reason: 'NAME_MISMATCH' };
  }
  store.transaction(() => {
    store.setBookingStatus(b.id, 'used');
    store.setSlotState(b.slotId, 'served');
  });
  return { served: true, bookingId: b.id };
}
