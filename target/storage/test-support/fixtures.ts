/** Small builders for store tests: slots and bookings with sensible defaults. */
import type { Booking, Slot, SlotState } from '../../domain/types.js';
import type { Store } from '../../domain/ports.js';

/** The store of the running test: a fresh one per test (see store.conformance.ts). */
export interface StoreHolder {
  readonly store: Store;
}

export const HOUR = 3_600_000;

export function slot(counter: string, start: number, desk = 0, state: SlotState = 'hidden'): Slot {
  return { id: `${counter}@${start}#${desk}`, counter, start, desk, state };
}

export function releasedSlot(counter: string, start: number, desk = 0): Slot {
  return { ...slot(counter, start, desk, 'released'), releasedAt: 0 };
}

export interface BookingOpts {
  status?: Booking['status'];
  createdAt?: number;
  email?: string;
  phone?: string;
  agdref?: string;
  confirmBy?: number;
}

export function booking(id: string, s: Slot, o: BookingOpts = {}): Booking {
  const b: Booking = {
    id,
    slotId: s.id,
    counter: s.counter,
    slotStart: s.start,
    identity: { firstName: 'Awa', lastName: 'Diallo', email: o.email ?? `${id}@example.org` },
    token: `tok-${id}`,
    status: o.status ?? 'confirmed',
    createdAt: o.createdAt ?? 0,
    ip: '10.0.0.1',
    session: `sess-${id}`,
  };
  if (o.phone !== undefined) b.identity.phone = o.phone;
  if (o.agdref !== undefined) b.identity.agdref = o.agdref;
  if (o.confirmBy !== undefined) {
    b.confirmBy = o.confirmBy;
    b.confirmCode = `code-${id}`;
  }
  return b;
}

export const ids = (xs: readonly { id: string }[]): string[] => xs.map((x) => x.id);
