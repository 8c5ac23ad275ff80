import { describe, expect, it } from 'vitest';
import { batchCloseAfter } from './batch-desk.js';
import { DomainError, type ErrorCode } from './errors.js';
import { ctxOf, makeTarget, person, SUNDAY_20H, WEEKLY } from './test-support/fixture.js';
import { seededRandom } from './test-support/seeded-random.js';

const MINUTE = 60_000;
const batch = (interval: string, measures = {}) => ({ release: { kind: 'batch', day: 'sun', at: '20:00', interval, horizon: '2w' }, measures } as const);

function code(fn: () => unknown): ErrorCode | 'none' {
  try { fn(); return 'none'; } catch (e) { if (e instanceof DomainError) return e.code; throw e; }
}

describe('batch release', () => {
  it('batches start at the release and last the interval', () => {
    expect(batchCloseAfter(1000, 60, 1000)).toBe(1060);
    expect(batchCloseAfter(1000, 60, 1059)).toBe(1060);
    expect(batchCloseAfter(1000, 60, 1060)).toBe(1120);
    expect(batchCloseAfter(1000, 60, 1000 + 90)).toBe(1120);
  });

  it('collects requests until the batch closes, then gives one slot per request, never one slot twice', () => {
    const { target, advance } = makeTarget(batch('10m'));
    advance(SUNDAY_20H);
    const [slot] = target.availableSlots(ctxOf(1), 'renewal', 1);
    const asked = [1, 2, 3, 4].map((n) => target.requestBooking(ctxOf(n), { slotId: slot!.id, identity: person(n) }));
    expect(asked.map((q) => [q.status, q.closesAt])).toEqual(asked.map(() => ['pending', SUNDAY_20H + 10 * MINUTE]));
    // still pending, and the slot still listed, until the close; the target is due then
    expect(target.nextDueAt()).toBe(SUNDAY_20H + 10 * MINUTE);
    advance(SUNDAY_20H + 10 * MINUTE - 1);
    expect(target.bookingRequest(ctxOf(1), asked[0]!.id).status).toBe('pending');
    expect(target.availableSlots(ctxOf(1), 'renewal', 1)[0]!.id).toBe(slot!.id);
    advance(SUNDAY_20H + 10 * MINUTE);
    const decided = asked.map((q, i) => target.bookingRequest(ctxOf(i + 1), q.id));
    expect(decided.every((d) => d.status === 'booked')).toBe(true);
    const slots = decided.map((d) => d.receipt!.booking.slotId);
    expect(new Set(slots).size).toBe(4);
    expect(slots).toContain(slot!.id);
    // the others got the next free slots of the counter, not earlier ones
    const starts = decided.map((d) => d.receipt!.booking.slotStart);
    expect(Math.min(...starts)).toBe(slot!.start);
  });

  it('arriving first in a batch is worth nothing: over seeds, the first request wins about 1 time in n', () => {
    const n = 4;
    let firstWins = 0;
    const seeds = 200;
    for (let seed = 1; seed <= seeds; seed++) {
      const { target, advance } = makeTarget(batch('1m'), { random: seededRandom(seed) });
      advance(SUNDAY_20H);
      const [slot] = target.availableSlots(ctxOf(1), 'renewal', 1);
      const ids = Array.from({ length: n }, (_, i) => {
        advance(SUNDAY_20H + i * 1000); // the first is a second ahead of the second, and so on
        return target.requestBooking(ctxOf(i + 1), { slotId: slot!.id, identity: person(i + 1) }).id;
      });
      advance(SUNDAY_20H + MINUTE);
      if (target.bookingRequest(ctxOf(1), ids[0]!).receipt?.booking.slotId === slot!.id) firstWins++;
    }
    // first come, first served would give 200 of 200; a fair draw about 50 (binomial sd ≈ 6)
    expect(firstWins).toBeGreaterThan(seeds / n - 25);
    expect(firstWins).toBeLessThan(seeds / n + 25);
  });

  it('one request per session and batch; the next batch takes a new one', () => {
    const { target, advance } = makeTarget(batch('1m'));
    advance(SUNDAY_20H);
    const [a, b] = target.availableSlots(ctxOf(1), 'renewal', 2);
    target.requestBooking(ctxOf(1), { slotId: a!.id, identity: person(1) });
    expect(code(() => target.requestBooking(ctxOf(1), { slotId: b!.id, identity: person(1) }))).toBe('REQUEST_PENDING');
    advance(SUNDAY_20H + MINUTE);
    expect(target.requestBooking(ctxOf(1), { slotId: b!.id, identity: person(1) }).closesAt).toBe(SUNDAY_20H + 2 * MINUTE);
  });

  it('limits are checked at the close, against what the batch gave before', () => {
    const { target, advance } = makeTarget(batch('1m', { identityLimit: { perEmail: 1 } }));
    advance(SUNDAY_20H);
    const [a, b] = target.availableSlots(ctxOf(1), 'renewal', 2);
    const q1 = target.requestBooking(ctxOf(1), { slotId: a!.id, identity: person(1) });
    const q2 = target.requestBooking(ctxOf(2), { slotId: b!.id, identity: person(1, { lastName: 'Autre' }) });
    advance(SUNDAY_20H + MINUTE);
    const outcomes = [target.bookingRequest(ctxOf(1), q1.id), target.bookingRequest(ctxOf(2), q2.id)].map((d) => d.refused?.code ?? d.status);
    expect(outcomes.sort()).toEqual(['LIMIT_REACHED', 'booked']);
  });

  it('refuses first-come booking under a batch, batching under first come, and decisions to other sessions', () => {
    const batched = makeTarget(batch('1m'));
    batched.advance(SUNDAY_20H);
    const [slot] = batched.target.availableSlots(ctxOf(1), 'renewal', 1);
    expect(code(() => batched.target.book(ctxOf(1), { slotId: slot!.id, identity: person(1) }))).toBe('NOT_OPEN');
    const q = batched.target.requestBooking(ctxOf(1), { slotId: slot!.id, identity: person(1) });
    expect(code(() => batched.target.bookingRequest(ctxOf(2), q.id))).toBe('NOT_FOUND');
    const weekly = makeTarget(WEEKLY);
    weekly.advance(SUNDAY_20H);
    expect(code(() => weekly.target.requestBooking(ctxOf(1), { slotId: slot!.id, identity: person(1) }))).toBe('NOT_OPEN');
  });

  it('a request whose counter has no free slot left from that date on is refused SLOT_TAKEN', () => {
    const { target, store, advance } = makeTarget(batch('1m'));
    advance(SUNDAY_20H);
    const all = target.availableSlots(ctxOf(1), 'renewal', 1000);
    const last = all.at(-1)!;
    // every slot starting with the last one's start is held but the last one; two requests ask for it
    for (const s of all.filter((x) => x.start >= last.start && x.id !== last.id)) {
      store.insertBooking({ id: `x${s.id}`, slotId: s.id, counter: s.counter, slotStart: s.start, identity: person(99), token: 't', status: 'confirmed', createdAt: SUNDAY_20H, ip: 'x', session: 'x' });
    }
    const q1 = target.requestBooking(ctxOf(1), { slotId: last.id, identity: person(1) });
    const q2 = target.requestBooking(ctxOf(2), { slotId: last.id, identity: person(2) });
    advance(SUNDAY_20H + MINUTE);
    const outcomes = [target.bookingRequest(ctxOf(1), q1.id), target.bookingRequest(ctxOf(2), q2.id)].map((d) => d.refused?.code ?? d.status);
    expect(outcomes.sort()).toEqual(['SLOT_TAKEN', 'booked']);
  });
});
