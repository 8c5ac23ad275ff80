/**
 * The checks a booking request goes through before it may touch the store, in the order a
 * real service runs them: cheap refusals first, the captcha before the slot (so a bot cannot
 * probe availability through booking errors without paying for a challenge).
 */
import { checkChallengeAnswer } from './captcha.js';
import { DomainError, orThrow } from './errors.js';
import { sameName } from './names.js';
import type { Policy } from './policy.js';
import type { LandingWindow } from './landing-window.js';
import type { IdSource, Registry, Store } from './ports.js';
import { durationMs } from './time-units.js';
import type { Booking, Identity, Mail, RequestContext, Slot } from './types.js';

export interface BookRequest {
  slotId: string;
  identity: Identity;
  captcha?: { id: string; answer: string };
  /** waiting-room ticket id, when the release policy is a waiting room */
  ticket?: string;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkIdentity(policy: Policy, identity: Identity): void {
  if (!EMAIL_RE.test(identity.email)) throw new DomainError('VALIDATION', 'a valid e-mail address is required', 'identity.email');
  if (policy.measures.exactName) {
    if (!identity.firstName.trim()) throw new DomainError('NAME_REQUIRED', 'first name is required', 'identity.firstName');
    if (!identity.lastName.trim()) throw new DomainError('NAME_REQUIRED', 'last name is required', 'identity.lastName');
  }
}

/** `inFlight`: under the non-atomic-booking flaw, the writes a check does not see yet (landing-window.ts). */
export function checkCaptcha(store: Store, policy: Policy, ctx: RequestContext, now: number, given: BookRequest['captcha'], inFlight?: LandingWindow): void {
  if (!policy.measures.captcha || policy.flaws.includes('captcha-client-side-only')) return;
  if (!given) throw new DomainError('CAPTCHA_REQUIRED', 'this booking needs a captcha answer', 'captcha');
  const c = store.getChallenge(given.id);
  if (!c || c.session !== ctx.session) throw new DomainError('CAPTCHA_INVALID', 'unknown captcha or issued to another session', 'captcha.id');
  if (c.expiresAt < now) throw new DomainError('CAPTCHA_EXPIRED', 'the captcha has expired; ask for a new one', 'captcha.id');
  const replayable = policy.flaws.includes('captcha-replay');
  // Consumed on any attempt, right or wrong, so answers cannot be brute-forced on one challenge.
  const firstUse = store.useChallenge(c.id);
  if (firstUse) inFlight?.noteSpend(c.id);
  else if (!replayable && !inFlight?.spendInFlight(c.id)) throw new DomainError('CAPTCHA_USED', 'this captcha was used already', 'captcha.id');
  if (!checkChallengeAnswer(c, given.answer)) throw new DomainError('CAPTCHA_INVALID', 'wrong captcha answer', 'captcha.answer');
}

/**
 * The answers of a lost race, made once: a simulation meets them by the ten thousand, and a
 * refusal carries no stack and no state of its own (frozen, so it stays so).
 */
const NOT_RELEASED = Object.freeze(new DomainError('SLOT_NOT_RELEASED', 'this slot cannot be booked', 'slotId'));
const TAKEN = Object.freeze(new DomainError('SLOT_TAKEN', 'this slot is already booked', 'slotId'));

function slotOnline(store: Store, slotId: string, now: number): Slot | DomainError {
  const slot = store.getSlot(slotId);
  if (!slot) return new DomainError('NOT_FOUND', `no slot ${slotId}`, 'slotId');
  return slot.state !== 'released' || slot.start <= now ? NOT_RELEASED : slot;
}

/** The slot exists and is online: what a batched request is checked for on arrival. */
export function checkSlotOnline(store: Store, slotId: string, now: number): Slot {
  return orThrow(slotOnline(store, slotId, now));
}

/** The slot can be booked now, or the refusal, returned rather than thrown: a lost race is the common answer. */
export function bookableSlot(store: Store, slotId: string, now: number, inFlight?: LandingWindow): Slot | DomainError {
  const slot = slotOnline(store, slotId, now);
  if (slot instanceof DomainError) return slot;
  const live = store.liveBookingForSlot(slotId);
  return live && !inFlight?.inFlight(live) ? TAKEN : slot;
}

/**
 * A batched request at its batch's close: the slot asked for or, when a request drawn before it
 * took that one, the next free slot of the same counter starting no earlier (one slot per request).
 */
export function slotAtClose(store: Store, slotId: string, at: number): Slot {
  const asked = store.getSlot(slotId);
  if (!asked) throw new DomainError('NOT_FOUND', `no slot ${slotId}`, 'slotId');
  const free = asked.state === 'released' && asked.start > at && !store.liveBookingForSlot(asked.id);
  const slot = free ? asked : store.availableSlots(asked.counter, Math.max(at, asked.start - 1), 1)[0];
  if (!slot) throw new DomainError('SLOT_TAKEN', 'every slot of this counter from this date on went to requests drawn before yours', 'slotId');
  return slot;
}

export function checkIdentityLimit(store: Store, policy: Policy, identity: Identity, inFlight?: LandingWindow): void {
  const reached = identityLimitReached(store, policy, identity, inFlight);
  if (reached) throw reached;
}

/** The refusal a booking for this identity would meet under the per-identity limits, if any. */
export function identityLimitReached(store: Store, policy: Policy, identity: Identity, inFlight?: LandingWindow): DomainError | undefined {
  const limit = policy.measures.identityLimit;
  if (!limit) return undefined;
  const seen = (field: 'email' | 'agdref' | 'phone', value: string) =>
    store.countLive(field, value, limit) - (inFlight?.countInFlight(field, value, limit) ?? 0);
  const over = (n: number | undefined, field: 'email' | 'agdref' | 'phone', value: string | undefined) =>
    n !== undefined && value !== undefined && value !== '' && seen(field, value) >= n;
  if (over(limit.perEmail, 'email', identity.email)) return new DomainError('LIMIT_REACHED', `at most ${limit.perEmail} active booking(s) per e-mail`, 'identity.email');
  if (over(limit.perAgdref, 'agdref', identity.agdref)) return new DomainError('LIMIT_REACHED', `at most ${limit.perAgdref} active booking(s) per AGDREF number`, 'identity.agdref');
  if (over(limit.perPhone, 'phone', identity.phone)) return new DomainError('LIMIT_REACHED', `at most ${limit.perPhone} active booking(s) per phone number`, 'identity.phone');
  return undefined;
}

export function checkRegistry(policy: Policy, registry: Registry | undefined, counter: string, identity: Identity): void {
  const rule = policy.measures.registryCheck;
  if (!rule || !rule.counters.includes(counter)) return;
  if (!identity.agdref) throw new DomainError('REGISTRY_MISMATCH', 'an AGDREF number is required for this counter', 'identity.agdref');
  const holder = registry?.lookup(identity.agdref);
  if (!holder || !sameName(holder, identity)) {
    throw new DomainError('REGISTRY_MISMATCH', 'this AGDREF number does not match the name given', 'identity.agdref');
  }
}

/** What the form's fields become once their surrounding spaces are dropped (the same object when there are none). */
export function trimmed(i: Identity): Identity {
  const clean = (s: string | undefined) => s === undefined || s === s.trim();
  if (clean(i.firstName) && clean(i.lastName) && clean(i.email) && clean(i.phone) && clean(i.agdref)) return i;
  const out: Identity = { firstName: i.firstName.trim(), lastName: i.lastName.trim(), email: i.email.trim() };
  if (i.phone !== undefined) out.phone = i.phone.trim();
  if (i.agdref !== undefined) out.agdref = i.agdref.trim();
  return out;
}

/** The booking a request that passed every check makes (held until confirmed when the measure is on). */
export function newBooking(ids: IdSource, policy: Policy, ctx: RequestContext, req: BookRequest, slot: Slot, now: number): Booking {
  const confirm = policy.measures.emailConfirmation;
  const booking: Booking = {
    id: ids.next('b'), slotId: slot.id, counter: slot.counter, slotStart: slot.start,
    identity: req.identity, token: ids.secret(), status: confirm ? 'held' : 'confirmed',
    createdAt: now, ip: ctx.ip, session: ctx.session,
  };
  if (confirm) {
    // a whole secret: a code cut to 8 characters (48 bits) could be guessed by enough requests
    booking.confirmCode = ids.secret();
    booking.confirmBy = now + durationMs(confirm.within);
  }
  return booking;
}

/** The e-mail carrying a held booking's confirmation code (read back over /admin/mail). */
export function confirmationMail(b: Booking): Mail {
  return { to: b.identity.email, at: b.createdAt, bookingId: b.id, subject: 'Confirmez votre rendez-vous', body: `Code de confirmation : ${b.confirmCode ?? ''}` };
}

/**
 * Writes a booking that passed every check, in one write transaction (BEGIN IMMEDIATE on
 * SQLite): the per-identity limits are counted again inside it, so two processes on one database
 * file cannot both see "no booking yet" for one address and both insert. The check before it
 * (prepareBooking) stays as the cheap early refusal. `spendAdmission`: the waiting-room ticket.
 * `inFlight`: the non-atomic-booking flaw, whose write checks nothing again and is in flight for a while.
 */
export function writeBooking(store: Store, policy: Policy, booking: Booking, spendAdmission: () => void, inFlight?: LandingWindow): void {
  store.transaction(() => {
    if (inFlight) {
      store.insertBookingUnchecked(booking);
      inFlight.noteBooking(booking);
    } else {
      checkIdentityLimit(store, policy, booking.identity);
      if (store.insertBooking(booking) === 'SLOT_TAKEN') throw new DomainError('SLOT_TAKEN', 'this slot is already booked', 'slotId');
    }
    // a lost race (SLOT_TAKEN) does not spend the admission; a written booking does
    spendAdmission();
    if (booking.confirmCode !== undefined) store.insertMail(confirmationMail(booking));
  });
}
