/**
 * Store on SQLite (better-sqlite3): the target's durable storage in live mode. WAL with
 * synchronous=FULL, so a booking that insertBooking returned 'ok' for survives a crash of the
 * process. One live booking per slot is enforced by a partial unique index (sqlite-schema.ts),
 * so insertBooking is one INSERT with no SELECT before it, atomic across connections.
 */
import Database from 'better-sqlite3';
import type { Booking, BookingStatus, Challenge, Mail, Registration, Slot, SlotState, WaitingTicket } from '../domain/types.js';
import { LIVE_STATUSES } from '../domain/types.js';
import { AvailabilityCache } from './availability-cache.js';
import { countSameUnder, emailKey, isLooseRule, laterUnder, looseEmailKey } from './identity-keys.js';
import {
  bookingFromRow, bookingParams, challengeFromRow, mailFromRow, registrationFromRow, slotFromRow, ticketFromRow,
} from './sqlite-rows.js';
import { connectionSettings, openSqlite, type ConnectionSettings } from './sqlite-open.js';
import { isSlotTaken, SCHEMA_VERSION } from './sqlite-schema.js';
import { prepareStatements, type Statements } from './sqlite-statements.js';
import type { EmailRule, IdentityField, Store } from '../domain/ports.js';

export { SCHEMA_VERSION, SQLITE_PRAGMAS, SQLITE_SCHEMA } from './sqlite-schema.js';
export { StoreOpenError } from './sqlite-open.js';

const isLive = (s: string): boolean => (LIVE_STATUSES as readonly string[]).includes(s);

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly q: Statements;
  private readonly setStatusTx: (id: string, status: BookingStatus) => void;
  private readonly uncheckedTx: (b: Booking) => void;
  private readonly available = new AvailabilityCache();
  private readonly dataVersion: Database.Statement<[], number>;

  constructor(readonly path: string) {
    this.db = openSqlite(path);
    this.q = prepareStatements(this.db);
    this.checkVersion();
    this.dataVersion = this.db.prepare<[], number>('PRAGMA data_version').pluck();
    this.setStatusTx = this.db.transaction((id: string, status: BookingStatus) => this.changeStatus(id, status));
    this.uncheckedTx = this.db.transaction((b: Booking) => {
      if (this.insertBooking(b) === 'SLOT_TAKEN') this.q.insertBooking.run(...bookingParams(b, 1));
    });
  }

  insertSlots(slots: readonly Slot[]): void {
    this.available.invalidate();
    this.transaction(() => {
      for (const s of slots) this.q.insertSlot.run(s.id, s.counter, s.start, s.desk, s.state, s.releasedAt ?? null);
    });
  }
  getSlot(id: string): Slot | undefined {
    const r = this.q.getSlot.get(id);
    return r && slotFromRow(r);
  }
  lastSlotStart(counter: string): number | undefined {
    return this.q.lastSlotStart.get(counter)?.m ?? undefined;
  }
  releaseSlots(counters: readonly string[], after: number, upTo: number, at: number): string[] {
    const list = JSON.stringify(counters);
    this.available.invalidate();
    return this.transaction(() => {
      const ids = this.q.hiddenInRange.all(list, after, upTo).map((r) => r.id);
      this.q.releaseRange.run(at, list, after, upTo);
      return ids;
    });
  }
  availableSlots(counter: string, now: number, limit: number): Slot[] {
    if (!(limit > 0)) return [];
    const n = Number.isFinite(limit) ? Math.floor(limit) : -1;
    return this.available.get(counter, now, n, this.dataVersion.get() ?? 0, () => this.q.available.all(counter, now, n).map(slotFromRow));
  }
  countAvailable(counter: string, now: number): number {
    return this.q.countAvailable.get(counter, now)?.n ?? 0;
  }
  setSlotState(id: string, state: SlotState): void {
    this.available.invalidate();
    if (this.q.setSlotState.run(state, id).changes === 0) throw new Error(`setSlotState: unknown slot "${id}"`);
  }
  releasedSlotsStartingBy(t: number): Slot[] {
    return this.q.releasedBy.all(t).map(slotFromRow);
  }

  insertBooking(b: Booking): 'ok' | 'SLOT_TAKEN' {
    this.available.invalidate();
    try {
      this.q.insertBooking.run(...bookingParams(b, 0));
      return 'ok';
    } catch (e) {
      if (isSlotTaken(e)) return 'SLOT_TAKEN';
      throw e;
    }
  }
  insertBookingUnchecked(b: Booking): void {
    this.uncheckedTx(b);
  }
  getBooking(id: string): Booking | undefined {
    const r = this.q.getBooking.get(id);
    return r && bookingFromRow(r);
  }
  liveBookingForSlot(slotId: string): Booking | undefined {
    const r = this.q.liveForSlot.get(slotId, slotId);
    return r && bookingFromRow(r);
  }
  setBookingStatus(id: string, status: BookingStatus): void {
    this.available.invalidate();
    this.setStatusTx(id, status);
  }
  countLive(field: IdentityField, value: string, rule?: EmailRule): number {
    if (field === 'email' && isLooseRule(rule)) return countSameUnder(this.q.liveEmailsLoose.all(looseEmailKey(value)).map((r) => r.email), value, rule);
    const q = field === 'email' ? this.q.countEmail : field === 'phone' ? this.q.countPhone : this.q.countAgdref;
    return q.get(field === 'email' ? emailKey(value) : value)?.n ?? 0;
  }
  expiredHolds(now: number): Booking[] {
    return this.q.expiredHolds.all(now).map(bookingFromRow);
  }
  duplicateEmailBookings(rule?: EmailRule): Booking[] {
    if (!isLooseRule(rule)) return this.q.duplicateEmails.all().map(bookingFromRow);
    return laterUnder(this.q.duplicateLoose.all().map(bookingFromRow), (b) => b.identity.email, rule);
  }
  ledger(): Booking[] {
    return this.q.ledger.all().map(bookingFromRow);
  }

  insertChallenge(c: Challenge): void {
    this.q.insertChallenge.run(
      c.id, c.kind, c.prompt, c.difficulty ?? null, c.session, c.expiresAt, c.used ? 1 : 0, c.answer ?? null);
  }
  getChallenge(id: string): Challenge | undefined {
    const r = this.q.getChallenge.get(id);
    return r && challengeFromRow(r);
  }
  useChallenge(id: string): boolean {
    return this.q.useChallenge.run(id).changes === 1;
  }
  deleteChallengesExpiredBefore(t: number): number {
    return this.q.deleteExpiredChallenges.run(t).changes;
  }

  insertRegistration(r: Registration): void {
    const i = r.identity;
    this.q.insertRegistration.run(r.id, r.counter, i.firstName, i.lastName, i.email, i.phone ?? null,
      i.agdref ?? null, r.createdAt, r.drawAt, r.outcome ?? null, r.bookingId ?? null);
  }
  getRegistration(id: string): Registration | undefined {
    const r = this.q.getRegistration.get(id);
    return r && registrationFromRow(r);
  }
  registrations(counter: string, drawAt: number): Registration[] {
    return this.q.registrations.all(counter, drawAt).map(registrationFromRow);
  }
  updateRegistration(
    id: string,
    patch: Pick<Registration, 'outcome'> & Partial<Pick<Registration, 'bookingId'>>,
  ): void {
    // outcome is optional in Registration: an update without one changes only bookingId
    const outcome = patch.outcome ?? this.getRegistration(id)?.outcome ?? null;
    const res = patch.bookingId === undefined
      ? this.q.setOutcome.run(outcome, id)
      : this.q.setOutcomeBooking.run(outcome, patch.bookingId, id);
    if (res.changes === 0) throw new Error(`updateRegistration: unknown id "${id}"`);
  }

  insertTicket(t: WaitingTicket): void {
    this.q.insertTicket.run(t.id, t.counter, t.session, t.createdAt, t.releaseAt, t.position ?? null, t.admitAt ?? null, t.uses ?? 0);
  }
  getTicket(id: string): WaitingTicket | undefined {
    const r = this.q.getTicket.get(id);
    return r && ticketFromRow(r);
  }
  tickets(counter: string, releaseAt: number): WaitingTicket[] {
    return this.q.tickets.all(counter, releaseAt).map(ticketFromRow);
  }
  updateTicket(id: string, patch: Partial<Pick<WaitingTicket, 'position' | 'admitAt' | 'uses'>>): void {
    this.transaction(() => {
      if ((this.q.ticketExists.get(id)?.n ?? 0) === 0) throw new Error(`updateTicket: unknown id "${id}"`);
      if (patch.position !== undefined) this.q.setTicketPosition.run(patch.position, id);
      if (patch.admitAt !== undefined) this.q.setTicketAdmit.run(patch.admitAt, id);
      if (patch.uses !== undefined) this.q.setTicketUses.run(patch.uses, id);
    });
  }

  insertMail(m: Mail): void {
    this.q.insertMail.run(m.to, emailKey(m.to), m.subject, m.body, m.at, m.bookingId);
  }
  mailFor(email: string): Mail[] {
    return this.q.mailFor.all(emailKey(email)).map(mailFromRow);
  }

  getMeta(key: string): string | undefined {
    return this.q.getMeta.get(key)?.value;
  }
  setMeta(key: string, value: string): void {
    this.q.setMeta.run(key, value);
  }

  /**
   * BEGIN IMMEDIATE: the write lock is taken before the first read, so a read-then-write (a limit,
   * then the booking) cannot interleave with another process's, nor fail with SQLITE_BUSY on
   * upgrading its lock (it waits busy_timeout for it instead). Nested calls are savepoints.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
  reset(): void {
    this.available.invalidate();
    this.transaction(() => {
      this.db.exec('DELETE FROM bookings; DELETE FROM slots; DELETE FROM challenges; DELETE FROM registrations;'
        + ' DELETE FROM tickets; DELETE FROM mail; DELETE FROM meta;');
      this.q.setMeta.run('schema_version', SCHEMA_VERSION);
    });
  }
  close(): void {
    if (this.db.open) this.db.close();
  }

  /** The connection's durability settings, for diagnostics and tests. */
  settings(): ConnectionSettings { return connectionSettings(this.db); }

  private checkVersion(): void {
    const v = this.getMeta('schema_version');
    if (v === undefined) this.setMeta('schema_version', SCHEMA_VERSION);
    else if (v !== SCHEMA_VERSION) {
      this.db.close();
      throw new Error(`SQLite store "${this.path}" has schema version ${v}; this build reads version ${SCHEMA_VERSION}`);
    }
  }

  /** Status change that keeps exactly one indexed live booking per slot while any is live. */
  private changeStatus(id: string, status: BookingStatus): void {
    const cur = this.q.bookingState.get(id);
    if (!cur) throw new Error(`setBookingStatus: unknown booking "${id}"`);
    if (cur.status === status) return;
    const wasLive = isLive(cur.status);
    const nowLive = isLive(status);
    if (wasLive && nowLive) {
      this.q.setStatusKeep.run(status, id);
      return;
    }
    try {
      this.q.setStatusIndexed.run(status, id);
    } catch (e) {
      if (isSlotTaken(e)) throw new Error(`setBookingStatus: slot "${cur.slot_id}" has a live booking already`);
      throw e;
    }
    if (wasLive && cur.overbooked === 0) this.q.promoteOverbooked.run(cur.slot_id);
  }
}
