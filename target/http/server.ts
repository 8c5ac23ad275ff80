/**
 * Wiring of a live target: store, scaled clock, crypto ids, registry, BookingTarget, express app,
 * HTTP server and the tick timer. `guichet target`, the tests and the harness's live driver all
 * start it through startTarget, in-process.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { BookingTarget, type TargetSettings } from '../domain/booking-target.js';
import { DEFAULT_COUNTERS, DEFAULT_POLICY, TargetConfigSchema, type TargetConfigInput } from '../domain/policy.js';
import type { Clock, Store } from '../domain/ports.js';
import { crashingAtWrite } from '../storage/crash-point.js';
import { SqliteStore } from '../storage/sqlite-store.js';
import { journaled, StoreJournal } from '../storage/store-journal.js';
import { createApp } from './app.js';
import type { TargetMetrics } from './metrics.js';
import { cryptoIds, cryptoRandom, MemoryRegistry, ScaledClock } from './live-sources.js';
import { SteerableClock } from './steerable-clock.js';

export interface StartOptions {
  /** 0 = any free port; default 0 */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** SQLite file (":memory:" allowed); default ":memory:". Ignored when `store` is given. */
  db?: string;
  /** a ready store (the caller keeps ownership: close() does not close it) */
  store?: Store;
  /** policy with optional counters, as `--policy` and PUT /admin/policy take it; default: weekly Sunday 20:00 */
  config?: TargetConfigInput;
  /** generated (and reported in the result) when absent */
  adminToken?: string;
  /** simulated ms per real ms; default 1 */
  speed?: number;
  /** simulated time at start (epoch ms); default: now */
  epoch?: number;
  /** seeds random release times; default: the one kept in the store, else a new random one */
  seed?: string;
  /** honour X-Forwarded-For (the live driver simulates many IPs on loopback this way) */
  trustProxy?: boolean;
  /** real ms between timer ticks (expiry of holds, draws without traffic); default 1000 */
  tickEveryMs?: number;
  /** the AGDREF registry to use (a harness fills it as people arrive); default an empty one, loaded by PUT /admin/registry */
  registry?: MemoryRegistry;
  /** replaces the scaled clock (tests, and a live harness sharing its clock) */
  clock?: Clock;
  /**
   * a harness in another process drives this target: its clock is steerable (PUT /admin/clock)
   * and its store's writes are journaled (GET /admin/journal); see routes/admin-control.ts
   */
  testControl?: boolean;
  /** crash tests: the process kills itself (SIGKILL) right before its n-th store write (storage/crash-point.ts) */
  crashAtWrite?: number;
  log?: (message: string, err: unknown) => void;
}

export interface RunningTarget {
  url: string;
  port: number;
  target: BookingTarget;
  adminToken: string;
  /** true when adminToken was generated here (the CLI prints it then) */
  adminTokenGenerated: boolean;
  clock: Clock;
  store: Store;
  seed: string;
  metrics: TargetMetrics;
  registry: MemoryRegistry;
  /** call after changing the target in-process (setSettings, reset): requests re-read its next due time */
  settingsChanged(): void;
  close(): Promise<void>;
}

const SEED_META = 'http.seed';

/** Parsed settings; throws with a located message on an invalid config. */
export function settingsFrom(config: TargetConfigInput | undefined): TargetSettings {
  if (!config) return { counters: DEFAULT_COUNTERS, policy: DEFAULT_POLICY };
  const r = TargetConfigSchema.safeParse(config);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`invalid target config at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const { counters, ...policy } = r.data;
  return { counters: counters ?? DEFAULT_COUNTERS, policy };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startTarget(options: StartOptions = {}): Promise<RunningTarget> {
  const settings = settingsFrom(options.config);
  if (options.testControl && options.clock) throw new Error('startTarget: testControl steers a clock of its own; do not pass one');
  const ownsStore = options.store === undefined;
  const ownStore = options.store ?? new SqliteStore(options.db ?? ':memory:');
  const crashing = options.crashAtWrite === undefined ? ownStore : crashingAtWrite(ownStore, options.crashAtWrite);
  const journal = options.testControl ? new StoreJournal() : undefined;
  const store = journal ? journaled(crashing, journal) : crashing;
  try {
    const speed = options.speed ?? 1;
    const epoch = options.epoch ?? Date.now();
    const steered = options.testControl ? new SteerableClock(epoch, speed) : undefined;
    const clock = options.clock ?? steered ?? new ScaledClock(epoch, speed);
    const seed = options.seed ?? store.getMeta(SEED_META) ?? randomBytes(12).toString('hex');
    // Kept so that a restart on the same database computes the same random release times.
    store.setMeta(SEED_META, seed);
    const registry = options.registry ?? new MemoryRegistry();
    const target = new BookingTarget({ store, clock, ids: cryptoIds, random: cryptoRandom, registry, seed }, settings);
    target.tick();

    const adminTokenGenerated = !options.adminToken;
    const adminToken = options.adminToken || randomBytes(24).toString('base64url');
    // Between timer ticks, a request that finds something due (a release) runs it first. The due
    // time is cached (reading it costs a store query): it moves only when the target ticks or an
    // admin changes settings, and both refresh it.
    let nextDue = target.nextDueAt();
    const tick = () => {
      target.tick();
      nextDue = target.nextDueAt();
    };
    const tickIfDue = () => {
      if (clock.now() >= nextDue) tick();
    };
    const settingsChanged = () => {
      nextDue = target.nextDueAt();
    };
    const { app, metrics } = createApp({
      target, adminToken, registry, speed, now: () => clock.now(), trustProxy: options.trustProxy ?? false,
      beforeRequest: tickIfDue, changed: settingsChanged,
      ...(steered && journal ? { control: { clock: steered, journal, seed } } : {}), ...(options.log ? { log: options.log } : {}),
    });
    const server = createServer(app);
    const host = options.host ?? '127.0.0.1';
    const port = await listen(server, options.port ?? 0, host);
    const log = options.log ?? ((m: string, e: unknown) => console.error(m, e));
    const timer = setInterval(() => {
      try {
        tick();
        // anonymous visitors each leave a challenge behind: the expired ones go (a DELETE on an index)
        target.sweepChallenges();
      } catch (e) {
        log('guichet target: tick failed', e);
      }
    }, options.tickEveryMs ?? 1000);
    timer.unref();

    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(timer);
        server.close(() => {
          if (ownsStore) store.close();
          resolve();
        });
        server.closeIdleConnections();
        // Requests in flight get a moment; keep-alive sockets would otherwise hold close() forever.
        setTimeout(() => server.closeAllConnections(), 500).unref();
      });
      return closing;
    };
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return {
      url: `http://${shownHost}:${port}`, port, target, adminToken, adminTokenGenerated, clock, store, seed, metrics, registry,
      settingsChanged, close,
    };
  } catch (e) {
    if (ownsStore) ownStore.close();
    throw e;
  }
}
