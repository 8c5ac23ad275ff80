/**
 * Found by the property tests (booking-target.property.test.ts): a lottery draw gave its winner a
 * booking without looking at the per-identity limits, so one e-mail ended up holding more live
 * bookings than identityLimit allows. An entrant at the limit now wins nothing, and the slot goes
 * to the next entrant.
 */
import { expect, it } from 'vitest';
import { ctxOf, DAY, makeTarget, person, SUNDAY_20H } from './test-support/fixture.js';

it('a lottery win counts against identityLimit.perEmail', () => {
  const { target, store, advance } = makeTarget({
    release: { kind: 'lottery', day: 'sun', at: '20:00', horizon: '2w' }, measures: { identityLimit: { perEmail: 1 } },
  });
  advance(SUNDAY_20H); // first draw, nobody registered: its slots stay bookable first come, first served
  const [slot] = target.availableSlots(ctxOf(1), 'renewal', 1);
  target.book(ctxOf(1), { slotId: slot!.id, identity: person(1) });
  target.register(ctxOf(1), 'renewal', person(1));
  advance(SUNDAY_20H + 7 * DAY); // second draw: person 1, the only entrant, wins
  const live = store.ledger().filter((b) => b.identity.email === person(1).email && (b.status === 'confirmed' || b.status === 'held'));
  expect(live).toHaveLength(1);
});

it('the slot an entrant at the limit cannot take goes to the next entrant', () => {
  const { target, store, advance } = makeTarget({
    release: { kind: 'lottery', day: 'sun', at: '20:00', horizon: '2w' }, measures: { identityLimit: { perEmail: 1 } },
  });
  advance(SUNDAY_20H);
  const [slot] = target.availableSlots(ctxOf(1), 'renewal', 1);
  target.book(ctxOf(1), { slotId: slot!.id, identity: person(1) });
  target.register(ctxOf(1), 'renewal', person(1));
  target.register(ctxOf(2), 'renewal', person(2));
  advance(SUNDAY_20H + 7 * DAY);
  const drawn = store.ledger().filter((b) => b.createdAt === SUNDAY_20H + 7 * DAY);
  expect(drawn.map((b) => b.identity.email)).toContain(person(2).email);
  expect(drawn.map((b) => b.identity.email)).not.toContain(person(1).email);
});
