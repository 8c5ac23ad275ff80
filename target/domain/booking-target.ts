/**
 * The reference booking service: what a préfecture's appointment system does, with every
 * anti-bot measure switchable by policy. Pure domain: clock, ids, randomness, registry and
 * store are injected; it knows nothing of HTTP or of the harness.
 */
import {
  checkCaptcha, checkIdentity, checkIdentityLimit, checkRegistry, bookableSlot, newBooking, trimmed, writeBooking, type BookRequest,
} from './booking-rules.js';
import { BatchDesk, type BatchRequestView } from './batch-desk.js';
import { EXPIRED_CHALLENGE_KEPT_MS, makeChallenge } from './captcha.js';
import { checkInAtCounter } from './check-in.js';
import { EntryDesk, type LotteryResult } from './entry-desk.js';
import { LandingWindow } from './landing-window.js';
import { DomainError, orThrow } from './errors.js';
import type { Clock, IdSource, RandomSource, Registry, Store } from './ports.js';
import { RequestLimits } from './request-limits.js';
import { cancelBooking, confirmBooking, convocationOf } from './holder-actions.js';
import { ScheduleRunner, type TargetSettings, type TickReport } from './schedule-runner.js';
import { durationMs } from './time-units.js';
import type { Booking, CheckInResult, Identity, Mail, RequestContext } from './types.js';
import {
  bookingView, challengeView, slotView, type BookingReceipt, type BookingView, type ChallengeView, type Convocation,
  type CounterView, type RegistrationView, type SlotView, type TicketView,
} from './views.js';

export type { BookRequest } from './booking-rules.js';
export type { BatchRequestView } from './batch-desk.js';
export type { TargetSettings, TickReport } from './schedule-runner.js';

export interface TargetDeps {
  store: Store;
  clock: Clock;
  ids: IdSource;
  random: RandomSource;
  registry?: Registry;
  /** seeds the random release times, so they can be computed for any week */
  seed: string;
}

/** A booking request that passed every check, waiting to be written; `ticket`: the admission it spends. */
export interface PreparedBooking { booking: Booking; ticket?: string }

export class BookingTarget {
  private current: TargetSettings;
  private readonly runner: ScheduleRunner;
  private limits!: RequestLimits;
  private readonly desk: EntryDesk;
  private readonly batches: BatchDesk;
  /** the non-atomic-booking flaw's writes in flight (landing-window.ts) */
  private readonly landing: LandingWindow;

  constructor(private readonly deps: TargetDeps, settings: TargetSettings) {
    this.current = settings;
    this.landing = new LandingWindow(deps.clock);
    this.runner = new ScheduleRunner(deps.store, deps.ids, deps.random, deps.seed, () => this.current, deps.clock.now());
    this.desk = new EntryDesk({
      store: deps.store, ids: deps.ids, registry: deps.registry, seed: deps.seed,
      settings: () => this.current, lastRelease: () => this.runner.lastRelease,
    });
    this.batches = new BatchDesk({
      store: deps.store, ids: deps.ids, random: deps.random, registry: deps.registry, settings: () => this.current, lastRelease: () => this.runner.lastRelease,
      // a batch's close is one process that checks as it writes: the flaw is the booking route's
      write: (ctx, req, slot, at) => this.commitBooking({ booking: newBooking(this.deps.ids, this.current.policy, ctx, req, slot, at) }, undefined),
    });
    this.resetBuckets();
  }

  settings(): TargetSettings { return this.current; }

  setSettings(s: TargetSettings): void {
    this.current = s;
    this.desk.clear();
    this.batches.clear();
    this.resetBuckets();
  }

  private resetBuckets(): void { this.limits = new RequestLimits(this.current.policy.measures.rateLimit); }

  private now(): number { return this.deps.clock.now(); }

  /** Every request from outside spends a token of its IP and of its session, when the measure is on (public: see routes/api.ts). */
  admit(ctx: RequestContext): void { this.limits.admit(ctx, this.now()); }

  private counterConfig(id: string) {
    const c = Object.hasOwn(this.current.counters, id) ? this.current.counters[id] : undefined;
    if (!c) throw new DomainError('NOT_FOUND', `no counter ${id}`, 'counter');
    return c;
  }

  counters(): CounterView[] {
    const now = this.now();
    return Object.entries(this.current.counters).map(([id, c]) => ({
      id, label: c.label ?? id, days: [...c.days], hours: c.hours, slotMinutes: c.slotMinutes, desks: c.desks,
      available: this.deps.store.countAvailable(id, now),
    }));
  }

  /** Bookable slots, soonest first; with `leadMs`, only those starting later than now + leadMs (one request either way). */
  availableSlots(ctx: RequestContext, counter: string, limit = 50, leadMs = 0): SlotView[] {
    this.admit(ctx);
    this.counterConfig(counter);
    return this.deps.store.availableSlots(counter, this.now() + leadMs, limit).map(slotView);
  }

  /** Cheaper than listing: lets the simulator know whether a list would be non-empty. */
  countAvailable(counter: string): number { return this.deps.store.countAvailable(counter, this.now()); }

  captchaRequired(): boolean {
    const { measures, flaws } = this.current.policy;
    return measures.captcha !== undefined && !flaws.includes('captcha-client-side-only');
  }

  /** Only under the captcha measure: a challenge nobody will ask for is stored state for nothing. */
  issueCaptcha(ctx: RequestContext): ChallengeView {
    const cfg = this.current.policy.measures.captcha;
    if (!cfg) throw new DomainError('NOT_FOUND', 'this target asks for no captcha', 'captcha');
    this.admit(ctx);
    const made = makeChallenge(cfg.kind, this.deps.random, cfg.difficulty);
    const challenge = {
      id: this.deps.ids.next('c'), kind: cfg.kind, prompt: made.prompt, session: ctx.session,
      expiresAt: this.now() + durationMs(cfg.ttl), used: false,
      ...(cfg.kind === 'proof-of-work' ? { difficulty: cfg.difficulty } : {}),
      ...(made.answer !== undefined ? { answer: made.answer } : {}),
    };
    this.deps.store.insertChallenge(challenge);
    return challengeView(challenge);
  }

  book(ctx: RequestContext, req: BookRequest): BookingReceipt { return orThrow(this.attemptBooking(ctx, req)); }

  /**
   * book(), with the slot's refusals (taken, not released, unknown) returned rather than thrown:
   * a simulation's people lose races by the ten thousand. Other refusals are thrown as by book().
   */
  attemptBooking(ctx: RequestContext, req: BookRequest): BookingReceipt | DomainError {
    const prepared = this.prepareBooking(ctx, req);
    return prepared instanceof DomainError ? prepared : this.commitBooking(prepared, this.inFlight());
  }

  /** Batch release: a booking request is collected, not served (requestBooking). */
  batched(): boolean { return this.current.policy.release.kind === 'batch'; }

  /** With the non-atomic-booking flaw on: the writes a check does not see yet. */
  private inFlight(): LandingWindow | undefined {
    return this.current.policy.flaws.includes('non-atomic-booking') ? this.landing : undefined;
  }

  private prepareBooking(ctx: RequestContext, raw: BookRequest): PreparedBooking | DomainError {
    if (this.batched()) throw new DomainError('NOT_OPEN', 'bookings are served in batches here: submit a booking request and read its decision', 'slotId');
    this.admit(ctx);
    const req = { ...raw, identity: trimmed(raw.identity) };
    const { policy } = this.current;
    const { store } = this.deps;
    const now = this.now();
    checkIdentity(policy, req.identity);
    const inFlight = this.inFlight();
    checkCaptcha(store, policy, ctx, now, req.captcha, inFlight);
    const slot = bookableSlot(store, req.slotId, now, inFlight);
    if (slot instanceof DomainError) return slot;
    this.desk.checkAdmitted(ctx, slot.counter, req.ticket, now);
    checkIdentityLimit(store, policy, req.identity, inFlight);
    checkRegistry(policy, this.deps.registry, slot.counter, req.identity);
    const booking = newBooking(this.deps.ids, policy, ctx, req, slot, now);
    return req.ticket === undefined ? { booking } : { booking, ticket: req.ticket };
  }

  /** Batch release: the request joins the open batch; its decision comes when the batch closes (bookingRequest). */
  requestBooking(ctx: RequestContext, raw: BookRequest): BatchRequestView {
    this.admit(ctx);
    return this.batches.submit(ctx, { ...raw, identity: trimmed(raw.identity) }, this.now());
  }

  /** The decision on a batched booking request (pending until its batch closes). */
  bookingRequest(ctx: RequestContext, id: string): BatchRequestView { this.admit(ctx); return this.batches.result(ctx, id); }

  private commitBooking({ booking, ticket }: PreparedBooking, inFlight: LandingWindow | undefined): BookingReceipt {
    writeBooking(this.deps.store, this.current.policy, booking, () => this.desk.spendAdmission(ticket), inFlight);
    const receipt: BookingReceipt = { booking: bookingView(booking), token: booking.token };
    if (booking.confirmBy !== undefined) receipt.confirmBy = booking.confirmBy;
    return receipt;
  }

  confirm(bookingId: string, code: string): BookingView { return confirmBooking(this.deps.store, this.now(), bookingId, code); }

  convocation(bookingId: string, token: string): Convocation { return convocationOf(this.deps.store, this.current.counters, bookingId, token); }

  cancel(ctx: RequestContext, bookingId: string, token: string): BookingView {
    this.admit(ctx);
    return cancelBooking(this.deps.store, bookingId, token);
  }

  /** At the counter: the agent checks the convocation and, under exactName, the person's papers. */
  checkIn(bookingId: string, counter: string, presented: { firstName: string; lastName: string }): CheckInResult {
    return checkInAtCounter(this.deps.store, this.current.policy, this.now(), { bookingId, counter, presented });
  }

  register(ctx: RequestContext, counter: string, identity: Identity): RegistrationView {
    this.admit(ctx);
    this.counterConfig(counter);
    return this.desk.register(counter, trimmed(identity), this.now());
  }

  lotteryResult(registrationId: string): LotteryResult { return this.desk.lotteryResult(registrationId); }

  joinWaitingRoom(ctx: RequestContext, counter: string): TicketView {
    this.admit(ctx);
    this.counterConfig(counter);
    return this.desk.joinWaitingRoom(ctx.session, counter, this.now());
  }

  ticket(id: string): TicketView { return this.desk.ticket(id); }

  /** Batches that closed are served before the schedule runs (a release at the same instant starts the next batch). */
  tick(): TickReport { return this.runAt(this.now()); }
  private runAt(now: number): TickReport { return { decided: this.batches.closeDue(now), ...this.runner.tick(now) }; }
  nextDueAt(): number { return Math.min(this.runner.nextDueAt(), this.batches.nextClose() ?? Infinity); }
  /** Deletes challenges expired for longer than EXPIRED_CHALLENGE_KEPT_MS (the live server calls it on its timer). */
  sweepChallenges(): number { return this.deps.store.deleteChallengesExpiredBefore(this.now() - EXPIRED_CHALLENGE_KEPT_MS); }
  releaseNow(): string[] { return this.runner.releaseNow(this.now()); }
  ledger(): Booking[] { return this.deps.store.ledger(); }
  mailFor(email: string): Mail[] { return this.deps.store.mailFor(email); }

  reset(): void {
    this.deps.store.reset();
    this.desk.clear();
    this.batches.clear();
    this.runner.restart(this.now());
    this.resetBuckets();
  }
}
