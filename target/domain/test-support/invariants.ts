/**
 * The invariants of the target (docs/design.md, "Invariants the target never breaks", and what
 * each measure promises), checked on the state a store holds. Property tests call it after every
 * step of a random command sequence, in process and over HTTP. It returns the violations as
 * sentences rather than throwing, so a failing case names every broken rule at once.
 */
import { generateSlots } from '../calendar.js';
import type { CounterConfig, Policy } from '../policy.js';
import type { Store } from '../ports.js';
import { durationMs } from '../time-units.js';
import type { Booking, Registration, Slot } from '../types.js';
import { LIVE_STATUSES } from '../types.js';

export interface TargetState {
  store: Store;
  counters: Record<string, CounterConfig>;
  policy: Policy;
  /** the target's clock */
  now: number;
  /** when the target started: slots are enumerated from here */
  startedAt: number;
  /** registrations the test made (the store has no "list all") */
  registrationIds?: readonly string[];
  /** the target's own count of bookable slots, to compare with the store's state */
  countAvailable?: (counter: string) => number;
}

const isLive = (b: Booking): boolean => LIVE_STATUSES.includes(b.status);
const emailKey = (email: string): string => email.trim().toLowerCase();
const WEEK = durationMs('1w');

/** weeks of calendar already computed: generating one is slow (Luxon), and tests ask after every step */
const calendarWeeks = new Map<string, Slot[]>();

function calendarWeek(s: TargetState, week: number): Slot[] {
  const key = JSON.stringify([s.counters, s.policy.measures.capacity, s.startedAt, week]);
  let slots = calendarWeeks.get(key);
  const from = s.startedAt + week * WEEK;
  if (!slots) calendarWeeks.set(key, (slots = generateSlots(s.counters, s.policy.measures.capacity, from, from + WEEK)));
  return slots;
}

/** Every slot the calendar may have made from the start to beyond the horizon, as the store has it. */
export function storedSlots(s: TargetState): Slot[] {
  const weeks = Math.ceil((s.now - s.startedAt + durationMs(s.policy.release.horizon)) / WEEK) + 2;
  return Array.from({ length: weeks }, (_, k) => calendarWeek(s, k)).flat()
    .map((g) => s.store.getSlot(g.id))
    .filter((x): x is Slot => x !== undefined);
}

function countBy<T>(items: readonly T[], key: (t: T) => string | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) {
    const k = key(it);
    if (k !== undefined && k !== '') m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

export function invariantViolations(s: TargetState): string[] {
  const out: string[] = [];
  const { store, policy, now } = s;
  const ledger = store.ledger();
  const live = ledger.filter(isLive);

  // A slot is booked by at most one live booking (unless that flaw is switched on on purpose).
  if (!policy.flaws.includes('non-atomic-booking')) {
    for (const [slot, n] of countBy(live, (b) => b.slotId)) if (n > 1) out.push(`slot ${slot} has ${n} live bookings`);
  }

  // No booking of a slot that was not online when it was made; the booking copies its slot.
  for (const b of ledger) {
    const slot = store.getSlot(b.slotId);
    if (!slot) { out.push(`booking ${b.id} is for slot ${b.slotId}, which does not exist`); continue; }
    if (slot.counter !== b.counter || slot.start !== b.slotStart) out.push(`booking ${b.id} does not match its slot ${slot.id}`);
    if (slot.releasedAt === undefined || slot.state === 'hidden') out.push(`booking ${b.id} is for slot ${slot.id}, which was never released`);
    else if (b.createdAt < slot.releasedAt) out.push(`booking ${b.id} was made at ${b.createdAt}, before its slot's release at ${slot.releasedAt}`);
    if (b.createdAt >= b.slotStart) out.push(`booking ${b.id} was made at or after its slot's start`);
    if (b.status === 'held' && !policy.measures.emailConfirmation) out.push(`booking ${b.id} is held with no e-mail confirmation measure`);
    if (b.status === 'held' && (b.confirmBy ?? Infinity) < now) out.push(`booking ${b.id} is still held after its confirmation deadline`);
    if (b.status === 'used' && slot.state !== 'served') out.push(`booking ${b.id} was used but its slot is ${slot.state}`);
  }

  // Per-identity limits: at most N live bookings per e-mail (compared trimmed, any case), AGDREF, phone.
  const limit = policy.measures.identityLimit;
  const overLimit = (n: number | undefined, what: string, key: (b: Booking) => string | undefined) => {
    if (n === undefined) return;
    for (const [k, c] of countBy(live, key)) if (c > n) out.push(`${c} live bookings for ${what} ${k}, limit ${n}`);
  };
  overLimit(limit?.perEmail, 'e-mail', (b) => emailKey(b.identity.email));
  overLimit(limit?.perAgdref, 'AGDREF', (b) => b.identity.agdref);
  overLimit(limit?.perPhone, 'phone', (b) => b.identity.phone);

  // The duplicate purge: after it ran, the bookings that were there hold distinct e-mail addresses.
  if (limit?.purgeDuplicates) {
    const purgedAt = policy.release.kind === 'continuous' ? Number(store.getMeta('lastTick')) : Number(store.getMeta('lastRelease') ?? NaN);
    const before = live.filter((b) => b.createdAt < purgedAt);
    for (const [k, c] of countBy(before, (b) => emailKey(b.identity.email))) if (c > 1) out.push(`${c} live bookings for e-mail ${k} survived the purge`);
  }

  const slots = storedSlots(s);
  const horizon = durationMs(policy.release.horizon);
  const byId = new Map(ledger.map((b) => [b.id, b]));
  const usedBySlot = countBy(ledger.filter((b) => b.status === 'used'), (b) => b.slotId);
  for (const slot of slots) {
    if (slot.releasedAt !== undefined && slot.releasedAt > now) out.push(`slot ${slot.id} was released in the future`);
    if (slot.releasedAt !== undefined && slot.start > slot.releasedAt + horizon) out.push(`slot ${slot.id} was released beyond the horizon`);
    if (slot.state === 'hidden' && slot.releasedAt !== undefined) out.push(`slot ${slot.id} is hidden but was released`);
    const minutes = s.counters[slot.counter]?.slotMinutes ?? 0;
    if (slot.state === 'released' && slot.start + minutes * 60_000 <= now) out.push(`slot ${slot.id} is over and still open`);
    const used = usedBySlot.get(slot.id) ?? 0;
    if (slot.state === 'served' ? used !== 1 : used !== 0) out.push(`slot ${slot.id} is ${slot.state} with ${used} used booking(s)`);
  }

  // What the target says is bookable is what the store holds: released, ahead, no live booking.
  if (s.countAvailable) {
    const liveSlots = new Set(live.map((b) => b.slotId));
    for (const counter of Object.keys(s.counters)) {
      const expected = slots.filter((x) => x.counter === counter && x.state === 'released' && x.start > now && !liveSlots.has(x.id)).length;
      const said = s.countAvailable(counter);
      if (said !== expected) out.push(`counter ${counter}: ${said} slots said available, ${expected} in the store`);
    }
  }

  if (s.registrationIds) out.push(...drawViolations(s, slots, byId));
  return out;
}

/** Draws: winners hold the booking they were given, nobody loses while a slot of the draw went to no one. */
function drawViolations(s: TargetState, slots: readonly Slot[], bookings: Map<string, Booking>): string[] {
  const out: string[] = [];
  const regs = (s.registrationIds ?? []).map((id) => s.store.getRegistration(id)).filter((r): r is Registration => r !== undefined);
  if (regs.length !== (s.registrationIds ?? []).length) out.push('a registration the target accepted is missing from the store');
  const draws = new Map<string, Registration[]>();
  for (const r of regs) {
    if (r.drawAt <= s.now && !r.outcome) out.push(`registration ${r.id}: its draw at ${r.drawAt} passed and it has no outcome`);
    if (r.drawAt > s.now && r.outcome) out.push(`registration ${r.id} has an outcome before its draw`);
    if (r.outcome === 'won') {
      const b = r.bookingId === undefined ? undefined : bookings.get(r.bookingId);
      if (!b) { out.push(`registration ${r.id} won and holds no booking`); continue; }
      if (b.counter !== r.counter || b.createdAt !== r.drawAt || b.identity.email !== r.identity.email) out.push(`registration ${r.id} won booking ${b.id}, which is not its own`);
    }
    const key = `${r.counter}@${r.drawAt}`;
    draws.set(key, [...(draws.get(key) ?? []), r]);
  }
  const ledger = [...bookings.values()];
  for (const [key, entrants] of draws) {
    const [counter, at] = [key.slice(0, key.lastIndexOf('@')), Number(key.slice(key.lastIndexOf('@') + 1))];
    const released = slots.filter((x) => x.counter === counter && x.releasedAt === at).length;
    const won = entrants.filter((r) => r.outcome === 'won').length;
    // an entrant at its identity limit wins nothing and leaves the slot to the next
    const lost = entrants.filter((r) => r.outcome === 'lost' && !mayHaveBeenAtLimit(s.policy, ledger, r)).length;
    if (won > released) out.push(`draw ${key}: ${won} winners for ${released} slots`);
    if (lost > 0 && won < released) out.push(`draw ${key}: ${lost} lost while ${released - won} of its slots went to nobody`);
  }
  return out;
}

/**
 * Whether the entrant could have been at its per-identity limit when its draw ran: it held as
 * many bookings made by the time of the draw as the limit allows, whatever became of them since (an upper
 * bound, since a booking cancelled before the draw no longer counted then).
 */
function mayHaveBeenAtLimit(policy: Policy, ledger: readonly Booking[], r: Registration): boolean {
  const limit = policy.measures.identityLimit;
  if (!limit) return false;
  const before = ledger.filter((b) => b.createdAt <= r.drawAt); // a win at another counter of the same draw counts
  const reached = (n: number | undefined, same: (b: Booking) => boolean) => n !== undefined && before.filter(same).length >= n;
  const { email, agdref, phone } = r.identity;
  return reached(limit.perEmail, (b) => emailKey(b.identity.email) === emailKey(email))
    || (agdref !== undefined && reached(limit.perAgdref, (b) => b.identity.agdref === agdref))
    || (phone !== undefined && reached(limit.perPhone, (b) => b.identity.phone === phone));
}
