/**
 * The two ways in that are not "first to click wins": lottery registration (a seeded draw at
 * release, done by the schedule runner) and the waiting room (a shuffled pre-queue, then first
 * come first served, let through at a fixed rate). BookingTarget rate-limits and checks the
 * counter before calling in here.
 */
import { checkIdentity, checkRegistry } from './booking-rules.js';
import { EntryIndex } from './entry-index.js';
import { DomainError } from './errors.js';
import type { IdSource, Registry, Store } from './ports.js';
import { LOTTERY_KEYS } from './policy.js';
import { nextReleaseAt } from './release-schedule.js';
import type { TargetSettings } from './schedule-runner.js';
import { durationMs } from './time-units.js';
import type { Identity, RequestContext } from './types.js';
import type { RegistrationView, TicketView } from './views.js';

export type LotteryResult = RegistrationView & { outcome?: 'won' | 'lost'; bookingId?: string; token?: string };

export interface EntryDeps {
  store: Store;
  ids: IdSource;
  registry: Registry | undefined;
  seed: string;
  settings: () => TargetSettings;
  /** the last release that took place, if any */
  lastRelease: () => number | undefined;
}

export class EntryDesk {
  private readonly index: EntryIndex;
  /** the last answer of nextReleaseAt: valid while from <= now < at (Luxon is slow in a hot loop) */
  private nextRelease: { from: number; at: number | undefined } | undefined;

  constructor(private readonly deps: EntryDeps) {
    this.index = new EntryIndex(deps.store);
  }

  /** After a policy change or a reset. */
  clear(): void {
    this.index.clear();
    this.nextRelease = undefined;
  }

  private nextReleaseAfter(now: number): number | undefined {
    const c = this.nextRelease;
    if (c && c.from <= now && (c.at === undefined || now < c.at)) return c.at;
    const at = nextReleaseAt(this.deps.settings().policy.release, now, this.deps.seed);
    this.nextRelease = { from: now, at };
    return at;
  }

  register(counter: string, identity: Identity, now: number): RegistrationView {
    const { policy } = this.deps.settings();
    const { release } = policy;
    if (release.kind !== 'lottery') throw new DomainError('NOT_OPEN', 'this target does not run a lottery', 'counter');
    const drawAt = this.nextReleaseAfter(now);
    if (drawAt === undefined || drawAt - now > durationMs(release.registration)) {
      throw new DomainError('NOT_OPEN', 'registration for the next draw is not open yet', 'counter');
    }
    checkIdentity(policy, identity);
    checkRegistry(policy, this.deps.registry, counter, identity);
    const oneEntryPer = release.oneEntryPer ?? LOTTERY_KEYS;
    if (!this.index.register(counter, drawAt, identity, oneEntryPer, policy.measures.identityLimit)) throw new DomainError('ALREADY_REGISTERED', 'this person is registered for the next draw already', 'identity');
    const id = this.deps.ids.next('r');
    this.deps.store.insertRegistration({ id, counter, identity, createdAt: now, drawAt });
    return { id, counter, drawAt };
  }

  /** The registrant learns the draw's outcome, and the winner their booking's token. */
  lotteryResult(registrationId: string): LotteryResult {
    const r = this.deps.store.getRegistration(registrationId);
    if (!r) throw new DomainError('NOT_FOUND', `no registration ${registrationId}`, 'registration');
    const view: LotteryResult = { id: r.id, counter: r.counter, drawAt: r.drawAt };
    if (r.outcome) view.outcome = r.outcome;
    const b = r.bookingId === undefined ? undefined : this.deps.store.getBooking(r.bookingId);
    if (b) { view.bookingId = b.id; view.token = b.token; }
    return view;
  }

  joinWaitingRoom(session: string, counter: string, now: number): TicketView {
    const { release } = this.deps.settings().policy;
    if (release.kind !== 'waiting-room') throw new DomainError('NOT_OPEN', 'this target has no waiting room', 'counter');
    const next = this.nextReleaseAfter(now);
    const id = this.deps.ids.next('t');
    if (next !== undefined && next - now <= durationMs(release.preQueue)) {
      this.deps.store.insertTicket({ id, counter, session, createdAt: now, releaseAt: next });
      return { id, counter, releaseAt: next };
    }
    const last = this.deps.lastRelease();
    if (last === undefined) throw new DomainError('NOT_OPEN', 'the waiting room opens before the next release', 'counter');
    // After the release: first come, first served behind the shuffled pre-queue.
    const position = this.index.nextPosition(counter, last);
    const admitAt = Math.max(now, last + Math.floor(position / release.admitPerMinute) * 60_000);
    this.deps.store.insertTicket({ id, counter, session, createdAt: now, releaseAt: last, position, admitAt });
    return { id, counter, releaseAt: last, position, admitAt };
  }

  ticket(id: string): TicketView {
    const t = this.deps.store.getTicket(id);
    if (!t) throw new DomainError('NOT_FOUND', `no ticket ${id}`, 'ticket');
    const v: TicketView = { id: t.id, counter: t.counter, releaseAt: t.releaseAt };
    if (t.position !== undefined) v.position = t.position;
    if (t.admitAt !== undefined) v.admitAt = t.admitAt;
    return v;
  }

  /**
   * Under a waiting room, booking needs this session's ticket for this counter: its turn has come,
   * its window has not run out, and it has bookings left. As in Queue-it and Cloudflare, the
   * admission is bound to the session that queued (a cookie), so a crew has as many places as
   * it runs sessions, and each place is spent by its bookings: one, by default.
   */
  checkAdmitted(ctx: RequestContext, counter: string, ticketId: string | undefined, now: number): void {
    const { release } = this.deps.settings().policy;
    if (release.kind !== 'waiting-room') return;
    const t = ticketId === undefined ? undefined : this.deps.store.getTicket(ticketId);
    if (!t || t.session !== ctx.session || t.counter !== counter) {
      throw new DomainError('NOT_ADMITTED', 'join the waiting room of this counter first', 'ticket');
    }
    if (t.admitAt === undefined || t.admitAt > now) throw new DomainError('NOT_ADMITTED', 'your turn in the waiting room has not come yet', 'ticket');
    // a ticket is good for the release it queued for, not for every release after it
    if (t.releaseAt < (this.deps.lastRelease() ?? t.releaseAt)) throw new DomainError('NOT_ADMITTED', 'this ticket was for an earlier release; join the waiting room again', 'ticket');
    if (now >= t.admitAt + durationMs(release.admissionWindow)) throw new DomainError('NOT_ADMITTED', 'your admission has expired; join the waiting room again', 'ticket');
    if ((t.uses ?? 0) >= release.bookingsPerAdmission) throw new DomainError('NOT_ADMITTED', 'this admission has been used; join the waiting room again', 'ticket');
  }

  /** A booking was written with this ticket: it counts against the admission's bookings. */
  spendAdmission(ticketId: string | undefined): void {
    if (ticketId === undefined || this.deps.settings().policy.release.kind !== 'waiting-room') return;
    const t = this.deps.store.getTicket(ticketId);
    if (t) this.deps.store.updateTicket(t.id, { uses: (t.uses ?? 0) + 1 });
  }
}
