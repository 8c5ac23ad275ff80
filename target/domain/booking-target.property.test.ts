/**
 * Property tests of the target: random command sequences (book, cancel, confirm, check-in, lottery
 * registration, waiting room, release, clock moves crossing releases, draws, purges and expiries)
 * under random policies. After every step, the invariants hold (test-support/invariants.ts and
 * the per-step checks of command-driver.ts). The same commands are played on the memory store
 * and on a SQLite file: both must answer alike, step by step, and end in the same state, which
 * keeps the invariants too.
 *
 * Bounded: GUICHET_PROPERTY_RUNS raises the number of runs. A failure prints fast-check's seed
 * and the shrunk case; `fc.assert(…, { seed, path })` replays it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../storage/memory-store.js';
import { SqliteStore } from '../storage/sqlite-store.js';
import { CommandDriver } from './test-support/command-driver.js';
import { commandArb, policyArb, propertyRuns } from './test-support/random-commands.js';

// A real SQLite file (WAL, synchronous FULL); on a RAM disk when there is one, since each write
// waits for fsync and a property makes thousands of them (durability is the crash tests' subject).
const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'guichet-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** Counts what the runs exercised, for the record (RELIABILITY.md). */
const tally = { runs: 0, steps: 0, booked: 0, refused: 0, attacks: 0, letThrough: 0, violations: 0 };

describe('BookingTarget under random command sequences', () => {
  it('keeps every invariant, on the memory store and on a SQLite file alike', () => {
    fc.assert(
      fc.property(policyArb, fc.array(commandArb, { minLength: 10, maxLength: 60, size: 'max' }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (policy, commands, seed) => {
        const file = join(dir, `run-${++files}.db`);
        const sqlite = new SqliteStore(file);
        try {
          const mem = new CommandDriver(new MemoryStore(), policy, seed);
          // SQLite answers each slot lookup with a query: its state is checked at the end, and its
          // answers step by step against the memory store's
          const disk = new CommandDriver(sqlite, policy, seed, false);
          for (const c of commands) {
            mem.play(c);
            disk.play(c);
          }
          disk.checkState('at the end');
          tally.runs++;
          tally.steps += commands.length;
          tally.violations += mem.violations.length + disk.violations.length;
          tally.attacks += mem.attacks.tried;
          tally.letThrough += mem.attacks.letThrough + disk.attacks.letThrough;
          tally.booked += mem.log.filter((l) => l.startsWith('book ok {"booking"')).length;
          tally.refused += mem.log.filter((l) => /^\w+ [A-Z_]+$/.test(l)).length;
          expect(mem.violations).toEqual([]);
          expect(disk.violations).toEqual([]);
          expect(disk.log).toEqual(mem.log);
          expect(sqlite.ledger()).toEqual(mem.store.ledger());
          expect(disk.slots()).toEqual(mem.slots());
        } finally {
          sqlite.close();
          rmSync(file, { force: true });
        }
      }),
      { numRuns: propertyRuns(50) },
    );
    console.log(`property runs: ${tally.runs}, steps: ${tally.steps} (bookings made: ${tally.booked}, refusals: ${tally.refused}), attacks tried: ${tally.attacks}, let through: ${tally.letThrough}, violations: ${tally.violations}`);
  }, 120_000);
});
