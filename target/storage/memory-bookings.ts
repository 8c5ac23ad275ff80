/**
 * Booking indexes of the memory store: by id, in creation order (the ledger), live bookings by
 * slot, by e-mail (its default key, and its loose key for the policies' looser rules), by phone
 * and by AGDREF (these four built when a policy first asks: live-by-key.ts), held bookings by
 * confirmation deadline.
 * Bookings are frozen and replaced on status change, so they are handed out without copying.
 */
import { LIVE_STATUSES, type Booking, type BookingStatus } from '../domain/types.js';
import { countSameUnder, emailKey, isLooseRule, laterUnder, looseEmailKey } from './identity-keys.js';
import type { MemorySlots } from './memory-slots.js';
import { cmpCreated, insertSorted, removeSorted, type Cmp } from './sorted.js';
import { LiveByKey, type LiveRec } from './live-by-key.js';
import type { EmailRule, IdentityField } from '../domain/ports.js';
import { bookingRecord, identityRecord } from './records.js';

interface Rec extends LiveRec {
  /** e-mail keys, computed when an index first needs them */
  email: string | undefined;
  loose: string | undefined;
}

const isLive = (s: BookingStatus): boolean => LIVE_STATUSES.includes(s);
const cmpHeld: Cmp<Rec> = (a, b) => (a.b.confirmBy ?? 0) - (b.b.confirmBy ?? 0) || cmpCreated(a, b);
const tracksHold = (b: Booking): boolean => b.status === 'held' && b.confirmBy !== undefined;

export class MemoryBookings {
  private seq = 0;
  private readonly byId = new Map<string, Rec>();
  private readonly ledgerRecs: Rec[] = [];
  private readonly liveBySlot = new Map<string, Rec[]>();
  private readonly liveRecs = (): Iterable<Rec> => [...this.liveBySlot.values()].flat();
  /** live bookings by identity key: the e-mail's default and loose keys, the phone and AGDREF numbers */
  private readonly liveBy = {
    email: new LiveByKey<Rec>((r) => (r.email ??= emailKey(r.b.identity.email)), this.liveRecs),
    loose: new LiveByKey<Rec>((r) => (r.loose ??= looseEmailKey(r.b.identity.email)), this.liveRecs),
    phone: new LiveByKey<Rec>((r) => r.b.identity.phone, this.liveRecs),
    agdref: new LiveByKey<Rec>((r) => r.b.identity.agdref, this.liveRecs),
  };
  private readonly identityIndexes = Object.values(this.liveBy);
  private readonly held: Rec[] = [];

  constructor(private readonly slots: MemorySlots) {}

  insert(input: Booking, checked: boolean): 'ok' | 'SLOT_TAKEN' {
    if (this.byId.has(input.id)) throw new Error(`insertBooking: booking "${input.id}" exists already`);
    if (!this.slots.get(input.slotId)) throw new Error(`insertBooking: unknown slot "${input.slotId}"`);
    const live = isLive(input.status);
    if (checked && live && this.hasLive(input.slotId)) return 'SLOT_TAKEN';
    const b = bookingRecord(input, identityRecord(input.identity));
    const rec: Rec = { b, seq: ++this.seq, createdAt: b.createdAt, email: undefined, loose: undefined };
    this.byId.set(b.id, rec);
    insertSorted(this.ledgerRecs, rec, cmpCreated);
    if (live) this.addLive(rec);
    if (tracksHold(b)) insertSorted(this.held, rec, cmpHeld);
    return 'ok';
  }

  get(id: string): Booking | undefined {
    return this.byId.get(id)?.b;
  }

  hasLive(slotId: string): boolean {
    return this.liveBySlot.has(slotId);
  }

  liveForSlot(slotId: string): Booking | undefined {
    return this.liveBySlot.get(slotId)?.[0]?.b;
  }

  setStatus(id: string, status: BookingStatus): void {
    const rec = this.byId.get(id);
    if (!rec) throw new Error(`setBookingStatus: unknown booking "${id}"`);
    const old = rec.b;
    if (old.status === status) return;
    const wasLive = isLive(old.status);
    const nowLive = isLive(status);
    if (!wasLive && nowLive && this.hasLive(old.slotId)) {
      throw new Error(`setBookingStatus: slot "${old.slotId}" has a live booking already`);
    }
    if (tracksHold(old)) removeSorted(this.held, rec, cmpHeld);
    rec.b = bookingRecord(old, old.identity, status);
    if (wasLive && !nowLive) this.removeLive(rec);
    if (!wasLive && nowLive) this.addLive(rec);
    if (tracksHold(rec.b)) insertSorted(this.held, rec, cmpHeld);
  }

  countLive(field: IdentityField, value: string, rule?: EmailRule): number {
    if (field !== 'email') return this.liveBy[field].recs.get(value)?.length ?? 0;
    if (!isLooseRule(rule)) return this.liveBy.email.recs.get(emailKey(value))?.length ?? 0;
    return countSameUnder((this.liveBy.loose.recs.get(looseEmailKey(value)) ?? []).map((r) => r.b.identity.email), value, rule);
  }

  expiredHolds(now: number): Booking[] {
    const out: Booking[] = [];
    for (const rec of this.held) {
      if ((rec.b.confirmBy ?? Infinity) >= now) break;
      out.push(rec.b);
    }
    return out;
  }

  duplicateEmails(rule?: EmailRule): Booking[] {
    const recs: Rec[] = [];
    if (!isLooseRule(rule)) {
      for (const email of this.liveBy.email.dups) recs.push(...(this.liveBy.email.recs.get(email) ?? []).slice(1));
    } else {
      // a loose group holds the addresses of one or more people under the rule: the first of each stays
      for (const loose of this.liveBy.loose.dups) recs.push(...laterUnder(this.liveBy.loose.recs.get(loose) ?? [], (r) => r.b.identity.email, rule));
    }
    return recs.sort(cmpCreated).map((r) => r.b);
  }

  ledger(): Booking[] {
    return this.ledgerRecs.map((r) => r.b);
  }

  clear(): void {
    this.byId.clear();
    this.ledgerRecs.length = 0;
    this.liveBySlot.clear();
    for (const index of this.identityIndexes) index.clear();
    this.held.length = 0;
  }

  private addLive(rec: Rec): void {
    const { slotId } = rec.b;
    const bySlot = this.liveBySlot.get(slotId);
    if (bySlot) insertSorted(bySlot, rec, cmpCreated);
    else {
      this.liveBySlot.set(slotId, [rec]);
      this.slots.booked(slotId);
    }
    for (const index of this.identityIndexes) index.add(rec);
  }

  private removeLive(rec: Rec): void {
    const { slotId } = rec.b;
    const bySlot = this.liveBySlot.get(slotId);
    if (bySlot) {
      removeSorted(bySlot, rec, cmpCreated);
      if (bySlot.length === 0) {
        this.liveBySlot.delete(slotId);
        this.slots.freed(slotId);
      }
    }
    for (const index of this.identityIndexes) index.remove(rec);
  }
}
