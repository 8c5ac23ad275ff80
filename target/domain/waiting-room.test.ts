/** The waiting room's admissions: bound to a session, spent by bookings, expiring, first come first served after the shuffle. */
import { describe, expect, it } from 'vitest';
import { DomainError, type ErrorCode } from './errors.js';
import type { PolicyInput } from './policy.js';
import { ctxOf, makeTarget, person, SUNDAY_20H } from './test-support/fixture.js';

const MINUTE = 60_000;

function code(fn: () => unknown): ErrorCode | 'none' {
  try { fn(); return 'none'; } catch (e) { if (e instanceof DomainError) return e.code; throw e; }
}

function room(extra: Record<string, unknown> = {}): PolicyInput {
  return { release: { kind: 'waiting-room', day: 'sun', at: '20:00', preQueue: '30m', admitPerMinute: 100, horizon: '1w', ...extra } } as PolicyInput;
}

/** A target whose room opened at the Sunday release, with visitor 1 admitted at once (queued after it). */
function admittedOne(extra: Record<string, unknown> = {}) {
  const t = makeTarget(room(extra));
  t.advance(SUNDAY_20H + MINUTE);
  const ticket = t.target.joinWaitingRoom(ctxOf(1), 'renewal');
  const slots = t.target.availableSlots(ctxOf(1), 'renewal', 10);
  return { ...t, ticket, slots };
}

describe('waiting-room admissions', () => {
  it('allow one booking by default: the second booking with the same ticket is refused', () => {
    const { target, ticket, slots } = admittedOne();
    expect(ticket.admitAt).toBe(SUNDAY_20H + MINUTE);
    expect(code(() => target.book(ctxOf(1), { slotId: slots[0]!.id, identity: person(1), ticket: ticket.id }))).toBe('none');
    expect(code(() => target.book(ctxOf(1), { slotId: slots[1]!.id, identity: person(2), ticket: ticket.id }))).toBe('NOT_ADMITTED');
    // queueing again gives a new admission, good for one more
    const again = target.joinWaitingRoom(ctxOf(1), 'renewal');
    expect(code(() => target.book(ctxOf(1), { slotId: slots[1]!.id, identity: person(2), ticket: again.id }))).toBe('none');
  });

  it('allow bookingsPerAdmission bookings; a lost race spends nothing', () => {
    const { target, ticket, slots } = admittedOne({ bookingsPerAdmission: 2 });
    const other = target.joinWaitingRoom(ctxOf(2), 'renewal');
    target.book(ctxOf(2), { slotId: slots[0]!.id, identity: person(9), ticket: other.id });
    // slot 0 is taken by visitor 2: visitor 1 loses the race, and keeps both bookings
    expect(code(() => target.book(ctxOf(1), { slotId: slots[0]!.id, identity: person(1), ticket: ticket.id }))).toBe('SLOT_TAKEN');
    expect(code(() => target.book(ctxOf(1), { slotId: slots[1]!.id, identity: person(1), ticket: ticket.id }))).toBe('none');
    expect(code(() => target.book(ctxOf(1), { slotId: slots[2]!.id, identity: person(3), ticket: ticket.id }))).toBe('none');
    expect(code(() => target.book(ctxOf(1), { slotId: slots[3]!.id, identity: person(4), ticket: ticket.id }))).toBe('NOT_ADMITTED');
  });

  it('expire admissionWindow after the visitor is let in', () => {
    const { target, ticket, slots, advance } = admittedOne({ admissionWindow: '10m' });
    advance(ticket.admitAt! + 10 * MINUTE - 1);
    expect(code(() => target.book(ctxOf(1), { slotId: slots[0]!.id, identity: person(1), ticket: ticket.id }))).toBe('none');
    const late = target.joinWaitingRoom(ctxOf(2), 'renewal');
    advance(late.admitAt! + 10 * MINUTE);
    expect(code(() => target.book(ctxOf(2), { slotId: slots[1]!.id, identity: person(2), ticket: late.id }))).toBe('NOT_ADMITTED');
  });

  it('are bound to the session that queued: another session cannot book with the ticket', () => {
    const { target, ticket, slots } = admittedOne();
    expect(code(() => target.book(ctxOf(7), { slotId: slots[0]!.id, identity: person(7), ticket: ticket.id }))).toBe('NOT_ADMITTED');
    expect(code(() => target.book(ctxOf(1), { slotId: slots[0]!.id, identity: person(1), ticket: ticket.id }))).toBe('none');
  });

  it('give a chance that depends on when one joined: the pre-queue is shuffled, latecomers come after it', () => {
    // 112 renewal slots a week; 150 visitors pre-queued (joining over the 30 minutes), 50 after the release
    const { target, advance } = makeTarget(room({ admitPerMinute: 20, admissionWindow: '30m' }));
    const early = Array.from({ length: 150 }, (_, i) => {
      advance(SUNDAY_20H - 30 * MINUTE + i * 10_000);
      return { n: i, ticket: target.joinWaitingRoom(ctxOf(i), 'renewal') };
    });
    advance(SUNDAY_20H + 1000);
    const late = Array.from({ length: 50 }, (_, i) => ({ n: 150 + i, ticket: target.joinWaitingRoom(ctxOf(150 + i), 'renewal') }));
    const everyone = [...early.map((e) => ({ ...e, ticket: target.ticket(e.ticket.id) })), ...late];
    // each books the first free slot as soon as let in
    everyone.sort((a, b) => a.ticket.admitAt! - b.ticket.admitAt! || a.ticket.position! - b.ticket.position!);
    const won = new Set<number>();
    for (const v of everyone) {
      advance(Math.max(v.ticket.admitAt!, SUNDAY_20H + 1000));
      const [slot] = target.availableSlots(ctxOf(v.n), 'renewal', 1);
      if (!slot) break;
      target.book(ctxOf(v.n), { slotId: slot.id, identity: person(v.n), ticket: v.ticket.id });
      won.add(v.n);
    }
    expect(won.size).toBe(112);
    // latecomers queue behind the whole pre-queue, which takes every slot
    expect(late.every((v) => !won.has(v.n))).toBe(true);
    expect(Math.min(...late.map((v) => v.ticket.admitAt!))).toBeGreaterThanOrEqual(Math.max(...early.map((e) => target.ticket(e.ticket.id).admitAt!)));
    // inside the pre-queue, coming first is worth nothing: both halves win about 3 in 4
    const firstHalf = early.slice(0, 75).filter((e) => won.has(e.n)).length;
    const secondHalf = early.slice(75).filter((e) => won.has(e.n)).length;
    expect(firstHalf).toBeGreaterThan(40);
    expect(secondHalf).toBeGreaterThan(40);
  });
});
