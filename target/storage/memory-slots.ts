/**
 * Slot indexes of the memory store. Per counter: every slot in (start, desk) order, the
 * available ones (released, no live booking) in the same order, and the index before which no
 * slot is hidden any more; across counters: the slots still in state 'released'. Availability
 * queries are then a binary search and a slice, whatever the size of the calendar.
 * Slots are frozen and replaced on change, so they can be handed out without copying. The
 * available and released lists lose their earliest entries most: they are SortedLists.
 */
import type { Slot, SlotState } from '../domain/types.js';
import { cmpSlot, firstAfter, insertSorted, lowerBound, slotStart } from './sorted.js';
import { SortedList } from './sorted-list.js';
import { slotRecord } from './records.js';

interface CounterSlots {
  all: Slot[];
  available: SortedList<Slot>;
  /** every slot of `all` before this index is not hidden: releases start scanning here */
  hiddenFrom: number;
  /** changes whenever `available` does (see availableVersion) */
  availableVersion: number;
}

export class MemorySlots {
  private readonly byId = new Map<string, Slot>();
  private readonly counters = new Map<string, CounterSlots>();
  /** slots in state 'released', all counters */
  private readonly released = new SortedList<Slot>(cmpSlot);
  /** the last version handed out: versions never repeat, even across clear() */
  private versions = 0;

  constructor(private readonly hasLiveBooking: (slotId: string) => boolean) {}

  insert(slots: readonly Slot[]): void {
    for (const input of slots) {
      if (this.byId.has(input.id)) continue;
      const s = slotRecord(input);
      this.byId.set(s.id, s);
      const c = this.counter(s.counter);
      const i = insertSorted(c.all, s, cmpSlot);
      if (i <= c.hiddenFrom) c.hiddenFrom = s.state === 'hidden' ? i : c.hiddenFrom + 1;
      if (s.state === 'released') this.enterReleased(c, s);
    }
  }

  get(id: string): Slot | undefined {
    return this.byId.get(id);
  }

  lastStart(counter: string): number | undefined {
    return this.counters.get(counter)?.all.at(-1)?.start;
  }

  release(counters: readonly string[], after: number, upTo: number, at: number): string[] {
    const out: Slot[] = [];
    for (const name of new Set(counters)) {
      const c = this.counters.get(name);
      if (!c) continue;
      const all = c.all;
      for (let i = Math.max(firstAfter(all, after, slotStart), c.hiddenFrom); i < all.length; i++) {
        const s = all[i] as Slot;
        if (s.start > upTo) break;
        if (s.state !== 'hidden') continue;
        const next = slotRecord(s, 'released', at);
        all[i] = next;
        this.byId.set(next.id, next);
        this.enterReleased(c, next);
        out.push(next);
      }
      this.advanceHidden(c);
    }
    if (counters.length > 1) out.sort(cmpSlot);
    return out.map((s) => s.id);
  }

  available(counter: string, now: number, limit: number): Slot[] {
    const c = this.counters.get(counter);
    if (!c || !(limit > 0)) return [];
    const i = c.available.firstAfter(now, slotStart);
    return c.available.slice(i, i + limit);
  }

  /** A number that changes whenever the counter's available slots change. */
  availableVersion(counter: string): number {
    return this.counters.get(counter)?.availableVersion ?? 0;
  }

  countAvailable(counter: string, now: number): number {
    const c = this.counters.get(counter);
    if (!c) return 0;
    return c.available.length - c.available.firstAfter(now, slotStart);
  }

  setState(id: string, state: SlotState): void {
    const s = this.byId.get(id);
    if (!s) throw new Error(`setSlotState: unknown slot "${id}"`);
    if (s.state === state) return;
    const next = slotRecord(s, state);
    const c = this.counter(s.counter);
    const i = lowerBound(c.all, s, cmpSlot);
    c.all[i] = next;
    this.byId.set(id, next);
    if (s.state === 'released') {
      this.released.remove(s);
      if (c.available.remove(s)) this.changed(c);
    }
    if (state === 'released') this.enterReleased(c, next);
    if (state === 'hidden') c.hiddenFrom = Math.min(c.hiddenFrom, i);
    else this.advanceHidden(c);
  }

  releasedStartingBy(t: number): Slot[] {
    return this.released.slice(0, this.released.firstAfter(t, slotStart));
  }

  /** The slot got its first live booking. */
  booked(slotId: string): void {
    const s = this.byId.get(slotId);
    if (s?.state !== 'released') return;
    const c = this.counter(s.counter);
    if (c.available.remove(s)) this.changed(c);
  }

  /** The slot lost its last live booking. */
  freed(slotId: string): void {
    const s = this.byId.get(slotId);
    if (s?.state !== 'released') return;
    const c = this.counter(s.counter);
    c.available.insert(s);
    this.changed(c);
  }

  clear(): void {
    this.byId.clear();
    this.counters.clear();
    this.released.clear();
  }

  private counter(name: string): CounterSlots {
    let c = this.counters.get(name);
    if (!c) {
      c = { all: [], available: new SortedList<Slot>(cmpSlot), hiddenFrom: 0, availableVersion: ++this.versions };
      this.counters.set(name, c);
    }
    return c;
  }

  private enterReleased(c: CounterSlots, s: Slot): void {
    this.released.insert(s);
    if (this.hasLiveBooking(s.id)) return;
    c.available.insert(s);
    this.changed(c);
  }

  /** The counter's available slots changed. */
  private changed(c: CounterSlots): void {
    c.availableVersion = ++this.versions;
  }

  private advanceHidden(c: CounterSlots): void {
    while (c.hiddenFrom < c.all.length && (c.all[c.hiddenFrom] as Slot).state !== 'hidden') c.hiddenFrom++;
  }
}
