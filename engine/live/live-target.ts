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
import type { SteerableClock } from '../../target/http/steerable-clock.js';
import type { InventoryOracle } from './live-watches.js';

/**
 * The target of a live run, as the harness drives it: started in process (here) or a separate
 * one (remote-target.ts). The in-process target does everything at once and its methods that
 * may wait return undefined; a remote one returns the promise of the round trip.
 */
export interface LiveTarget extends InventoryOracle {
  url: string;
  adminToken: string;
  /** seed of the target's random release times: the race windows are computed from it */
  seed: string;
  startedByHarness: boolean;
  /** the AGDREF registry, filled as people arrive */
  registry: { add(agdref: string, papers: { firstName: string; lastName: string }): void };
  expectedAnswer(challengeId: string): string | undefined;
  /** runs what the target has due now (releases, expiries, draws); resolved once the harness has seen it */
  tick(): Promise<void> | undefined;
  nextDueAt(): number;
  /** writes a request may depend on (registry entries) still on their way to the target */
  pending(): Promise<void> | undefined;
  /** brings what the harness sees of the target up to the moment an answer left it */
  caughtUp(): Promise<void> | undefined;
  /** the run's clock jumped or changed pace: the target's follows */
  clockMoved(): Promise<void> | undefined;
  close(): Promise<void>;
}

export interface LiveTargetOptions {
  dbPath: string;
  clock: SteerableClock;
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
    seed: o.seed,
    startedByHarness: true,
    registry,
    available: (counter, leadMs) => (leadMs > 0 ? store.countAvailable(counter, clock.now() + leadMs) : target.countAvailable(counter)),
    expectedAnswer: (id) => store.getChallenge(id)?.answer,
    tick: () => {
      target.tick();
      running.settingsChanged();
      return undefined;
    },
    nextDueAt: () => target.nextDueAt(),
    // one process, one clock, one store: nothing is ever on its way
    pending: () => undefined,
    caughtUp: () => undefined,
    clockMoved: () => undefined,
    close: async () => {
      await running.close();
      store.close();
    },
  };
}
