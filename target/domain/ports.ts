/**
 * What the domain needs from outside: time, identifiers, randomness, the AGDREF registry and
 * persistence. The domain is written against these ports only; adapters live beside it
 * (target/storage, target/http) and in the simulator.
 */
import type {
  Booking, BookingStatus, Challenge, Mail, Registration, Slot, SlotState, WaitingTicket,
} from './types.js';

export interface Clock {
  now(): number;
}

export interface IdSource {
  /** a new identifier, unique in this target; deterministic when the source is */
  next(prefix: string): string;
  /** an unguessable secret (booking token, confirmation code) */
  secret(): string;
}

/** Uniform [0, 1). Seeded in simulation, crypto-backed in a live target. */
export interface RandomSource {
  next(): number;
}

export interface Registry {
  /** the holder of an AGDREF number, or undefined when it does not exist */
  lookup(agdref: string): { firstName: string; lastName: string } | undefined;
}

/**
 * Persistence port of the target: the domain is written against it, target/storage implements
 * it (memory and SQLite). Synchronous on purpose: the memory store serves the simulator's hot
 * path, and better-sqlite3 is synchronous, so a booking is one transaction with no await inside
 * it (which is what makes it atomic under concurrent HTTP requests). Both implementations pass
 * the same conformance suite (target/storage/store.conformance.ts).
 */
export type IdentityField = 'email' | 'agdref' | 'phone';

/**
 * The provider-dependent e-mail rules of a policy (measures.identityLimit): absent, addresses
 * are compared by their default key (target/storage/identity-keys.ts).
 */
export interface EmailRule {
  emailCanonical?: 'standard' | 'gmail-like' | undefined;
  confusables?: 'off' | 'skeleton' | undefined;
}

export interface Store {
  /** Adds slots; a slot whose id exists already is left as it is. */
  insertSlots(slots: readonly Slot[]): void;
  getSlot(id: string): Slot | undefined;
  /** Start of the last slot generated for a counter (to extend the calendar lazily). */
  lastSlotStart(counter: string): number | undefined;
  /**
   * Releases the hidden slots of `counters` whose start is in (after, upTo]; returns their ids
   * in (start, desk) order and stamps releasedAt = at.
   */
  releaseSlots(counters: readonly string[], after: number, upTo: number, at: number): string[];
  /** Released slots starting after `now` with no live booking, by (start, desk), at most `limit`. */
  availableSlots(counter: string, now: number, limit: number): Slot[];
  countAvailable(counter: string, now: number): number;
  setSlotState(id: string, state: SlotState): void;
  /** Released slots whose start is <= t and still in state 'released' (to close them as wasted). */
  releasedSlotsStartingBy(t: number): Slot[];

  /** Atomically inserts a booking unless its slot has a live (held/confirmed) booking already. */
  insertBooking(b: Booking): 'ok' | 'SLOT_TAKEN';
  /** Inserts without the one-live-booking check: only for the `non-atomic-booking` flaw. */
  insertBookingUnchecked(b: Booking): void;
  getBooking(id: string): Booking | undefined;
  liveBookingForSlot(slotId: string): Booking | undefined;
  setBookingStatus(id: string, status: BookingStatus): void;
  /** Live bookings of this value; e-mail addresses compared by their key under `rule`. */
  countLive(field: IdentityField, value: string, rule?: EmailRule): number;
  /** Held bookings whose confirmBy is < now. */
  expiredHolds(now: number): Booking[];
  /** Live bookings that are not the earliest-created live booking of their e-mail (its key under `rule`), in creation order. */
  duplicateEmailBookings(rule?: EmailRule): Booking[];
  /** All bookings in creation order. */
  ledger(): Booking[];

  insertChallenge(c: Challenge): void;
  getChallenge(id: string): Challenge | undefined;
  /** Marks a challenge used; false when it was used already (single use, race-free). */
  useChallenge(id: string): boolean;
  /** Deletes the challenges whose expiresAt is before `t`, used or not; returns how many. */
  deleteChallengesExpiredBefore(t: number): number;

  insertRegistration(r: Registration): void;
  getRegistration(id: string): Registration | undefined;
  registrations(counter: string, drawAt: number): Registration[];
  updateRegistration(id: string, patch: Pick<Registration, 'outcome'> & Partial<Pick<Registration, 'bookingId'>>): void;

  insertTicket(t: WaitingTicket): void;
  getTicket(id: string): WaitingTicket | undefined;
  tickets(counter: string, releaseAt: number): WaitingTicket[];
  updateTicket(id: string, patch: Partial<Pick<WaitingTicket, 'position' | 'admitAt' | 'uses'>>): void;

  insertMail(m: Mail): void;
  mailFor(email: string): Mail[];

  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;

  /** Runs fn in one transaction (SQLite) or directly (memory). */
  transaction<T>(fn: () => T): T;
  /** Deletes everything. */
  reset(): void;
  close(): void;
}
