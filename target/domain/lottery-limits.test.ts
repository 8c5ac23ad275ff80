/**
 * Found by the property tests (booking-target.property.test.ts): a lottery draw gives its winner a
 * booking without looking at the per-identity limits, so one e-mail ends up holding more live
 * bookings than identityLimit allows. The draw is the schedule runner's; until it checks the
 * limits this case is expected to fail (it.fails): when the draw is fixed, vitest reports it, and
 * `it.fails` becomes `it` (and the invariant in test-support/invariants.ts counts draw bookings).
 */
import { expect, it } from 'vitest';
import { ctxOf, DAY, makeTarget, person, SUNDAY_20H } from './test-support/fixture.js';

it.fails('known gap: a lottery win counts against identityLimit.perEmail', () => {
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
