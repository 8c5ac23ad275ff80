import { describe, expect, it } from 'vitest';
import type { BookingStatus, SlotState } from '../domain/types.js';
import { MemoryStore } from './memory-store.js';
import { SqliteStore } from './sqlite-store.js';
import { storeConformance } from './store.conformance.js';
import type { Store } from '../domain/ports.js';
import { booking, HOUR, slot } from './test-support/fixtures.js';
import { seededRandom } from '../domain/test-support/seeded-random.js';

storeConformance('MemoryStore', () => new MemoryStore());

const COUNTERS = ['a', 'b'];
const STATUSES: BookingStatus[] = ['held', 'confirmed', 'cancelled', 'expired', 'purged', 'used'];
const STATES: SlotState[] = ['hidden', 'released', 'served', 'wasted'];
const EMAILS = ['x@e.org', 'X@E.org', ' y@e.org', 'z@e.org', 'x+a@e.org'];
const LOOSE = { emailCanonical: 'gmail-like', confusables: 'skeleton' } as const;

/** Everything a caller can observe of a store at time `now`. */
function observe(s: Store, now: number, slotIds: readonly string[], bookingIds: readonly string[]): unknown {
  return {
    available: COUNTERS.map((c) => [s.availableSlots(c, now, 7), s.countAvailable(c, now), s.lastSlotStart(c)]),
    releasedBy: s.releasedSlotsStartingBy(now),
    live: slotIds.map((id) => s.liveBookingForSlot(id)?.id),
    counts: EMAILS.map((e) => s.countLive('email', e)).concat(['p0', 'p1'].map((p) => s.countLive('phone', p))),
    looseCounts: EMAILS.map((e) => s.countLive('email', e, LOOSE)),
    expired: s.expiredHolds(now).map((b) => b.id),
    dups: s.duplicateEmailBookings().map((b) => b.id),
    ledger: s.ledger().map((b) => [b.id, b.status]),
    bookings: bookingIds.slice(-3).map((id) => s.getBooking(id)),
  };
}

/** Applies the same random operation to every store; returns what each answered. */
function step(stores: Store[], r: () => number, st: { now: number; slots: string[]; bookings: string[]; n: number }): unknown[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const op = r();
  const counter = pick(COUNTERS);
  if (op < 0.1) {
    const start = Math.floor(r() * 60) * HOUR;
    const batch = [0, 1, 2].map((d) => slot(counter, start, d, r() < 0.1 ? 'released' : 'hidden'));
    st.slots.push(...batch.map((x) => x.id));
    return stores.map((s) => s.insertSlots(batch));
  }
  if (op < 0.2) {
    const after = st.now + Math.floor(r() * 20 - 5) * HOUR;
    const counters = r() < 0.5 ? COUNTERS : [counter];
    const upTo = after + Math.floor(r() * 30) * HOUR;
    return stores.map((s) => s.releaseSlots(counters, after, upTo, st.now));
  }
  if (op < 0.55 && st.slots.length > 0) {
    const id = `bk${++st.n}`;
    const slotId = pick(st.slots);
    const target = stores[0]?.getSlot(slotId);
    if (!target) return [];
    const b = booking(id, target, {
      status: r() < 0.5 ? 'held' : 'confirmed', createdAt: st.now + Math.floor(r() * 3), email: pick(EMAILS),
      ...(r() < 0.5 ? { phone: pick(['p0', 'p1']) } : {}), ...(r() < 0.7 ? { confirmBy: st.now + Math.floor(r() * 4) * HOUR } : {}),
    });
    st.bookings.push(id);
    const unchecked = r() < 0.15;
    return stores.map((s) => (unchecked ? s.insertBookingUnchecked(b) : s.insertBooking(b)));
  }
  if (op < 0.8 && st.bookings.length > 0) {
    const id = pick(st.bookings);
    const status = pick(STATUSES);
    return stores.map((s) => {
      try {
        s.setBookingStatus(id, status);
        return 'ok';
      } catch {
        return 'refused';
      }
    });
  }
  if (op < 0.9 && st.slots.length > 0) {
    const id = pick(st.slots);
    const state = pick(STATES);
    return stores.map((s) => s.setSlotState(id, state));
  }
  st.now += Math.floor(r() * 3) * HOUR;
  return [];
}

describe('MemoryStore against SqliteStore on random operation sequences', () => {
  // the memory store builds its identity indexes when first asked: asked from the start, or
  // first asked after hundreds of writes (the index is then built from what is live)
  for (const [seed, askFrom] of [[1, 0], [2, 0], [3, 0], [4, 0], [5, 300], [6, 300]] as const) {
    it(`answers every query like the SQL store (seed ${seed}, asked from step ${askFrom})`, () => {
      const mem = new MemoryStore();
      const sql = new SqliteStore(':memory:');
      const r = seededRandom(seed).next;
      const st = { now: 0, slots: [] as string[], bookings: [] as string[], n: 0 };
      for (let i = 0; i < 400; i++) {
        const [m, q] = step([mem, sql], r, st);
        expect(m, `step ${i}`).toEqual(q);
        if (i >= askFrom) expect(observe(mem, st.now, st.slots, st.bookings), `step ${i}`).toEqual(observe(sql, st.now, st.slots, st.bookings));
      }
      expect(sql.ledger().length).toBeGreaterThan(50);
      sql.close();
    });
  }
});

describe('MemoryStore at simulator scale', () => {
  it('answers availability over a large calendar exactly as a scan of it would', () => {
    const s = new MemoryStore();
    const slots = Array.from({ length: 15_000 }, (_, i) => slot(i % 2 ? 'a' : 'b', Math.floor(i / 8) * HOUR, i % 4));
    s.insertSlots(slots);
    s.releaseSlots(['a', 'b'], -1, Infinity, 0);
    const booked = new Set<string>();
    for (let i = 0; i < 7_000; i += 1 + (i % 3)) {
      s.insertBooking(booking(`b${i}`, slots[i]!));
      booked.add(slots[i]!.id);
    }
    // the reference: every free slot of the counter that has not started yet, by time (ids repeat
    // in this calendar: a slot inserted twice is one slot)
    const unique = [...new Map(slots.map((x) => [x.id, x])).values()];
    const scan = (counter: string, now: number) => unique
      .filter((x) => x.counter === counter && x.start > now && !booked.has(x.id))
      .map((x) => x.start);
    for (let i = 0; i < 200; i++) {
      const now = ((i * 37) % 1000) * HOUR;
      expect(s.countAvailable('b', now), `count at ${now}`).toBe(scan('b', now).length);
      expect(s.availableSlots('a', now, 10).map((x) => x.start), `first ten at ${now}`).toEqual(scan('a', now).slice(0, 10));
    }
  });
});
