/**
 * The sim driver: answers agents' requests from a BookingTarget running in process on a
 * RecordingStore, with the kernel's virtual clock and ids, secrets and randomness drawn from the
 * replication seed. It translates actions to target calls and DomainErrors to rejections; the
 * caller (the engine) models the network latency around each call. It answers at once (a
 * SyncDriver) and is also the simulation's oracle (SimOracle): both interfaces, one object.
 */
import type { Action, ChallengeInfo, Convocation, Outcome, SlotInfo } from '../../../bots/actions.js';
import { BookingTarget, type BatchRequestView, type TargetSettings, type TickReport } from '../../../target/domain/booking-target.js';
import { isDomainError } from '../../../target/domain/errors.js';
import type { Policy } from '../../../target/domain/policy.js';
import type { Clock, Registry } from '../../../target/domain/ports.js';
import type { Booking, RequestContext, Slot } from '../../../target/domain/types.js';
import type { BookingReceipt } from '../../../target/domain/views.js';
import { RecordingStore, type StoreListener } from './recording-store.js';
import { ListingCache } from './listing-cache.js';
import { Rng } from '../../rng.js';
import type { AgentNet, CheckInAction, SyncDriver, TargetAction } from '../driver.js';
import type { SimOracle } from '../sim-oracle.js';

/** Proof-of-work is checked at this difficulty at most: solving time is modelled, hashing is not worth the CPU. */
export const SIM_POW_DIFFICULTY = 1;

export interface DriverOptions {
  settings: TargetSettings;
  clock: Clock;
  seed: number;
  registry?: Registry;
  listener: StoreListener;
}

const HEX = '0123456789abcdef';

export class InProcessDriver implements SyncDriver, SimOracle {
  private readonly store: RecordingStore;
  private readonly target: BookingTarget;
  private readonly clock: Clock;
  private readonly slotInfos = new Map<string, SlotInfo>();
  private readonly listings = new ListingCache();

  constructor(opts: DriverOptions) {
    this.clock = opts.clock;
    this.store = new RecordingStore(opts.listener);
    const random = new Rng(opts.seed ^ 0x7a3c);
    const secrets = new Rng(opts.seed ^ 0x51c3);
    let n = 0;
    this.target = new BookingTarget({
      store: this.store,
      clock: opts.clock,
      ids: {
        next: (prefix) => `${prefix}${(++n).toString(36)}`,
        secret: () => {
          let s = '';
          for (let i = 0; i < 16; i++) s += HEX[secrets.int(16)];
          return s;
        },
      },
      random,
      seed: String(opts.seed),
      ...(opts.registry ? { registry: opts.registry } : {}),
    }, { counters: opts.settings.counters, policy: simPolicy(opts.settings.policy) });
  }

  /**
   * What a listing shows of a slot, made once per slot: its id, counter and start never change,
   * and agents keep the lists they are given (to fill in the form, to work through them), so a
   * fresh copy per slot per listing was most of the simulation's garbage.
   */
  private slotInfo(s: Slot): SlotInfo {
    let info = this.slotInfos.get(s.id);
    if (!info) {
      info = Object.freeze({ id: s.id, counter: s.counter, start: s.start });
      this.slotInfos.set(s.id, info);
    }
    return info;
  }

  perform(net: AgentNet, a: TargetAction): Outcome {
    // refusals are outcomes here: thrown ones caught (DomainErrors collect no stack: errors.ts),
    // a lost booking race returned (attemptBooking)
    try {
      return this.run(net, a);
    } catch (e) {
      if (isDomainError(e)) return { kind: 'rejected', rejected: e.code };
      throw e;
    }
  }

  /** Slots a listing would show, starting at least `leadMs` from now (no request, no rate-limit token: see polls/watch-board.ts). */
  countAvailable(counter: string, leadMs = 0): number {
    return leadMs > 0 ? this.store.countAvailable(counter, this.clock.now() + leadMs) : this.target.countAvailable(counter);
  }

  checkIn(a: CheckInAction): Outcome {
    const r = this.target.checkIn(a.bookingId, a.counter, a.presented);
    return r.served ? { kind: 'checkIn', served: true } : { kind: 'checkIn', served: false, reason: r.reason };
  }

  /** The expected answer of a text challenge (the solver model decides whether it is found). */
  expectedAnswer(challengeId: string): string | undefined {
    return this.store.getChallenge(challengeId)?.answer;
  }

  slotStartOf(bookingId: string): number | undefined {
    return this.store.getBooking(bookingId)?.slotStart;
  }

  tick(): TickReport {
    return this.target.tick();
  }

  nextDueAt(): number {
    return this.target.nextDueAt();
  }

  private run(ctx: RequestContext, a: TargetAction): Outcome {
    const t = this.target;
    switch (a.kind) {
      case 'list': {
        const limit = a.limit ?? 50;
        const lead = a.minLeadMs ?? 0;
        // One request either way (admission, counter check); later weeks of the calendar are what
        // the site shows on "next". Slots are shown as the HTTP driver shows them (id, counter,
        // start): an agent must not see in simulation what a live site does not show (the
        // drivers' agreement tests hold it to that). A listing that nothing changed since is
        // answered again (listing-cache.ts); else the store's answer, a new array, has its
        // entries replaced in place.
        t.availableSlots(ctx, a.counter, 0);
        const from = this.clock.now() + lead;
        const version = this.store.availableVersion(a.counter);
        const known = this.listings.get(a.counter, lead, limit, version, from);
        if (known) return { kind: 'slots', slots: known };
        const slots: (Slot | SlotInfo)[] = this.store.availableSlots(a.counter, from, limit);
        for (let i = 0; i < slots.length; i++) slots[i] = this.slotInfo(slots[i] as Slot);
        return { kind: 'slots', slots: this.listings.set(a.counter, lead, limit, version, from, slots as SlotInfo[]) };
      }
      case 'captcha': {
        const c = t.issueCaptcha(ctx);
        const challenge: ChallengeInfo = { id: c.id, kind: c.kind, prompt: c.prompt, expiresAt: c.expiresAt };
        if (c.difficulty !== undefined) challenge.difficulty = c.difficulty;
        return { kind: 'challenge', challenge };
      }
      case 'book': {
        const req: Parameters<BookingTarget['book']>[1] = { slotId: a.slotId, identity: a.identity };
        if (a.captcha) req.captcha = a.captcha;
        if (a.ticket !== undefined) req.ticket = a.ticket;
        if (t.batched()) return batchOutcome(t.requestBooking(ctx, req));
        const receipt = t.attemptBooking(ctx, req);
        if (isDomainError(receipt)) return { kind: 'rejected', rejected: receipt.code };
        const out: Outcome = { kind: 'booked', convocation: fromReceipt(receipt) };
        if (receipt.confirmBy !== undefined) out.confirmBy = receipt.confirmBy;
        return out;
      }
      case 'bookingResult':
        return batchOutcome(t.bookingRequest(ctx, a.requestId));
      case 'confirm': {
        const mail = t.mailFor(a.email).filter((m) => m.bookingId === a.bookingId).at(-1);
        const code = mail && /([A-Za-z0-9]+)\s*$/.exec(mail.body)?.[1];
        if (!code) return { kind: 'rejected', rejected: 'NOT_FOUND' };
        t.confirm(a.bookingId, code);
        return { kind: 'ok' };
      }
      case 'cancel':
        t.cancel(ctx, a.bookingId, a.token);
        return { kind: 'ok' };
      case 'register': {
        const r = t.register(ctx, a.counter, a.identity);
        return { kind: 'registered', registrationId: r.id, drawAt: r.drawAt };
      }
      case 'lotteryResult': {
        const r = t.lotteryResult(a.registrationId);
        const out: Outcome = { kind: 'lottery' };
        if (r.outcome) out.outcome = r.outcome;
        const b = r.bookingId === undefined ? undefined : this.store.getBooking(r.bookingId);
        if (b) out.convocation = fromBooking(b);
        return out;
      }
      case 'joinRoom':
      case 'ticket': {
        const v = a.kind === 'joinRoom' ? t.joinWaitingRoom(ctx, a.counter) : t.ticket(a.ticketId);
        const out: Outcome = { kind: 'ticket', ticketId: v.id, releaseAt: v.releaseAt };
        if (v.admitAt !== undefined) out.admitAt = v.admitAt;
        return out;
      }
    }
  }
}

/** The policy the sim target runs: the scenario's, with proof-of-work checked at a cheap difficulty. */
export function simPolicy(policy: Policy): Policy {
  const captcha = policy.measures.captcha;
  if (!captcha || captcha.kind !== 'proof-of-work' || captcha.difficulty <= SIM_POW_DIFFICULTY) return policy;
  return { ...policy, measures: { ...policy.measures, captcha: { ...captcha, difficulty: SIM_POW_DIFFICULTY } } };
}

/** A batched request as the agent learns it: still pending, booked, or refused with the target's code. */
export function batchOutcome(v: BatchRequestView): Outcome {
  if (v.status === 'pending') return { kind: 'pending', requestId: v.id, decideAt: v.closesAt };
  if (v.status === 'refused' || !v.receipt) return { kind: 'rejected', rejected: v.refused?.code ?? 'SLOT_TAKEN' };
  const out: Outcome = { kind: 'booked', convocation: fromReceipt(v.receipt) };
  if (v.receipt.confirmBy !== undefined) out.confirmBy = v.receipt.confirmBy;
  return out;
}

export function fromReceipt(r: BookingReceipt): Convocation {
  return { bookingId: r.booking.id, token: r.token, slotId: r.booking.slotId, counter: r.booking.counter, slotStart: r.booking.slotStart, name: r.booking.name };
}

export function fromBooking(b: Booking): Convocation {
  return {
    bookingId: b.id, token: b.token, slotId: b.slotId, counter: b.counter, slotStart: b.slotStart,
    name: `${b.identity.firstName} ${b.identity.lastName}`.trim(),
  };
}
