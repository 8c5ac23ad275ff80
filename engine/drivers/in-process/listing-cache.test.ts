import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Convocation, Outcome } from '../../../bots/actions.js';
import { parisDate } from '../../../target/domain/calendar.js';
import type { Slot } from '../../../target/domain/types.js';
import { cmpSlot } from '../../../target/storage/sorted.js';
import { scenario } from '../../test-support/scenarios.js';
import { InProcessDriver } from './in-process-driver.js';

const HOUR = 3_600_000;

type Op =
  | { kind: 'wait'; ms: number }
  | { kind: 'list'; leadMs: number; limit: number }
  | { kind: 'book'; pick: number }
  | { kind: 'cancel'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 12 * HOUR }) }),
  fc.record({ kind: fc.constant('list' as const), leadMs: fc.constantFrom(0, 24 * HOUR), limit: fc.constantFrom(2, 50) }),
  fc.record({ kind: fc.constant('book' as const), pick: fc.nat(60) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(60) }),
);

/** A driver on the test scenario past its first release, and the slots the release put online. */
function released() {
  const s = scenario();
  const clock = { t: parisDate(s.start) };
  const online: Slot[] = [];
  const driver = new InProcessDriver({
    settings: { counters: s.target.counters, policy: s.policy },
    clock: { now: () => clock.t },
    seed: 11,
    listener: { released: (slots) => online.push(...slots), booked: () => {}, statusChanged: () => {}, slotState: () => {} },
  });
  driver.tick();
  clock.t = driver.nextDueAt();
  driver.tick();
  return { driver, clock, online };
}

function slotsOf(out: Outcome) {
  if (out.kind !== 'slots') throw new Error(`expected slots, got ${JSON.stringify(out)}`);
  return out.slots;
}

describe('the sim driver’s listings', () => {
  it('are what the slots released, not booked and starting after now + lead say, whatever was listed before', () => {
    fc.assert(fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
      const { driver, clock, online } = released();
      expect(online.length).toBeGreaterThan(0);
      const taken = new Map<string, Convocation>();
      let shown: readonly { id: string }[] = [];
      let n = 0;
      // every request from its own address: the rate limiter is not what is tested here
      const net = () => ({ ip: `10.1.${(n >> 8) & 255}.${n & 255}`, session: `s-${n++}` });
      for (const o of ops) {
        if (o.kind === 'wait') clock.t += o.ms;
        else if (o.kind === 'list') {
          shown = slotsOf(driver.perform(net(), { kind: 'list', counter: 'renewal', minLeadMs: o.leadMs, limit: o.limit }));
          const expected = online
            .filter((s) => !taken.has(s.id) && s.start > clock.t + o.leadMs)
            .sort(cmpSlot).slice(0, o.limit).map((s) => s.id);
          expect(shown.map((s) => s.id)).toEqual(expected);
          expect(Object.isFrozen(shown)).toBe(true);
        } else if (o.kind === 'book' && shown.length > 0) {
          const slot = shown[o.pick % shown.length] as { id: string };
          const k = n;
          const r = driver.perform(net(), { kind: 'book', slotId: slot.id, identity: { firstName: 'P', lastName: `N${k}`, email: `p${k}@example.org` } });
          if (r.kind === 'booked') taken.set(slot.id, r.convocation);
        } else if (o.kind === 'cancel' && taken.size > 0) {
          const [slotId, c] = [...taken][o.pick % taken.size] as [string, Convocation];
          expect(driver.perform(net(), { kind: 'cancel', bookingId: c.bookingId, token: c.token })).toEqual({ kind: 'ok' });
          taken.delete(slotId);
        }
      }
    }), { numRuns: 150 });
  });
});
