import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../../bots/actions.js';
import { mergePolicy } from '../../../scenarios/schema.js';
import { PolicyOverrideSchema } from '../../../scenarios/schema/policies.js';
import { parisDate } from '../../../target/domain/calendar.js';
import type { Policy } from '../../../target/domain/policy.js';
import type { Booking, BookingStatus, Slot } from '../../../target/domain/types.js';
import { scenario } from '../../test-support/scenarios.js';
import { InProcessDriver } from './in-process-driver.js';

const ALICE = { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.org' };
const BOB = { firstName: 'Bob', lastName: 'Durand', email: 'bob@example.org' };
const NET_A = { ip: '10.0.0.1', session: 's-a' };
const NET_B = { ip: '10.0.0.2', session: 's-b' };

/** A driver on the test scenario's renewal counter (Sunday 20:00 release), its clock at Monday 7 January 2019 and what its store tap saw. */
function setup(policy: Policy = scenario().policy) {
  const s = scenario();
  const clock = { t: parisDate(s.start) };
  const seen = { released: [] as Slot[][], booked: [] as Booking[], status: [] as [string, BookingStatus][] };
  const driver = new InProcessDriver({
    settings: { counters: s.target.counters, policy },
    clock: { now: () => clock.t },
    seed: 7,
    listener: {
      released: (slots) => seen.released.push([...slots]),
      booked: (b) => seen.booked.push(b),
      statusChanged: (b, st) => seen.status.push([b.id, st]),
      slotState: () => {},
    },
  });
  /** moves the clock to the target's next due time and runs what is due */
  const release = () => {
    driver.tick();
    clock.t = driver.nextDueAt();
    driver.tick();
  };
  return { driver, clock, seen, release };
}

function slotsOf(out: Outcome) {
  if (out.kind !== 'slots') throw new Error(`expected slots, got ${JSON.stringify(out)}`);
  return out.slots;
}

describe('InProcessDriver', () => {
  it('lists nothing before the first release, then the released slots, and the oracle counts them without a request', () => {
    const { driver, seen, release } = setup();
    driver.tick();
    expect(slotsOf(driver.perform(NET_A, { kind: 'list', counter: 'renewal' }))).toEqual([]);
    expect(driver.countAvailable('renewal', 0)).toBe(0);
    release();
    expect(seen.released).toHaveLength(1);
    const released = seen.released[0] ?? [];
    expect(released.length).toBeGreaterThan(0);
    expect(driver.countAvailable('renewal', 0)).toBe(released.length);
    const listed = slotsOf(driver.perform(NET_A, { kind: 'list', counter: 'renewal', limit: 5 }));
    expect(listed).toHaveLength(5);
    expect(listed.every((l) => l.counter === 'renewal' && released.some((r) => r.id === l.id && r.start === l.start))).toBe(true);
  });

  it('books a slot once: the second booking is a SLOT_TAKEN outcome, not a throw, and the tap sees one booking', () => {
    const { driver, seen, release } = setup();
    release();
    const [slot] = slotsOf(driver.perform(NET_A, { kind: 'list', counter: 'renewal', limit: 1 }));
    if (!slot) throw new Error('no slot released');
    const first = driver.perform(NET_A, { kind: 'book', slotId: slot.id, identity: ALICE });
    expect(first.kind).toBe('booked');
    if (first.kind !== 'booked') return;
    expect(first.convocation).toMatchObject({ slotId: slot.id, counter: 'renewal', slotStart: slot.start, name: 'Alice Martin' });
    expect(driver.perform(NET_B, { kind: 'book', slotId: slot.id, identity: BOB })).toEqual({ kind: 'rejected', rejected: 'SLOT_TAKEN' });
    expect(seen.booked.map((b) => b.id)).toEqual([first.convocation.bookingId]);
    expect(driver.slotStartOf(first.convocation.bookingId)).toBe(slot.start);
    expect(driver.slotStartOf('no-such-booking')).toBeUndefined();
    expect(driver.countAvailable('renewal', 0)).toBe((seen.released[0]?.length ?? 0) - 1);
  });

  it('a cancelled booking frees its slot: the tap sees the status change', () => {
    const { driver, seen, release } = setup();
    release();
    const [slot] = slotsOf(driver.perform(NET_A, { kind: 'list', counter: 'renewal', limit: 1 }));
    const booked = driver.perform(NET_A, { kind: 'book', slotId: slot?.id ?? '', identity: ALICE });
    if (booked.kind !== 'booked') throw new Error(JSON.stringify(booked));
    const before = driver.countAvailable('renewal', 0);
    const { bookingId, token } = booked.convocation;
    expect(driver.perform(NET_B, { kind: 'cancel', bookingId, token: 'wrong' }).kind).toBe('rejected');
    expect(driver.perform(NET_A, { kind: 'cancel', bookingId, token })).toEqual({ kind: 'ok' });
    expect(seen.status).toEqual([[bookingId, 'cancelled']]);
    expect(driver.countAvailable('renewal', 0)).toBe(before + 1);
  });

  it('under a captcha, refuses a booking without an answer and accepts the answer only the oracle knows', () => {
    const s = scenario();
    const policy = mergePolicy(s.policy, PolicyOverrideSchema.parse({ measures: { captcha: { kind: 'challenge' } } }));
    const { driver, release } = setup(policy);
    release();
    const [slot] = slotsOf(driver.perform(NET_A, { kind: 'list', counter: 'renewal', limit: 1 }));
    const slotId = slot?.id ?? '';
    expect(driver.perform(NET_A, { kind: 'book', slotId, identity: ALICE })).toEqual({ kind: 'rejected', rejected: 'CAPTCHA_REQUIRED' });
    const c = driver.perform(NET_A, { kind: 'captcha' });
    if (c.kind !== 'challenge') throw new Error(JSON.stringify(c));
    const answer = driver.expectedAnswer(c.challenge.id);
    expect(typeof answer).toBe('string');
    expect(driver.expectedAnswer('no-such-challenge')).toBeUndefined();
    const wrong = driver.perform(NET_A, { kind: 'book', slotId, identity: ALICE, captcha: { id: c.challenge.id, answer: `${answer}x` } });
    expect(wrong.kind).toBe('rejected');
    const c2 = driver.perform(NET_A, { kind: 'captcha' });
    if (c2.kind !== 'challenge') throw new Error(JSON.stringify(c2));
    const ok = driver.perform(NET_A, { kind: 'book', slotId, identity: ALICE, captcha: { id: c2.challenge.id, answer: driver.expectedAnswer(c2.challenge.id) ?? '' } });
    expect(ok.kind).toBe('booked');
  });

  it('serves the holder of a convocation at the counter at its time, and refuses an unknown booking', () => {
    const { driver, clock, release } = setup();
    release();
    const [slot] = slotsOf(driver.perform(NET_A, { kind: 'list', counter: 'renewal', limit: 1 }));
    const booked = driver.perform(NET_A, { kind: 'book', slotId: slot?.id ?? '', identity: ALICE });
    if (booked.kind !== 'booked') throw new Error(JSON.stringify(booked));
    clock.t = booked.convocation.slotStart;
    expect(driver.checkIn({ kind: 'checkIn', bookingId: booked.convocation.bookingId, counter: 'renewal', presented: ALICE }))
      .toEqual({ kind: 'checkIn', served: true });
    const unknown = driver.checkIn({ kind: 'checkIn', bookingId: 'no-such-booking', counter: 'renewal', presented: ALICE });
    expect(unknown).toMatchObject({ kind: 'checkIn', served: false });
  });
});
