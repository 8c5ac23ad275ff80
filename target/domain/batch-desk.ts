/**
 * True batch release (Budish, Cramton & Shim 2015). A booking request is not served on arrival:
 * requests are collected in batches of `interval`, the first one starting at the release, and at
 * a batch's end its requests are served in a random order (seeded in simulation, crypto in a
 * live target), one slot per request. Inside a batch, arriving first is worth nothing: a speed
 * edge d is worth about d/T instead of everything.
 *
 * A request is answered at once with its id and the instant its batch closes (HTTP 202); the
 * client asks for the decision after that instant, as it would read a lottery's result. One
 * session has at most one request in an open batch: "one slot per request" would otherwise be
 * "every slot per session".
 *
 * Pending requests live in the target's memory, not in the store: a target restarted inside a
 * batch forgets that batch (its clients get NOT_FOUND and ask again). A decided request is a
 * booking in the store like any other; decisions are kept a day for clients to read.
 */
import {
  checkCaptcha, checkIdentity, checkIdentityLimit, checkRegistry, checkSlotOnline, slotAtClose, type BookRequest,
} from './booking-rules.js';
import { DomainError, isDomainError, type ErrorCode } from './errors.js';
import type { IdSource, RandomSource, Registry, Store } from './ports.js';
import type { TargetSettings } from './schedule-runner.js';
import { durationMs } from './time-units.js';
import type { RequestContext, Slot } from './types.js';
import type { BookingReceipt } from './views.js';

export interface BatchRequestView {
  id: string;
  slotId: string;
  /** when the batch is served; the decision can be read from then on */
  closesAt: number;
  status: 'pending' | 'booked' | 'refused';
  /** booked: the receipt, as a first-come booking would have given it (maybe another slot of the counter) */
  receipt?: BookingReceipt;
  refused?: { code: ErrorCode; message: string };
}

interface Pending {
  ctx: RequestContext;
  req: BookRequest;
  view: BatchRequestView;
}

export interface BatchDeps {
  store: Store;
  ids: IdSource;
  random: RandomSource;
  registry: Registry | undefined;
  settings: () => TargetSettings;
  /** the last release that took place, if any: batches start there */
  lastRelease: () => number | undefined;
  /** writes the booking of a request served at `at` on `slot` */
  write: (ctx: RequestContext, req: BookRequest, slot: Slot, at: number) => BookingReceipt;
}

/** decisions stay readable this long after their batch closed */
const KEEP_DECIDED_MS = 86_400_000;

/** The end of the batch that a request arriving at `now` joins: release + k·interval, strictly after now. */
export function batchCloseAfter(release: number, intervalMs: number, now: number): number {
  const k = Math.floor(Math.max(0, now - release) / intervalMs) + 1;
  return release + k * intervalMs;
}

export class BatchDesk {
  /** open batches by closing instant */
  private readonly open = new Map<number, Pending[]>();
  private readonly byId = new Map<string, BatchRequestView & { session: string }>();
  /** session → close of the batch it has a request in */
  private readonly sessions = new Map<string, number>();
  private readonly decided: { id: string; closesAt: number }[] = [];

  constructor(private readonly deps: BatchDeps) {}

  clear(): void {
    this.open.clear();
    this.byId.clear();
    this.sessions.clear();
    this.decided.length = 0;
  }

  /**
   * Checks what does not depend on the other requests of the batch (form, captcha, the slot is
   * online, registry) and adds the request to the open batch. The caller spent the rate-limit token.
   */
  submit(ctx: RequestContext, req: BookRequest, now: number): BatchRequestView {
    const { policy } = this.deps.settings();
    const { release } = policy;
    if (release.kind !== 'batch') throw new DomainError('NOT_OPEN', 'this target serves bookings first come, first served', 'slotId');
    checkIdentity(policy, req.identity);
    checkCaptcha(this.deps.store, policy, ctx, now, req.captcha);
    const slot = checkSlotOnline(this.deps.store, req.slotId, now);
    checkRegistry(policy, this.deps.registry, slot.counter, req.identity);
    const closesAt = batchCloseAfter(this.deps.lastRelease() ?? now, durationMs(release.interval), now);
    if (this.sessions.get(ctx.session) === closesAt) {
      throw new DomainError('REQUEST_PENDING', 'this session has a request in the open batch already; read its decision after the batch closes', 'slotId');
    }
    const view: BatchRequestView = { id: this.deps.ids.next('q'), slotId: req.slotId, closesAt, status: 'pending' };
    let batch = this.open.get(closesAt);
    if (!batch) this.open.set(closesAt, (batch = []));
    batch.push({ ctx, req, view });
    this.byId.set(view.id, { ...view, session: ctx.session });
    this.sessions.set(ctx.session, closesAt);
    return { ...view };
  }

  /** The decision, for the session that asked only (the receipt carries the booking's token). */
  result(ctx: RequestContext, id: string): BatchRequestView {
    const r = this.byId.get(id);
    if (!r || r.session !== ctx.session) throw new DomainError('NOT_FOUND', `no booking request ${id}`, 'request');
    const { session: _session, ...view } = r;
    return view;
  }

  /** The earliest open batch's close, if any request waits. */
  nextClose(): number | undefined {
    let min: number | undefined;
    for (const at of this.open.keys()) if (min === undefined || at < min) min = at;
    return min;
  }

  /** Serves every batch that closed by `now`, oldest first; the number of requests decided. */
  closeDue(now: number): number {
    const due = [...this.open.keys()].filter((at) => at <= now).sort((a, b) => a - b);
    let decided = 0;
    for (const at of due) {
      const batch = this.shuffle(this.open.get(at) ?? []);
      this.open.delete(at);
      for (const p of batch) {
        this.decide(p, at);
        if (this.sessions.get(p.ctx.session) === at) this.sessions.delete(p.ctx.session);
        decided++;
      }
    }
    this.forget(now);
    return decided;
  }

  private decide(p: Pending, at: number): void {
    const view = this.byId.get(p.view.id);
    if (!view) return;
    try {
      // the limits count what the batch gave to the requests drawn before this one
      const slot = slotAtClose(this.deps.store, p.req.slotId, at);
      checkIdentityLimit(this.deps.store, this.deps.settings().policy, p.req.identity);
      view.receipt = this.deps.write(p.ctx, p.req, slot, at);
      view.status = 'booked';
    } catch (e) {
      if (!isDomainError(e)) throw e;
      view.status = 'refused';
      view.refused = { code: e.code, message: e.message };
    }
    this.decided.push({ id: view.id, closesAt: at });
  }

  private forget(now: number): void {
    let n = 0;
    while (n < this.decided.length && (this.decided[n] as { closesAt: number }).closesAt < now - KEEP_DECIDED_MS) {
      this.byId.delete((this.decided[n] as { id: string }).id);
      n++;
    }
    if (n > 0) this.decided.splice(0, n);
  }

  /** Fisher–Yates with the target's random source. */
  private shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.deps.random.next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
}
