/**
 * Everything the target does on its own as time passes: extend the calendar, release slots,
 * draw lotteries, shuffle waiting rooms, purge duplicates, expire unconfirmed holds and close
 * past slots. Progress is kept in the store's meta so that a restarted target neither
 * re-releases nor forgets.
 *
 * A tick is one store transaction: the slots it releases, the draw or the shuffle that goes with
 * them, the purge, the expiries and the progress marks (releasedUpTo, lastRelease, lastTick) are
 * committed together or not at all. A target killed in the middle of a tick restarts as if the
 * tick had not begun and runs it again; a step half done and marked done cannot happen (before,
 * a release committed ahead of its draw came back as a draw of no slots: everyone lost).
 */
import { identityLimitReached } from './booking-rules.js';
import { generateSlots } from './calendar.js';
import type { CounterConfig, Policy } from './policy.js';
import type { IdSource, RandomSource, Store } from './ports.js';
import { releaseInstants } from './release-schedule.js';
import { durationMs } from './time-units.js';
import type { Booking } from './types.js';

export interface TargetSettings { counters: Record<string, CounterConfig>; policy: Policy }

export interface TickReport {
  released: number;
  drawn: number;
  purged: number;
  expired: number;
  closed: number;
  /** batch release: booking requests decided (booked or refused) at the batches that closed */
  decided?: number;
}

const WEEK = 604_800_000;
/** continuous release looks this often for slots entering the horizon */
export const CONTINUOUS_STEP = 15 * 60_000;

export class ScheduleRunner {
  constructor(
    private readonly store: Store,
    private readonly ids: IdSource,
    private readonly random: RandomSource,
    private readonly seed: string,
    private readonly settings: () => TargetSettings,
    startAt: number,
  ) {
    if (this.meta('lastTick') === undefined) this.restart(startAt);
  }

  /** Starts the schedule afresh from `at` (new target, or after an admin reset). */
  restart(at: number): void {
    this.store.transaction(() => {
      this.setMeta('lastTick', at);
      this.setMeta('releasedUpTo', at);
      this.setMeta('generatedUntil', at);
    });
  }

  private meta(key: string): number | undefined {
    const v = this.store.getMeta(key);
    return v === undefined ? undefined : Number(v);
  }
  private setMeta(key: string, v: number): void { this.store.setMeta(key, String(v)); }
  get lastTick(): number { return this.meta('lastTick') ?? 0; }
  get lastRelease(): number | undefined { return this.meta('lastRelease'); }

  private horizon(): number { return durationMs(this.settings().policy.release.horizon); }

  /**
   * memo of nextDueAt: the release instants in (from, to] for this policy. The first of them
   * after any later lastTick is the answer as long as one is left; under a random policy ticks
   * come at every one of dozens of releases a week, and each recomputation costs calendar work.
   */
  private due: { from: number; to: number; release: unknown; instants: number[] } | undefined;

  nextDueAt(): number {
    const { release } = this.settings().policy;
    const last = this.lastTick;
    if (release.kind === 'continuous') return last + CONTINUOUS_STEP;
    const d = this.due;
    if (d && d.release === release && d.from <= last && last < d.to) {
      // instants are sorted: the first after `last` is the first in (last, last + 2 weeks]
      for (const t of d.instants) if (t > last) return t;
    }
    const instants = releaseInstants(release, last, last + 2 * WEEK, this.seed);
    this.due = { from: last, to: last + 2 * WEEK, release, instants };
    return instants[0] ?? last + WEEK;
  }

  tick(now: number): TickReport {
    return this.store.transaction(() => this.tickInside(now));
  }

  private tickInside(now: number): TickReport {
    const report: TickReport = { released: 0, drawn: 0, purged: 0, expired: 0, closed: 0 };
    const last = this.lastTick;
    if (now < last) return report;
    const { policy } = this.settings();
    this.ensureGenerated(now + this.horizon() + WEEK);
    if (policy.release.kind === 'continuous') {
      report.purged += this.purgeIfOn();
      report.released += this.releaseUpTo(now + this.horizon(), now);
    } else {
      for (const at of releaseInstants(policy.release, last, now, this.seed)) this.releaseAt(at, report);
    }
    report.expired = this.expireHolds(now);
    report.closed = this.closePastSlots(now);
    this.setMeta('lastTick', now);
    return report;
  }

  /** Admin "release now": everything inside the horizon goes online at once. */
  releaseNow(now: number): string[] {
    return this.store.transaction(() => {
      this.ensureGenerated(now + this.horizon() + WEEK);
      return this.releaseIds(now + this.horizon(), now);
    });
  }

  private releaseAt(at: number, report: TickReport): void {
    const { policy } = this.settings();
    report.purged += this.purgeIfOn();
    const ids = this.releaseIds(at + this.horizon(), at);
    report.released += ids.length;
    this.setMeta('lastRelease', at);
    if (policy.release.kind === 'lottery') report.drawn += this.draw(at, ids);
    if (policy.release.kind === 'waiting-room') this.shuffleRoom(at, policy.release.admitPerMinute);
  }

  private releaseUpTo(upTo: number, at: number): number { return this.releaseIds(upTo, at).length; }

  private releaseIds(upTo: number, at: number): string[] {
    // slots already past at release time stay hidden: nobody could have booked them
    const from = Math.max(this.meta('releasedUpTo') ?? at, at);
    if (upTo <= from) return [];
    const ids = this.store.transaction(() => this.store.releaseSlots(Object.keys(this.settings().counters), from, upTo, at));
    this.setMeta('releasedUpTo', upTo);
    return ids;
  }

  private ensureGenerated(until: number): void {
    const from = this.meta('generatedUntil') ?? until;
    if (until <= from) return;
    const { counters, policy } = this.settings();
    const slots = generateSlots(counters, policy.measures.capacity, from, until);
    this.store.transaction(() => this.store.insertSlots(slots));
    this.setMeta('generatedUntil', until);
  }

  private purgeIfOn(): number {
    const limit = this.settings().policy.measures.identityLimit;
    if (!limit?.purgeDuplicates) return 0;
    const dups = this.store.duplicateEmailBookings(limit);
    this.store.transaction(() => { for (const b of dups) this.store.setBookingStatus(b.id, 'purged'); });
    return dups.length;
  }

  private expireHolds(now: number): number {
    const held = this.store.expiredHolds(now);
    for (const b of held) this.store.setBookingStatus(b.id, 'expired');
    return held.length;
  }

  private closePastSlots(now: number): number {
    const { counters } = this.settings();
    let closed = 0;
    for (const s of this.store.releasedSlotsStartingBy(now)) {
      const minutes = counters[s.counter]?.slotMinutes ?? 0;
      if (s.start + minutes * 60_000 > now) continue;
      this.store.setSlotState(s.id, 'wasted');
      closed++;
    }
    return closed;
  }

  /** Fisher–Yates with the target's random source: seeded in simulation, crypto in a live target. */
  private shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.random.next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }

  /** Lottery: each registrant of this draw gets at most one of the slots just released, by a seeded draw. */
  private draw(at: number, releasedIds: string[]): number {
    let won = 0;
    for (const counter of Object.keys(this.settings().counters)) {
      const free = releasedIds.map((id) => this.store.getSlot(id)).filter((s) => s !== undefined && s.counter === counter);
      const entrants = this.shuffle(this.store.registrations(counter, at).filter((r) => !r.outcome));
      this.store.transaction(() => {
        for (const r of entrants) {
          // an entrant already at the policy's per-identity limit wins nothing: the slot goes to the next
          const slot = free.length > 0 && !identityLimitReached(this.store, this.settings().policy, r.identity) ? free.shift() : undefined;
          if (!slot) { this.store.updateRegistration(r.id, { outcome: 'lost' }); continue; }
          const booking: Booking = {
            id: this.ids.next('b'), slotId: slot.id, counter, slotStart: slot.start, identity: r.identity,
            token: this.ids.secret(), status: 'confirmed', createdAt: at, ip: 'lottery', session: r.id,
          };
          if (this.store.insertBooking(booking) !== 'ok') { this.store.updateRegistration(r.id, { outcome: 'lost' }); continue; }
          this.store.updateRegistration(r.id, { outcome: 'won', bookingId: booking.id });
          this.store.insertMail({
            to: r.identity.email, at, bookingId: booking.id, subject: 'Votre rendez-vous (tirage au sort)',
            body: `Rendez-vous ${booking.id} — code ${booking.token}`,
          });
          won++;
        }
      });
    }
    return won;
  }

  /** Waiting room: pre-queued visitors get a random order at release, then are let in at a fixed rate. */
  private shuffleRoom(at: number, perMinute: number): void {
    for (const counter of Object.keys(this.settings().counters)) {
      const queued = this.shuffle(this.store.tickets(counter, at).filter((t) => t.position === undefined));
      this.store.transaction(() => {
        queued.forEach((t, position) => this.store.updateTicket(t.id, { position, admitAt: at + Math.floor(position / perMinute) * 60_000 }));
      });
    }
  }
}
