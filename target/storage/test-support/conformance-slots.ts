/** Conformance: slots, release and availability. */
import { describe, expect, it } from 'vitest';
import { booking, HOUR, ids, releasedSlot, slot, type StoreHolder } from './fixtures.js';

export function slotConformance(h: StoreHolder): void {
  describe('slots', () => {
    it('inserts slots idempotently and reads them back', () => {
      const a = slot('renewal', 2 * HOUR, 1);
      h.store.insertSlots([a, slot('renewal', 5 * HOUR), slot('first', 9 * HOUR)]);
      h.store.insertSlots([{ ...a, state: 'released', desk: 7 }]);
      expect(h.store.getSlot(a.id)).toStrictEqual(a);
      expect(h.store.getSlot('nope')).toBeUndefined();
      expect(h.store.lastSlotStart('renewal')).toBe(5 * HOUR);
      expect(h.store.lastSlotStart('first')).toBe(9 * HOUR);
      expect(h.store.lastSlotStart('unknown')).toBeUndefined();
    });

    it('releases the hidden slots of the given counters in (after, upTo], by (start, desk)', () => {
      const s = h.store;
      s.insertSlots([
        slot('a', 3 * HOUR, 1), slot('a', 1 * HOUR, 0), slot('a', 2 * HOUR, 1), slot('a', 2 * HOUR, 0),
        slot('b', 2 * HOUR, 0), slot('b', 3 * HOUR, 0), slot('c', 2 * HOUR, 0), slot('a', 4 * HOUR, 0),
      ]);
      const got = s.releaseSlots(['a', 'b'], 1 * HOUR, 3 * HOUR, 42);
      expect(got).toEqual([
        slot('a', 2 * HOUR, 0).id, slot('b', 2 * HOUR, 0).id, slot('a', 2 * HOUR, 1).id,
        slot('b', 3 * HOUR, 0).id, slot('a', 3 * HOUR, 1).id,
      ]);
      expect(s.getSlot(slot('a', 2 * HOUR, 1).id)).toMatchObject({ state: 'released', releasedAt: 42 });
      expect(s.getSlot(slot('a', 1 * HOUR, 0).id)?.state).toBe('hidden');
      expect(s.getSlot(slot('a', 4 * HOUR, 0).id)?.state).toBe('hidden');
      expect(s.getSlot(slot('c', 2 * HOUR, 0).id)?.state).toBe('hidden');
      expect(s.releaseSlots(['a', 'b'], 0, 3 * HOUR, 50)).toEqual([slot('a', 1 * HOUR, 0).id]);
      expect(s.getSlot(slot('a', 2 * HOUR, 1).id)?.releasedAt).toBe(42);
      expect(s.releaseSlots(['a'], -Infinity, Infinity, 60)).toEqual([slot('a', 4 * HOUR, 0).id]);
      expect(s.releaseSlots(['zzz'], 0, 10 * HOUR, 60)).toEqual([]);
    });

    it('does not release a slot set back to hidden twice, but does release it again once hidden', () => {
      const s = h.store;
      s.insertSlots([slot('a', 1 * HOUR), slot('a', 2 * HOUR), slot('a', 3 * HOUR)]);
      expect(s.releaseSlots(['a'], 0, 2 * HOUR, 1)).toHaveLength(2);
      s.setSlotState(slot('a', 1 * HOUR).id, 'hidden');
      s.insertSlots([slot('a', 0.5 * HOUR)]);
      expect(s.releaseSlots(['a'], 0, 3 * HOUR, 2)).toEqual(
        [slot('a', 0.5 * HOUR).id, slot('a', 1 * HOUR).id, slot('a', 3 * HOUR).id]);
    });

    it('lists available slots: released, starting after now, without a live booking, by (start, desk)', () => {
      const s = h.store;
      const [p, q, r, t, u, v] = [
        releasedSlot('a', 1 * HOUR), releasedSlot('a', 2 * HOUR, 1), releasedSlot('a', 2 * HOUR, 0),
        releasedSlot('a', 3 * HOUR), releasedSlot('a', 4 * HOUR), releasedSlot('a', 5 * HOUR),
      ] as const;
      s.insertSlots([v, u, t, r, q, p, slot('a', 6 * HOUR), releasedSlot('b', 3 * HOUR)]);
      expect(ids(s.availableSlots('a', 0, 100))).toEqual(ids([p, r, q, t, u, v]));
      expect(ids(s.availableSlots('a', 1 * HOUR, 2))).toEqual(ids([r, q]));
      expect(s.availableSlots('a', 0, 0)).toEqual([]);
      expect(ids(s.availableSlots('a', -Infinity, Infinity))).toEqual(ids([p, r, q, t, u, v]));
      expect(s.availableSlots('nope', 0, 10)).toEqual([]);
      expect(s.insertBooking(booking('b1', t, { status: 'held' }))).toBe('ok');
      expect(s.insertBooking(booking('b2', u))).toBe('ok');
      s.setSlotState(v.id, 'wasted');
      expect(ids(s.availableSlots('a', 1 * HOUR, 100))).toEqual(ids([r, q]));
      expect(s.countAvailable('a', 1 * HOUR)).toBe(2);
      expect(s.countAvailable('a', 0)).toBe(3);
      expect(s.countAvailable('a', 9 * HOUR)).toBe(0);
      expect(s.countAvailable('b', 0)).toBe(1);
      expect(s.countAvailable('nope', 0)).toBe(0);
      s.setSlotState(v.id, 'released');
      expect(ids(s.availableSlots('a', 4 * HOUR, 10))).toEqual(ids([v]));
    });

    it('frees the slot when its booking is cancelled', () => {
      const s = h.store;
      const a = releasedSlot('a', 2 * HOUR);
      s.insertSlots([a]);
      expect(s.insertBooking(booking('b1', a))).toBe('ok');
      expect(s.countAvailable('a', 0)).toBe(0);
      s.setBookingStatus('b1', 'cancelled');
      expect(s.liveBookingForSlot(a.id)).toBeUndefined();
      expect(ids(s.availableSlots('a', 0, 10))).toEqual([a.id]);
      expect(s.insertBooking(booking('b2', a))).toBe('ok');
      expect(s.liveBookingForSlot(a.id)?.id).toBe('b2');
      expect(s.countAvailable('a', 0)).toBe(0);
    });

    it('lists slots still released whose start is <= t, booked or not', () => {
      const s = h.store;
      const [a, b, c, d] = [releasedSlot('a', 1 * HOUR), releasedSlot('b', 1 * HOUR, 1), releasedSlot('a', 2 * HOUR),
        releasedSlot('a', 3 * HOUR)] as const;
      s.insertSlots([d, c, b, a, slot('a', 0)]);
      s.insertBooking(booking('x', c));
      s.setSlotState(a.id, 'served');
      expect(ids(s.releasedSlotsStartingBy(2 * HOUR))).toEqual(ids([b, c]));
      expect(ids(s.releasedSlotsStartingBy(0))).toEqual([]);
      s.setSlotState(b.id, 'wasted');
      expect(ids(s.releasedSlotsStartingBy(10 * HOUR))).toEqual(ids([c, d]));
    });

    it('refuses to change the state of an unknown slot', () => {
      expect(() => h.store.setSlotState('nope', 'wasted')).toThrow(/unknown slot/);
    });
  });
}
