/**
 * A guichet target started separately (`guichet target --test-control --trust-proxy`), driven
 * as the in-process one is: the harness sets its policy, resets it to the replication's start,
 * steers its clock to follow the run's (PUT /admin/clock after every jump or change of pace,
 * and at each due time, where it runs its schedule), registers people as they arrive, and keeps
 * a replica of its store from its journal of writes (GET /admin/journal). The replica feeds the
 * same store listener as an in-process target's tap, so releases, bookings and expiries reach
 * the recorder the same way; it also answers what the harness may know without a request (the
 * inventory for poll elision, challenges' answers for the solver model).
 *
 * The replica is brought up to date before each answer is handed to its agent and after each
 * clock move, so an agent never acts on an answer whose effects the harness has not seen.
 */
import { RecordingStore, type StoreListener } from '../drivers/in-process/recording-store.js';
import { simPolicy } from '../drivers/in-process/in-process-driver.js';
import type { TargetSettings } from '../../target/domain/booking-target.js';
import type { SteerableClock } from '../../target/http/steerable-clock.js';
import type { JournalEntry } from '../../target/storage/store-journal.js';
import { replay } from '../../target/storage/store-journal.js';
import { AdminCallError, adminClient, type AdminClient } from './admin-client.js';
import type { LiveTarget } from './live-target.js';

interface ControlState {
  now: number;
  speed: number;
  nextDueAt: number;
  seed: string;
  trustProxy: boolean;
  journal: { oldest: number; next: number };
}

export interface RemoteTargetOptions {
  url: string;
  adminToken: string;
  timeoutMs: number;
  clock: SteerableClock;
  settings: TargetSettings;
  /** simulated time the replication starts at: the target is reset there */
  start: number;
  listener: StoreListener;
}

/** Asks the target how it runs; refuses one that cannot be driven (no test control, no proxy trust). */
export async function probeRemoteTarget(url: string, adminToken: string, timeoutMs: number): Promise<ControlState> {
  const admin = adminClient(url, adminToken, timeoutMs);
  try {
    const state = await admin.call<ControlState>('GET', '/admin/control');
    if (!state.trustProxy) {
      throw new AdminCallError(`${url} does not trust X-Forwarded-For: the agents' network identities would all be 127.0.0.1 (restart it with --trust-proxy)`, 200, undefined);
    }
    return state;
  } catch (e) {
    if (e instanceof AdminCallError && e.status === 404) {
      throw new AdminCallError(`${url} runs without test control: the harness cannot steer its clock (restart it with \`guichet target --test-control --trust-proxy\`)`, 404, e.code);
    }
    throw e;
  } finally {
    await admin.close();
  }
}

export async function connectRemoteTarget(o: RemoteTargetOptions): Promise<LiveTarget> {
  const admin = adminClient(o.url, o.adminToken, o.timeoutMs);
  try {
    return await prepare(admin, o);
  } catch (e) {
    await admin.close();
    throw e;
  }
}

async function prepare(admin: AdminClient, o: RemoteTargetOptions): Promise<LiveTarget> {
  const { clock } = o;
  const before = await probeRemoteTarget(o.url, o.adminToken, o.timeoutMs);
  await admin.call('PUT', '/admin/policy', { ...simPolicy(o.settings.policy), counters: o.settings.counters });
  await admin.call('PUT', '/admin/registry', { entries: [] });
  await admin.call('POST', '/admin/reset', { now: o.start });
  const replica = new RecordingStore(o.listener);
  let from = before.journal.next;
  /** the journal's writes before our reset belong to an earlier run: the replica starts at the reset */
  let started = false;
  let nextDue = o.start;

  const pull = async () => {
    for (;;) {
      const page = await admin.call<{ entries: JournalEntry[]; next: number }>('GET', `/admin/journal?from=${from}`);
      for (const entry of page.entries) {
        if (!started && entry.op === 'reset') started = true;
        if (started) replay(replica, entry);
      }
      if (page.next === from) return;
      from = page.next;
    }
  };
  const steer = async () => {
    const state = await admin.call<ControlState>('PUT', '/admin/clock', { now: clock.now(), speed: clock.speed });
    nextDue = state.nextDueAt;
    await pull();
  };

  // one call at a time, in order; callers arriving while one waits to start share it
  let running: Promise<void> = Promise.resolve();
  const queued = new Map<string, Promise<void>>();
  const enqueue = (kind: 'pull' | 'steer', job: () => Promise<void>): Promise<void> => {
    const waiting = queued.get(kind);
    if (waiting) return waiting;
    const p = running.then(() => {
      queued.delete(kind);
      return job();
    });
    queued.set(kind, p);
    running = p.catch(() => undefined);
    return p;
  };

  // registry entries go in batches, and every request waits for those sent before it
  let entries: { agdref: string; firstName: string; lastName: string }[] = [];
  let writes: Promise<void> = Promise.resolve();
  let outstanding = 0;
  const register = (agdref: string, papers: { firstName: string; lastName: string }) => {
    entries.push({ agdref, firstName: papers.firstName, lastName: papers.lastName });
    if (entries.length > 1) return;
    outstanding++;
    writes = writes.then(async () => {
      const batch = entries;
      entries = [];
      await admin.call('POST', '/admin/registry', { entries: batch });
      outstanding--;
    });
    // a failure reaches the run through pending(); keep Node from calling it unhandled meanwhile
    writes.catch(() => undefined);
  };

  await steer();
  return {
    url: o.url,
    adminToken: o.adminToken,
    seed: before.seed,
    startedByHarness: false,
    registry: { add: register },
    available: (counter, leadMs) => replica.countAvailable(counter, clock.now() + Math.max(0, leadMs)),
    expectedAnswer: (id) => replica.getChallenge(id)?.answer,
    tick: () => enqueue('steer', steer),
    nextDueAt: () => nextDue,
    pending: () => (outstanding > 0 ? writes : undefined),
    caughtUp: () => enqueue('pull', pull),
    clockMoved: () => enqueue('steer', steer),
    close: () => admin.close(),
  };
}
