/**
 * The memory store, with a listener told of what the simulator must see happen inside the
 * target: which slots a release put online, every booking written (including lottery draws),
 * bookings that stop being live (cancelled, expired, purged: their slot may be free again) and
 * slots served. The target itself is unchanged: it only sees a Store.
 */
import type { Booking, BookingStatus, Slot, SlotState } from '../../../target/domain/types.js';
import { MemoryStore } from '../../../target/storage/memory-store.js';

export interface StoreListener {
  /** the slots a release put online */
  released(slots: readonly Slot[], at: number): void;
  booked(b: Booking): void;
  statusChanged(b: Booking, status: BookingStatus): void;
  slotState(slot: Slot, state: SlotState): void;
}

export class RecordingStore extends MemoryStore {
  constructor(private readonly listener: StoreListener) {
    super();
  }

  override releaseSlots(counters: readonly string[], after: number, upTo: number, at: number): string[] {
    const ids = super.releaseSlots(counters, after, upTo, at);
    if (ids.length > 0) this.listener.released(ids.map((id) => this.getSlot(id)).filter((s): s is Slot => s !== undefined), at);
    return ids;
  }

  override insertBooking(b: Booking): 'ok' | 'SLOT_TAKEN' {
    const r = super.insertBooking(b);
    if (r === 'ok') this.listener.booked(b);
    return r;
  }

  override insertBookingUnchecked(b: Booking): void {
    super.insertBookingUnchecked(b);
    this.listener.booked(b);
  }

  override setBookingStatus(id: string, status: BookingStatus): void {
    const before = this.getBooking(id);
    super.setBookingStatus(id, status);
    if (before && before.status !== status) this.listener.statusChanged(before, status);
  }

  override setSlotState(id: string, state: SlotState): void {
    const before = this.getSlot(id);
    super.setSlotState(id, state);
    if (before && before.state !== state) this.listener.slotState(before, state);
  }
}
