/**
 * A store with a listener told of what the harness must see happen inside the target: which
 * slots a release put online, every booking written (including lottery draws), bookings that
 * stop being live (cancelled, expired, purged: their slot may be free again) and slots served.
 * The target itself is unchanged: it only sees a Store. The simulation taps the memory store
 * (`RecordingStore`); a live run taps the SQLite store of the target it starts
 * (`RecordingSqliteStore`), so both feed the same recorder.
 */
import type { Store } from '../../../target/domain/ports.js';
import type { Booking, BookingStatus, Slot, SlotState } from '../../../target/domain/types.js';
import { MemoryStore } from '../../../target/storage/memory-store.js';
import { SqliteStore } from '../../../target/storage/sqlite-store.js';

export interface StoreListener {
  /** the slots a release put online */
  released(slots: readonly Slot[], at: number): void;
  booked(b: Booking): void;
  statusChanged(b: Booking, status: BookingStatus): void;
  slotState(slot: Slot, state: SlotState): void;
}

type StoreClass = new (...args: any[]) => Store;

/** `Base` with every write the harness must see reported to `listener` (set right after construction). */
function tapped<B extends StoreClass>(Base: B) {
  return class extends Base {
    listener!: StoreListener;
    /** the SQLite store's unchecked insert goes through insertBooking first: tell the listener once */
    private unchecked = false;

    override releaseSlots(counters: readonly string[], after: number, upTo: number, at: number): string[] {
      const ids = super.releaseSlots(counters, after, upTo, at);
      if (ids.length > 0) this.listener.released(ids.map((id) => this.getSlot(id)).filter((s): s is Slot => s !== undefined), at);
      return ids;
    }

    override insertBooking(b: Booking): 'ok' | 'SLOT_TAKEN' {
      const r = super.insertBooking(b);
      if (r === 'ok' && !this.unchecked) this.listener.booked(b);
      return r;
    }

    override insertBookingUnchecked(b: Booking): void {
      this.unchecked = true;
      try {
        super.insertBookingUnchecked(b);
      } finally {
        this.unchecked = false;
      }
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
  };
}

export class RecordingStore extends tapped(MemoryStore) {
  constructor(listener: StoreListener) {
    super();
    this.listener = listener;
  }
}

export class RecordingSqliteStore extends tapped(SqliteStore) {
  constructor(path: string, listener: StoreListener) {
    super(path);
    this.listener = listener;
  }
}
