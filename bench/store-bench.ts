/**
 * Booking throughput of SqliteStore.insertBooking against a raw better-sqlite3 loop doing the same
 * one-row INSERT (same schema, WAL, synchronous=FULL, one transaction per booking) on another
 * file of the same temp dir. Both run in the same process, alternated batch by batch (A,B,A,B…)
 * over `rounds` rounds, the best round of each kept, so disk and machine noise hit both alike;
 * the ratio is the store's overhead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Booking, Slot } from '../target/domain/types.js';
import { BOOKING_INSERT, bookingParams } from '../target/storage/sqlite-rows.js';
import { SQLITE_PRAGMAS, SQLITE_SCHEMA, SqliteStore } from '../target/storage/sqlite-store.js';
import type { BenchLine } from './bench-line.js';

export interface StoreBenchOptions {
  /** timed length of each measured run */
  runMs?: number;
  warmupMs?: number;
  rounds?: number;
}

const BATCH = 20;

/** Inserts bookings one by one, each on a fresh slot; untimed set-up happens between batches. */
interface Target {
  addSlots(slots: Slot[]): void;
  book(b: Booking): void;
}

function storeTarget(file: string): Target & { close(): void } {
  const store = new SqliteStore(file);
  return {
    addSlots: (slots) => store.insertSlots(slots),
    book: (b) => {
      if (store.insertBooking(b) !== 'ok') throw new Error(`bench: slot ${b.slotId} taken`);
    },
    close: () => store.close(),
  };
}

function rawTarget(file: string): Target & { close(): void } {
  const db = new Database(file);
  for (const p of SQLITE_PRAGMAS) db.pragma(p);
  db.exec(SQLITE_SCHEMA);
  const slot = db.prepare('INSERT INTO slots (id, counter, start, desk, state) VALUES (?, ?, ?, ?, ?)');
  const addSlots = db.transaction((slots: Slot[]) => {
    for (const s of slots) slot.run(s.id, s.counter, s.start, s.desk, s.state);
  });
  const insert = db.prepare(BOOKING_INSERT);
  return {
    addSlots,
    // the store's own parameters, so the reference stays in step with the schema
    book: (b) => { insert.run(...bookingParams(b, 0)); },
    close: () => db.close(),
  };
}

/** Fresh slots (inserted, untimed) and one booking per slot, numbered from `next.n`. */
function prepareBatch(t: Target, next: { n: number }): Booking[] {
  const slots: Slot[] = [];
  const bookings: Booking[] = [];
  for (let k = 0; k < BATCH; k++) {
    const n = next.n++;
    const s: Slot = { id: `s${n}`, counter: 'renewal', start: n * 900_000, desk: 0, state: 'released' };
    slots.push(s);
    bookings.push({
      id: `b${n}`, slotId: s.id, counter: s.counter, slotStart: s.start,
      identity: { firstName: 'Awa', lastName: 'Diallo', email: `Person${n}@Example.org` },
      token: `t${n}`, status: 'confirmed', createdAt: n, ip: '127.0.0.1', session: `sess${n}`,
    });
  }
  t.addSlots(slots);
  return bookings;
}

/** Milliseconds to book one batch. */
function timeBatch(t: Target, next: { n: number }): number {
  const bookings = prepareBatch(t, next);
  const t0 = process.hrtime.bigint();
  for (const b of bookings) t.book(b);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * Bookings/second of a and b, each timed for about `ms`. Batches alternate a, b, a, b… so that
 * a slow spell of the disk (fsync latency varies a lot on a shared machine) hits both alike.
 */
function measurePair(a: Target, b: Target, ms: number, na: { n: number }, nb: { n: number }): [number, number] {
  let ta = 0;
  let tb = 0;
  let batches = 0;
  while (ta < ms || tb < ms) {
    ta += timeBatch(a, na);
    tb += timeBatch(b, nb);
    batches++;
  }
  return [(batches * BATCH * 1000) / ta, (batches * BATCH * 1000) / tb];
}

export async function benchStore(opts: StoreBenchOptions = {}): Promise<BenchLine[]> {
  const runMs = opts.runMs ?? 2_000;
  const warmupMs = opts.warmupMs ?? 300;
  const rounds = opts.rounds ?? 2;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-store-bench-'));
  let store: ReturnType<typeof storeTarget> | undefined;
  let raw: ReturnType<typeof rawTarget> | undefined;
  try {
    store = storeTarget(path.join(dir, 'store.db'));
    raw = rawTarget(path.join(dir, 'raw.db'));
    const sn = { n: 0 };
    const rn = { n: 0 };
    measurePair(store, raw, warmupMs, sn, rn);
    let best = { store: 0, raw: 0 };
    for (let r = 0; r < rounds; r++) {
      const [s, w] = measurePair(store, raw, runMs, sn, rn);
      best = { store: Math.max(best.store, s), raw: Math.max(best.raw, w) };
      await new Promise((resolve) => setImmediate(resolve));
    }
    return [{
      name: 'store.insertBooking',
      value: Math.round(best.store),
      unit: 'bookings/s',
      reference: 'raw better-sqlite3 INSERT, same schema and pragmas (WAL, synchronous=FULL)',
      referenceValue: Math.round(best.raw),
      ratio: best.raw > 0 ? best.store / best.raw : 0,
      aim: '≥ 0.7',
    }];
  } finally {
    store?.close();
    raw?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
