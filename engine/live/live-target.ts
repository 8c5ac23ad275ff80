/**
 * The reference target a live run starts for itself: the real HTTP server on 127.0.0.1 (port 0),
 * its SQLite file in the output folder, the run's live clock as its clock, X-Forwarded-For
 * trusted (the agents' network identities arrive that way from loopback), and its store tapped
 * so the harness sees releases, bookings and status changes as the simulation does. Because it
 * runs in this process, it can also answer what the harness may know without a request: its
 * inventory (poll elision), its challenges' answers (the solver model) and its schedule.
 */
import { rmSync } from 'node:fs';
import type { TargetSettings } from '../../target/domain/booking-target.js';
import { MemoryRegistry } from '../../target/http/live-sources.js';
import { startTarget, type RunningTarget } from '../../target/http/server.js';
import { RecordingSqliteStore, type StoreListener } from '../drivers/in-process/recording-store.js';
import { simPolicy } from '../drivers/in-process/in-process-driver.js';
import type { LiveClock } from './live-clock.js';
import type { InventoryOracle } from './live-watches.js';

export interface LiveTarget extends InventoryOracle {
  url: string;
  adminToken: string;
  /** the AGDREF registry, filled as people arrive */
  registry: MemoryRegistry;
  expectedAnswer(challengeId: string): string | undefined;
  /** runs what the target has due now (releases, expiries, draws) */
  tick(): void;
  nextDueAt(): number;
  close(): Promise<void>;
}

export interface LiveTargetOptions {
  dbPath: string;
  clock: LiveClock;
  settings: TargetSettings;
  seed: string;
  listener: StoreListener;
  log: (message: string, err: unknown) => void;
}

export async function startLiveTarget(o: LiveTargetOptions): Promise<LiveTarget> {
  // a replication starts from an empty target: the file of an earlier run (same output folder) would carry its bookings and schedule
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${o.dbPath}${suffix}`, { force: true });
  const store = new RecordingSqliteStore(o.dbPath, o.listener);
  const registry = new MemoryRegistry();
  let running: RunningTarget;
  try {
    running = await startTarget({
      store, registry, clock: { now: () => o.clock.now() }, trustProxy: true, seed: o.seed, log: o.log,
      // proof-of-work is checked at a cheap difficulty, as in the simulation: solving time is modelled, hashing is not worth the CPU
      config: { ...simPolicy(o.settings.policy), counters: o.settings.counters },
    });
  } catch (e) {
    store.close();
    throw e;
  }
  const { target, clock } = running;
  return {
    url: running.url,
    adminToken: running.adminToken,
    registry,
    available: (counter, leadMs) => (leadMs > 0 ? store.countAvailable(counter, clock.now() + leadMs) : target.countAvailable(counter)),
    expectedAnswer: (id) => store.getChallenge(id)?.answer,
    tick: () => {
      target.tick();
      running.settingsChanged();
    },
    nextDueAt: () => target.nextDueAt(),
    close: async () => {
      await running.close();
      store.close();
    },
  };
}
