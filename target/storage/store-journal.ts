/**
 * A journal of a store's writes, in order, for whoever must follow the target's state without
 * sharing its process: a test harness replays it into a store of its own and sees releases,
 * bookings and expiries as they happen (GET /admin/journal, with `guichet target --test-control`).
 *
 * Every Store method is classified below, so a new one does not type-check until someone says
 * whether it writes. Writes are serialised when they happen (later changes to the objects
 * passed cannot alter the record), and those made inside a transaction that throws are taken
 * back, as the database takes them back.
 */
import type { Store } from '../domain/ports.js';

const STORE_METHODS = {
  insertSlots: 'write', getSlot: 'read', lastSlotStart: 'read', releaseSlots: 'write', availableSlots: 'read',
  countAvailable: 'read', setSlotState: 'write', releasedSlotsStartingBy: 'read',
  insertBooking: 'write', insertBookingUnchecked: 'write', getBooking: 'read', liveBookingForSlot: 'read',
  setBookingStatus: 'write', countLive: 'read', expiredHolds: 'read', duplicateEmailBookings: 'read', ledger: 'read',
  insertChallenge: 'write', getChallenge: 'read', useChallenge: 'write', deleteChallengesExpiredBefore: 'write',
  insertRegistration: 'write', getRegistration: 'read', registrations: 'read', updateRegistration: 'write',
  insertTicket: 'write', getTicket: 'read', tickets: 'read', updateTicket: 'write',
  insertMail: 'write', mailFor: 'read', getMeta: 'read', setMeta: 'write',
  transaction: 'transaction', reset: 'write', close: 'read',
} as const satisfies Record<keyof Store, 'read' | 'write' | 'transaction'>;

export type StoreWrite = { [K in keyof typeof STORE_METHODS]: (typeof STORE_METHODS)[K] extends 'write' ? K : never }[keyof typeof STORE_METHODS];

export const STORE_WRITES: readonly StoreWrite[] = (Object.keys(STORE_METHODS) as (keyof Store)[])
  .filter((k): k is StoreWrite => STORE_METHODS[k] === 'write');

/** One write as the journal serves it. */
export interface JournalEntry { seq: number; op: StoreWrite; args: unknown[] }

export interface JournalPage {
  /** JSON texts of JournalEntry, in order */
  entries: readonly string[];
  /** the `from` of the next page */
  next: number;
}

/** Entries kept at most: older ones are dropped (a reader that far behind must start again). */
export const JOURNAL_CAPACITY = 100_000;

export class StoreJournal {
  private entries: string[] = [];
  /** seq of entries[0] */
  private first = 0;

  constructor(private readonly capacity = JOURNAL_CAPACITY) {}

  /** seq the next write will get */
  get next(): number {
    return this.first + this.entries.length;
  }

  /** the oldest seq still kept */
  get oldest(): number {
    return this.first;
  }

  append(op: StoreWrite, args: readonly unknown[]): void {
    this.entries.push(JSON.stringify({ seq: this.next, op, args }));
    if (this.entries.length > this.capacity) {
      const drop = this.entries.length - this.capacity;
      this.entries.splice(0, drop);
      this.first += drop;
    }
  }

  /** Takes back the writes from seq `mark` on (a transaction that threw). */
  rollback(mark: number): void {
    if (mark < this.next) this.entries.length = Math.max(0, mark - this.first);
  }

  /** Entries with seq >= from, at most `limit`; undefined when some of them were dropped already. */
  page(from: number, limit: number): JournalPage | undefined {
    if (from < this.first) return undefined;
    const start = Math.min(from - this.first, this.entries.length);
    const entries = this.entries.slice(start, start + limit);
    return { entries, next: this.first + start + entries.length };
  }
}

/** `store` with each write appended to `journal` once it succeeded and changed something. Reads go straight through. */
export function journaled(store: Store, journal: StoreJournal): Store {
  const wrapped = new Map<PropertyKey, unknown>();
  for (const op of STORE_WRITES) {
    const method = store[op] as (...args: unknown[]) => unknown;
    wrapped.set(op, (...args: unknown[]) => {
      const r = method.apply(store, args);
      // a write that says it changed nothing (a challenge used already, a sweep that found
      // nothing expired) is not journaled: the server's timer sweeps every second
      if (r !== false && r !== 0) journal.append(op, args);
      return r;
    });
  }
  wrapped.set('transaction', <T>(fn: () => T): T => {
    const mark = journal.next;
    try {
      return store.transaction(fn);
    } catch (e) {
      journal.rollback(mark);
      throw e;
    }
  });
  return withOverrides(store, wrapped);
}

/** Applies one journal entry to a store of one's own (the replica must have seen every earlier entry). */
export function replay(store: Store, entry: JournalEntry): void {
  if (!(STORE_WRITES as readonly string[]).includes(entry.op)) throw new Error(`journal entry ${entry.seq}: unknown store write "${String(entry.op)}"`);
  (store[entry.op] as (...args: unknown[]) => unknown).apply(store, entry.args);
}

/** `store` with some of its methods replaced by `overrides`; every other one is the store's own, bound to it. */
export function withOverrides(store: Store, overrides: ReadonlyMap<PropertyKey, unknown>): Store {
  return new Proxy(store, {
    get(target, prop) {
      const own = overrides.get(prop);
      if (own !== undefined) return own;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
