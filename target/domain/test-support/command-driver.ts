/**
 * Plays random commands (random-commands.ts) on a BookingTarget over a given store, and checks
 * after every step what one step must respect: a refusal changes no booking; a booking that went
 * through spent a fresh captcha of its own session and an admission of its own; a cancel had
 * the token, a confirmation the code; the counter served only the right person on the right
 * day; and the store-wide invariants (invariants.ts). Every outcome is logged, so that two
 * stores fed the same commands can be compared.
 */
import { BookingTarget } from '../booking-target.js';
import { powValid, solvePow } from '../captcha.js';
import { isDomainError } from '../errors.js';
import { PolicySchema, type Policy, type PolicyInput } from '../policy.js';
import type { Registry, Store } from '../ports.js';
import { durationMs } from '../time-units.js';
import type { Identity, RequestContext, Slot } from '../types.js';
import type { BookingReceipt } from '../views.js';
import { COUNTERS, MONDAY } from './fixture.js';
import { invariantViolations, storedSlots } from './invariants.js';
import { PEOPLE, type Command } from './random-commands.js';
import { seededRandom } from './seeded-random.js';

const HALF_DAY = 12 * 3_600_000;

/** Person n; odd people type their e-mail in capitals, and 4 and 5 share one (a family). */
export function identityOf(n: number): Identity {
  const email = n >= 4 ? 'famille@example.org' : `p${n}@example.org`;
  return { firstName: 'Awa', lastName: `Diallo${n}`, email: n % 2 ? email.toUpperCase() : email, agdref: `99${n}`, phone: `060000000${n % 3}` };
}

/** The AGDREF registry: everybody but the last person. */
export const registry: Registry = {
  lookup: (agdref) => {
    const n = Number(agdref.slice(2));
    return agdref.startsWith('99') && n < PEOPLE - 1 ? { firstName: 'Awa', lastName: `Diallo${n}` } : undefined;
  },
};

const ctxOf = (session: number): RequestContext => ({ ip: `10.0.0.${session % 2}`, session: `s${session}` });

export class CommandDriver {
  readonly target: BookingTarget;
  readonly policy: Policy;
  readonly log: string[] = [];
  readonly violations: string[] = [];
  /** requests a measure must refuse (a wrong token or code, someone else's captcha, no admission…), and those it let through */
  readonly attacks = { tried: 0, letThrough: 0 };
  private readonly clock = { t: MONDAY, now() { return this.t; } };
  private readonly receipts: { receipt: BookingReceipt; session: number; person: number }[] = [];
  private readonly registrations: string[] = [];
  private readonly lastChallenge = new Map<number, { id: string; answer: string }>();
  private readonly spentChallenges = new Set<string>();
  private readonly tickets = new Map<string, string>();

  /** `everyStep`: check the store-wide invariants after each command, else only when asked (checkState) */
  constructor(readonly store: Store, policy: PolicyInput, seed: number, private readonly everyStep = true) {
    this.policy = PolicySchema.parse(policy);
    let n = 0;
    this.target = new BookingTarget({
      store, clock: this.clock, registry, seed: `prop-${seed}`, random: seededRandom(seed),
      ids: { next: (p) => `${p}${++n}`, secret: () => `secret${++n}` },
    }, { counters: COUNTERS, policy: this.policy });
    this.target.tick();
  }

  private advanceTo(t: number): void {
    if (t < this.clock.t) return;
    this.clock.t = t;
    this.log.push(`tick ${JSON.stringify(this.target.tick())}`);
  }

  /** Plays one command; the outcome joins the log, broken rules join `violations`. */
  play(c: Command): void {
    const before = JSON.stringify(this.store.ledger());
    try {
      const result = this.apply(c);
      this.log.push(`${c.kind} ok ${JSON.stringify(result ?? null)}`);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      this.log.push(`${c.kind} ${e.code}`);
      if (JSON.stringify(this.store.ledger()) !== before) this.violations.push(`${JSON.stringify(c)} was refused (${e.code}) and changed the bookings`);
    }
    if (this.everyStep) this.checkState(`after ${JSON.stringify(c)}`);
  }

  private letThrough(what: string): void {
    this.attacks.letThrough++;
    this.violations.push(what);
  }

  /** The store-wide invariants, now; broken ones join `violations`. */
  checkState(when: string): void {
    const broken = invariantViolations({
      store: this.store, counters: COUNTERS, policy: this.policy, now: this.clock.t, startedAt: MONDAY,
      registrationIds: this.registrations, countAvailable: (counter) => this.target.countAvailable(counter),
    });
    for (const v of broken) this.violations.push(`${when}: ${v}`);
  }

  /** Every slot of the calendar as the store holds it (to compare two stores). */
  slots(): Slot[] {
    return storedSlots({ store: this.store, counters: COUNTERS, policy: this.policy, now: this.clock.t, startedAt: MONDAY });
  }

  private apply(c: Command): unknown {
    const { target } = this;
    switch (c.kind) {
      case 'advance': return this.advanceTo(this.clock.t + c.minutes * 60_000);
      case 'toNextDue': {
        const due = target.nextDueAt();
        if (Number.isFinite(due)) this.advanceTo(Math.max(this.clock.t, due - c.minutesBefore * 60_000));
        return due;
      }
      case 'book': return this.book(c);
      case 'cancel': {
        const r = this.receipts[c.booking % Math.max(1, this.receipts.length)];
        if (!r) return undefined;
        if (!c.rightToken) this.attacks.tried++;
        const view = target.cancel(ctxOf(c.session), r.receipt.booking.id, c.rightToken ? r.receipt.token : 'not-the-token');
        if (!c.rightToken) this.letThrough(`booking ${r.receipt.booking.id} cancelled without its token`);
        return view;
      }
      case 'confirm': {
        const r = this.receipts[c.booking % Math.max(1, this.receipts.length)];
        if (!r) return undefined;
        const b = this.store.getBooking(r.receipt.booking.id);
        if (!c.rightCode) this.attacks.tried++;
        const view = target.confirm(r.receipt.booking.id, c.rightCode ? b?.confirmCode ?? '' : 'nope');
        if (!c.rightCode) this.letThrough(`booking ${r.receipt.booking.id} confirmed with a wrong code`);
        if ((b?.confirmBy ?? Infinity) < this.clock.t) this.violations.push(`booking ${r.receipt.booking.id} confirmed after its deadline`);
        return view;
      }
      case 'checkIn': return this.checkIn(c);
      case 'register': {
        const reg = target.register(ctxOf(c.person % 4), Object.keys(COUNTERS)[c.counter] ?? 'renewal', identityOf(c.person));
        this.registrations.push(reg.id);
        return reg;
      }
      case 'joinRoom': {
        const ticket = target.joinWaitingRoom(ctxOf(c.session), Object.keys(COUNTERS)[c.counter] ?? 'renewal');
        this.tickets.set(`${c.session}/${ticket.counter}`, ticket.id);
        return ticket;
      }
      case 'releaseNow': return target.releaseNow().length;
    }
  }

  private captchaFor(c: Extract<Command, { kind: 'book' }>): { id: string; answer: string } | undefined {
    if (c.captcha === 'none') return undefined;
    if (c.captcha === 'last') return this.lastChallenge.get(c.session);
    if (c.captcha === 'foreign') return this.lastChallenge.get((c.session + 1) % 4);
    const issued = this.target.issueCaptcha(ctxOf(c.session));
    const stored = this.store.getChallenge(issued.id);
    const answer = issued.kind === 'proof-of-work' ? solvePow(issued.prompt, issued.difficulty ?? 0).nonce : stored?.answer ?? issued.prompt;
    const made = { id: issued.id, answer: c.captcha === 'wrong' ? this.wrongAnswer(issued) : answer };
    this.lastChallenge.set(c.session, made);
    return made;
  }

  /** An answer that does not solve the challenge (at low difficulty, 1 nonce in 16 solves a puzzle). */
  private wrongAnswer(issued: { kind: string; prompt: string; difficulty?: number }): string {
    if (issued.kind !== 'proof-of-work') return 'zzzzzz';
    let n = 0;
    while (powValid(issued.prompt, issued.difficulty ?? 0, `wrong${n}`)) n++;
    return `wrong${n}`;
  }

  private book(c: Extract<Command, { kind: 'book' }>): unknown {
    const ctx = ctxOf(c.session);
    const counters = Object.keys(COUNTERS);
    const counter = counters[c.person % counters.length] ?? 'renewal';
    const listed = this.target.availableSlots(ctx, counter, 50);
    const slotId = c.slot === -1 ? 'renewal@2019-13-40T08:30#9' : c.slot === -2 ? 'renewal@2019-01-08T08:30#1' : listed[c.slot % Math.max(1, listed.length)]?.id;
    if (slotId === undefined) return undefined;
    const captcha = this.captchaFor(c);
    const ticket = c.ticket ? this.tickets.get(`${c.session}/${counter}`) : undefined;
    const req = { slotId, identity: identityOf(c.person), ...(captcha ? { captcha } : {}), ...(ticket ? { ticket } : {}) };
    if (this.target.batched()) return this.target.requestBooking(ctx, req);
    const badCaptcha = this.target.captchaRequired() && (c.captcha === 'wrong' || c.captcha === 'foreign' || !captcha);
    if (badCaptcha || (this.policy.release.kind === 'waiting-room' && !ticket)) this.attacks.tried++;
    const receipt = this.target.book(ctx, req);
    this.receipts.push({ receipt, session: c.session, person: c.person });
    this.checkBooked(c, receipt, captcha, ticket);
    return receipt;
  }

  /** What a booking that went through must have shown. */
  private checkBooked(c: Extract<Command, { kind: 'book' }>, receipt: BookingReceipt, captcha: { id: string } | undefined, ticket: string | undefined): void {
    const id = receipt.booking.id;
    if (this.target.captchaRequired()) {
      const ch = captcha && this.store.getChallenge(captcha.id);
      if (!ch) this.letThrough(`booking ${id} went through without a captcha`);
      else {
        if (ch.session !== ctxOf(c.session).session) this.letThrough(`booking ${id} used a captcha of another session`);
        if (ch.expiresAt < this.clock.t) this.violations.push(`booking ${id} used an expired captcha`);
        if (this.spentChallenges.has(ch.id)) this.violations.push(`booking ${id} reused captcha ${ch.id}`);
        if (c.captcha === 'wrong') this.letThrough(`booking ${id} went through with a wrong answer`);
        this.spentChallenges.add(ch.id);
      }
    }
    const release = this.policy.release;
    if (release.kind === 'waiting-room') {
      const t = ticket === undefined ? undefined : this.store.getTicket(ticket);
      if (!t || t.session !== ctxOf(c.session).session) this.letThrough(`booking ${id} went through without an admission of its session`);
      else if (t.admitAt === undefined || t.admitAt > this.clock.t || this.clock.t >= t.admitAt + durationMs(release.admissionWindow)) this.violations.push(`booking ${id} went through outside its admission`);
      else if ((t.uses ?? 0) > release.bookingsPerAdmission) this.violations.push(`ticket ${t.id} booked ${t.uses} times, ${release.bookingsPerAdmission} allowed`);
    }
  }

  private checkIn(c: Extract<Command, { kind: 'checkIn' }>): unknown {
    const r = this.receipts[c.booking % Math.max(1, this.receipts.length)];
    if (!r) return undefined;
    const b0 = r.receipt.booking;
    if (c.goToSlot) this.advanceTo(b0.slotStart);
    const before = this.store.getBooking(b0.id);
    const presented = c.rightName ? identityOf(r.person) : { firstName: 'Jean', lastName: 'Martin' };
    const counter = c.rightCounter ? b0.counter : Object.keys(COUNTERS).find((k) => k !== b0.counter) ?? 'x';
    const exactName = this.policy.measures.exactName?.atCheckIn ?? false;
    if (!c.rightCounter || (exactName && !c.rightName)) this.attacks.tried++;
    const result = this.target.checkIn(b0.id, counter, presented);
    if (result.served) {
      if (before?.status !== 'confirmed') this.violations.push(`booking ${b0.id} served while ${before?.status}`);
      if (!c.rightCounter) this.letThrough(`booking ${b0.id} served at the wrong counter`);
      if (Math.abs(this.clock.t - b0.slotStart) > HALF_DAY) this.violations.push(`booking ${b0.id} served on another day`);
      else if (exactName && !c.rightName) this.letThrough(`booking ${b0.id} served to someone else under the exact-name rule`);
    }
    return result;
  }
}
