/**
 * In-memory Store for the simulator's hot path. Everything queried is indexed (see
 * memory-slots.ts and memory-bookings.ts); records are frozen and replaced on change, so what a
 * caller gets can be handed out without copying and cannot alter the store by accident.
 */
import type {
  Booking, BookingStatus, Challenge, Mail, Registration, Slot, SlotState, WaitingTicket,
} from '../domain/types.js';
import { emailKey } from './identity-keys.js';
import { MemoryBookings } from './memory-bookings.js';
import { MemorySlots } from './memory-slots.js';
import { cmpCreated, insertSorted } from './sorted.js';
import type { EmailRule, IdentityField, Store } from '../domain/ports.js';
import { frozenCopy } from './frozen-copy.js';
import { identityRecord } from './records.js';

interface Entry<T> {
  v: T;
  seq: number;
  createdAt: number;
}

/** Records grouped by a key, each group in creation order. */
class Grouped<T extends { id: string; createdAt: number }> {
  private seq = 0;
  private readonly byId = new Map<string, Entry<T>>();
  private readonly groups = new Map<string, Entry<T>[]>();

  add(v: T, group: string, what: string): void {
    if (this.byId.has(v.id)) throw new Error(`${what}: "${v.id}" exists already`);
    const e: Entry<T> = { v, seq: ++this.seq, createdAt: v.createdAt };
    this.byId.set(v.id, e);
    const list = this.groups.get(group);
    if (list) insertSorted(list, e, cmpCreated);
    else this.groups.set(group, [e]);
  }
  get(id: string): T | undefined {
    return this.byId.get(id)?.v;
  }
  group(key: string): T[] {
    return (this.groups.get(key) ?? []).map((e) => e.v);
  }
  replace(id: string, what: string, change: (old: T) => T): void {
    const e = this.byId.get(id);
    if (!e) throw new Error(`${what}: unknown id "${id}"`);
    e.v = change(e.v);
  }
  clear(): void {
    this.byId.clear();
    this.groups.clear();
  }
}

const drawKey = (counter: string, at: number): string => `${counter}\u0000${at}`;

export class MemoryStore implements Store {
  private readonly slots: MemorySlots = new MemorySlots((id) => this.bookings.hasLive(id));
  private readonly bookings = new MemoryBookings(this.slots);
  private readonly challenges = new Map<string, Challenge>();
  private readonly regs = new Grouped<Registration>();
  private readonly ticketsById = new Grouped<WaitingTicket>();
  private readonly mail = new Map<string, Mail[]>();
  private readonly meta = new Map<string, string>();

  insertSlots(slots: readonly Slot[]): void {
    this.slots.insert(slots);
  }
  getSlot(id: string): Slot | undefined {
    return this.slots.get(id);
  }
  lastSlotStart(counter: string): number | undefined {
    return this.slots.lastStart(counter);
  }
  releaseSlots(counters: readonly string[], after: number, upTo: number, at: number): string[] {
    return this.slots.release(counters, after, upTo, at);
  }
  availableSlots(counter: string, now: number, limit: number): Slot[] {
    return this.slots.available(counter, now, limit);
  }
  countAvailable(counter: string, now: number): number {
    return this.slots.countAvailable(counter, now);
  }
  /** Changes whenever the counter's available slots change: a listing stays right while it does not (not a Store method: SQLite has no such cheap number). */
  availableVersion(counter: string): number {
    return this.slots.availableVersion(counter);
  }
  setSlotState(id: string, state: SlotState): void {
    this.slots.setState(id, state);
  }
  releasedSlotsStartingBy(t: number): Slot[] {
    return this.slots.releasedStartingBy(t);
  }

  insertBooking(b: Booking): 'ok' | 'SLOT_TAKEN' {
    return this.bookings.insert(b, true);
  }
  insertBookingUnchecked(b: Booking): void {
    this.bookings.insert(b, false);
  }
  getBooking(id: string): Booking | undefined {
    return this.bookings.get(id);
  }
  liveBookingForSlot(slotId: string): Booking | undefined {
    return this.bookings.liveForSlot(slotId);
  }
  setBookingStatus(id: string, status: BookingStatus): void {
    this.bookings.setStatus(id, status);
  }
  countLive(field: IdentityField, value: string, rule?: EmailRule): number {
    return this.bookings.countLive(field, value, rule);
  }
  expiredHolds(now: number): Booking[] {
    return this.bookings.expiredHolds(now);
  }
  duplicateEmailBookings(rule?: EmailRule): Booking[] {
    return this.bookings.duplicateEmails(rule);
  }
  ledger(): Booking[] {
    return this.bookings.ledger();
  }

  insertChallenge(c: Challenge): void {
    if (this.challenges.has(c.id)) throw new Error(`insertChallenge: "${c.id}" exists already`);
    this.challenges.set(c.id, frozenCopy(c));
  }
  getChallenge(id: string): Challenge | undefined {
    return this.challenges.get(id);
  }
  useChallenge(id: string): boolean {
    const c = this.challenges.get(id);
    if (!c || c.used) return false;
    this.challenges.set(id, frozenCopy(c, { used: true }));
    return true;
  }
  deleteChallengesExpiredBefore(t: number): number {
    let n = 0;
    for (const [id, c] of this.challenges) {
      if (c.expiresAt < t && this.challenges.delete(id)) n++;
    }
    return n;
  }

  insertRegistration(r: Registration): void {
    const frozen = frozenCopy(r, { identity: identityRecord(r.identity) });
    this.regs.add(frozen, drawKey(r.counter, r.drawAt), 'insertRegistration');
  }
  getRegistration(id: string): Registration | undefined {
    return this.regs.get(id);
  }
  registrations(counter: string, drawAt: number): Registration[] {
    return this.regs.group(drawKey(counter, drawAt));
  }
  updateRegistration(
    id: string,
    patch: Pick<Registration, 'outcome'> & Partial<Pick<Registration, 'bookingId'>>,
  ): void {
    this.regs.replace(id, 'updateRegistration', (old) => frozenCopy(old, patch));
  }

  insertTicket(t: WaitingTicket): void {
    this.ticketsById.add(frozenCopy(t), drawKey(t.counter, t.releaseAt), 'insertTicket');
  }
  getTicket(id: string): WaitingTicket | undefined {
    return this.ticketsById.get(id);
  }
  tickets(counter: string, releaseAt: number): WaitingTicket[] {
    return this.ticketsById.group(drawKey(counter, releaseAt));
  }
  updateTicket(id: string, patch: Partial<Pick<WaitingTicket, 'position' | 'admitAt' | 'uses'>>): void {
    this.ticketsById.replace(id, 'updateTicket', (old) => frozenCopy<WaitingTicket>(old, patch));
  }

  insertMail(m: Mail): void {
    const key = emailKey(m.to);
    const list = this.mail.get(key);
    const frozen = frozenCopy(m);
    if (list) list.push(frozen);
    else this.mail.set(key, [frozen]);
  }
  mailFor(email: string): Mail[] {
    return [...(this.mail.get(emailKey(email)) ?? [])];
  }

  getMeta(key: string): string | undefined {
    return this.meta.get(key);
  }
  setMeta(key: string, value: string): void {
    this.meta.set(key, value);
  }

  transaction<T>(fn: () => T): T {
    return fn();
  }
  reset(): void {
    this.bookings.clear();
    this.slots.clear();
    this.challenges.clear();
    this.regs.clear();
    this.ticketsById.clear();
    this.mail.clear();
    this.meta.clear();
  }
  close(): void {
    // nothing to release: the store is garbage once unreferenced
  }
}
