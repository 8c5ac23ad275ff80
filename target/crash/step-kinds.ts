/**
 * The scheduled steps a crash test interrupts, each as a policy, a state built before the step
 * (through the target's API), the instant that triggers it, the client traffic that runs while
 * it happens, and what the database must show once a restarted target has finished it.
 *
 * - release: a weekly release that also purges duplicate e-mails, expires unconfirmed holds and
 *   closes past slots, under bookings and cancellations;
 * - lottery: the draw of a lottery with 2,000 registrants for 120 slots;
 * - waiting-room: the shuffle of 1,500 pre-queued visitors at the release (their admission times).
 */
import type Database from 'better-sqlite3';
import type { CounterConfig, TargetConfigInput } from '../domain/policy.js';
import type { RandomSource } from '../domain/ports.js';
import { parseEpoch } from '../http/live-sources.js';
import { inPool, type TargetClient } from './http-client.js';
import type { Ledger } from './ledger.js';

export type StepName = 'release' | 'lottery' | 'waiting-room';

export interface StepKind {
  name: StepName;
  config: TargetConfigInput;
  /** the target's clock at start, Paris ("2019-01-06T19:50") */
  epoch: string;
  /** the clock jump that makes the step due */
  triggerAt: number;
  prepare(client: TargetClient, ledger: Ledger): Promise<void>;
  /** client requests running while the step happens; they record what they were told in the ledger */
  traffic(client: TargetClient, ledger: Ledger, random: RandomSource): (() => Promise<unknown>)[];
  /** what is wrong in the database once the step is done (empty: nothing) */
  check(db: Database.Database, ledger: Ledger): string[];
}

const paris = (iso: string): number => parseEpoch(iso) as number;
/** one counter, 120 slots a week */
const COUNTERS: Record<string, CounterConfig> = { desk: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '09:00-12:00', slotMinutes: 15, desks: 2 } };
const SLOT_MS = 15 * 60_000;
const WEEK_MS = 7 * 86_400_000;
const FIRST_RELEASE = paris('2019-01-06T20:00');
const identity = (email: string) => ({ firstName: 'Awa', lastName: 'Traoré', email });
const pick = <T>(items: readonly T[], random: RandomSource): T | undefined => items[Math.floor(random.next() * items.length)];

async function ok(p: Promise<{ status: number; body: any }>, expected: number, what: string): Promise<any> {
  const r = await p;
  if (r.status !== expected) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A booking, recorded in the ledger only once its 201 came back. */
async function book(client: TargetClient, ledger: Ledger, slotId: string, email: string): Promise<void> {
  const r = await client.call('POST', '/api/bookings', { slotId, identity: identity(email) });
  if (r.status === 201) ledger.booked.set(r.body.booking.id as string, { token: r.body.token as string, email });
}

async function cancel(client: TargetClient, ledger: Ledger, id: string, token: string): Promise<void> {
  const r = await client.call('POST', `/api/bookings/${id}/cancel`, { token });
  if (r.status === 200) ledger.cancelled.add(id);
}

const one = (db: Database.Database, sql: string, ...args: unknown[]): any => db.prepare(sql).get(...args);
const count = (db: Database.Database, sql: string, ...args: unknown[]): number => Number(Object.values(one(db, sql, ...args) as object)[0]);

const releaseKind: StepKind = (() => {
  const secondRelease = FIRST_RELEASE + WEEK_MS;
  return {
    name: 'release',
    config: {
      counters: COUNTERS,
      release: { kind: 'weekly', day: 'sun', at: '20:00', horizon: '2w' },
      measures: { identityLimit: { purgeDuplicates: true }, emailConfirmation: { within: '30m' } },
    },
    epoch: '2019-01-06T19:50',
    triggerAt: secondRelease + 1000,
    async prepare(client, ledger) {
      await ok(client.jumpTo(FIRST_RELEASE + 1000), 200, 'first release');
      const { slots } = await ok(client.call('GET', '/api/counters/desk/slots?limit=200'), 200, 'slots');
      // 120 bookings by 40 addresses: duplicates for the purge; half confirmed, the rest expire
      await inPool((slots as { id: string }[]).slice(0, 120).map((s, i) => () => book(client, ledger, s.id, `person${i % 40}@example.org`)), 8);
      const held = [...ledger.booked.entries()].filter((_, i) => i % 2 === 0);
      await inPool(held.map(([id, { email }]) => async () => {
        const { mail } = await ok(client.call('GET', `/admin/mail?to=${encodeURIComponent(email)}`), 200, 'mail');
        const code = /Code de confirmation : (\S+)/.exec((mail as { bookingId: string; body: string }[]).find((m) => m.bookingId === id)?.body ?? '')?.[1];
        if (code) await ok(client.call('POST', `/api/bookings/${id}/confirm`, { code }), 200, 'confirm');
      }), 8);
    },
    traffic(client, ledger, random) {
      let fresh = 0;
      const tasks: (() => Promise<unknown>)[] = [];
      const before = [...ledger.booked.entries()];
      for (let i = 0; i < 24; i++) {
        if (i % 2 === 0) {
          tasks.push(async () => {
            const { body } = await client.call('GET', '/api/counters/desk/slots?limit=100');
            const slot = pick((body?.slots ?? []) as { id: string }[], random);
            if (slot) await book(client, ledger, slot.id, `walk-in${fresh++}-${Math.floor(random.next() * 1e9)}@example.org`);
          });
        } else {
          const victim = pick(before, random);
          if (victim) tasks.push(() => cancel(client, ledger, victim[0], victim[1].token));
        }
      }
      return tasks;
    },
    check(db) {
      const problems: string[] = [];
      const at = secondRelease;
      if (one(db, "SELECT value FROM meta WHERE key = 'lastRelease'")?.value !== String(at)) problems.push('lastRelease is not the second release');
      const hidden = count(db, "SELECT count(*) FROM slots WHERE state = 'hidden' AND start > ? AND start <= ?", at, at + 2 * WEEK_MS);
      if (hidden > 0) problems.push(`${hidden} slot(s) inside the horizon are still hidden`);
      const dups = count(db, "SELECT count(*) FROM (SELECT email_norm FROM bookings WHERE status IN ('held','confirmed') GROUP BY email_norm HAVING count(*) > 1)");
      if (dups > 0) problems.push(`${dups} e-mail(s) keep two live bookings after the purge`);
      const late = count(db, "SELECT count(*) FROM bookings WHERE status = 'held' AND confirm_by < ?", at);
      if (late > 0) problems.push(`${late} unconfirmed hold(s) past their deadline are not expired`);
      const open = count(db, "SELECT count(*) FROM slots WHERE state = 'released' AND start + ? <= ?", SLOT_MS, at);
      if (open > 0) problems.push(`${open} past slot(s) are not closed`);
      return problems;
    },
  };
})();

const LOTTERY_ENTRANTS = 2000;
const lotteryKind: StepKind = {
  name: 'lottery',
  config: { counters: COUNTERS, release: { kind: 'lottery', day: 'sun', at: '20:00', registration: '7d', horizon: '1w' } },
  epoch: '2019-01-06T19:50',
  triggerAt: FIRST_RELEASE + 1000,
  async prepare(client, ledger) {
    await inPool(Array.from({ length: LOTTERY_ENTRANTS }, (_, i) => async () => {
      const body = await ok(client.call('POST', '/api/counters/desk/registrations', { identity: identity(`entrant${i}@example.org`) }), 201, 'registration');
      ledger.registrations.push(body.registration.id as string);
    }), 16);
  },
  traffic(client, ledger, random) {
    return Array.from({ length: 8 }, () => {
      const id = pick(ledger.registrations, random) as string;
      return () => client.call('GET', `/api/registrations/${id}`);
    });
  },
  check(db, ledger) {
    const problems: string[] = [];
    const at = FIRST_RELEASE;
    const rows = db.prepare('SELECT id, outcome, booking_id FROM registrations WHERE draw_at = ?').all(at) as { id: string; outcome: string | null; booking_id: string | null }[];
    const ids = new Set(rows.map((r) => r.id));
    const missing = ledger.registrations.filter((id) => !ids.has(id)).length;
    if (missing > 0) problems.push(`${missing} registration(s) answered 201 are missing`);
    const undrawn = rows.filter((r) => r.outcome === null).length;
    if (undrawn > 0) problems.push(`${undrawn} registrant(s) have no outcome`);
    const released = count(db, 'SELECT count(*) FROM slots WHERE released_at = ?', at);
    const won = rows.filter((r) => r.outcome === 'won');
    const expected = Math.min(rows.length, released);
    if (released === 0) problems.push('the draw released no slot');
    if (won.length !== expected) problems.push(`draw lost: ${won.length} winner(s) for ${released} released slot(s) and ${rows.length} registrant(s)`);
    const booked = won.filter((r) => one(db, "SELECT status FROM bookings WHERE id = ? AND ip = 'lottery'", r.booking_id)?.status === 'confirmed').length;
    if (booked !== won.length) problems.push(`${won.length - booked} winner(s) without a confirmed booking`);
    return problems;
  },
};

const ROOM_VISITORS = 1500;
const ADMIT_PER_MINUTE = 60;
const waitingRoomKind: StepKind = {
  name: 'waiting-room',
  config: {
    counters: COUNTERS,
    release: { kind: 'waiting-room', day: 'sun', at: '20:00', preQueue: '30m', admitPerMinute: ADMIT_PER_MINUTE, horizon: '1w' },
  },
  epoch: '2019-01-06T19:50',
  triggerAt: FIRST_RELEASE + 1000,
  async prepare(client, ledger) {
    await inPool(Array.from({ length: ROOM_VISITORS }, (_, i) => async () => {
      const body = await ok(client.call('POST', '/api/counters/desk/waiting-room', {}, `visitor-session-${i}`), 201, 'waiting room');
      ledger.tickets.push(body.ticket.id as string);
    }), 16);
  },
  traffic(client, ledger, random) {
    return Array.from({ length: 8 }, () => {
      const id = pick(ledger.tickets, random) as string;
      return () => client.call('GET', `/api/waiting-room/${id}`);
    });
  },
  check(db, ledger) {
    const problems: string[] = [];
    const at = FIRST_RELEASE;
    if (one(db, "SELECT value FROM meta WHERE key = 'lastRelease'")?.value !== String(at)) problems.push('lastRelease is not the release');
    if (count(db, 'SELECT count(*) FROM slots WHERE released_at = ?', at) === 0) problems.push('the release released no slot');
    const rows = db.prepare('SELECT id, position, admit_at FROM tickets WHERE release_at = ?').all(at) as { id: string; position: number | null; admit_at: number | null }[];
    const ids = new Set(rows.map((r) => r.id));
    const missing = ledger.tickets.filter((id) => !ids.has(id)).length;
    if (missing > 0) problems.push(`${missing} ticket(s) answered 201 are missing`);
    const positions = rows.map((r) => r.position).filter((p): p is number => p !== null).sort((a, b) => a - b);
    if (positions.length !== rows.length) problems.push(`${rows.length - positions.length} pre-queued visitor(s) have no place in the queue`);
    if (positions.some((p, i) => p !== i)) problems.push('queue positions are not 0..n-1, each once');
    const wrongAdmit = rows.filter((r) => r.position !== null && r.admit_at !== at + Math.floor(r.position / ADMIT_PER_MINUTE) * 60_000).length;
    if (wrongAdmit > 0) problems.push(`${wrongAdmit} admission time(s) do not follow the queue position`);
    return problems;
  },
};

export const STEP_KINDS: readonly StepKind[] = [releaseKind, lotteryKind, waitingRoomKind];
