import { describe, expect, it } from 'vitest';
import type { Action, MarketMessage, Outcome } from '../actions.js';
import { actionsOf, answering, bookingDesk, buyer, crewContext, DAY, drive, slots } from '../test-support/crew-run.js';
import { broker } from './broker.js';

const crew = { strategy: 'broker' as const, pollEverySeconds: 2, priceEur: 300 };
const order = (orderId: string, notAfter: number): MarketMessage => ({ kind: 'order', orderId, counter: 'renewal', client: buyer, notAfter });

/** answers the first watch with `inbox`, then as a quiet target would */
function withInbox(desk: ReturnType<typeof bookingDesk>, ...inboxes: MarketMessage[][]) {
  return answering(desk, (a): Outcome | undefined => {
    if (a.kind === 'watch' && inboxes.length > 0) return { kind: 'inbox', messages: inboxes.shift() as MarketMessage[] };
    return undefined;
  });
}

describe('broker', () => {
  it('holds no stock: without an order it waits for its inbox and books nothing', () => {
    const { ctx, clock } = crewContext({ crew });
    const log = drive(broker(ctx), clock, answering(bookingDesk(slots(5, 20 * DAY))), 10);
    expect(actionsOf(log, 'watch').every((w) => w.counter === null && w.inbox === true)).toBe(true);
    expect(actionsOf(log, 'book')).toEqual([]);
  });

  it("books to order in the client's name and AGDREF number, a date that suits them, and delivers it", () => {
    const { ctx, clock } = crewContext({ crew });
    const desk = bookingDesk(slots(10, 20 * DAY));
    // the client can come until day 22: only the first three slots suit them
    const log = drive(broker(ctx), clock, withInbox(desk, [order('o1', 22 * DAY)]), 30, (a) => a.kind === 'deliver');
    const watches = actionsOf(log, 'watch');
    expect(watches[1]).toMatchObject({ counter: 'renewal', minLeadMs: 12 * 3_600_000 });
    const [book] = actionsOf(log, 'book');
    expect(book?.identity).toMatchObject({ firstName: 'Amina', lastName: 'Diallo', agdref: '0123456789', email: 'client-o1@rdv-cafe.fr' });
    expect(Number(book?.slotId.split('#')[1])).toBeLessThanOrEqual(2);
    expect(log.at(-1)?.action).toMatchObject({ kind: 'deliver', orderId: 'o1', convocation: { bookingId: 'b1', name: 'Amina Diallo' } });
    expect(actionsOf(log, 'offer')).toEqual([]);
  });

  it('books a slot anyway when none suits the date, and serves orders first come, first served', () => {
    const { ctx, clock } = crewContext({ crew });
    const desk = bookingDesk(slots(3, 30 * DAY));
    const second = { ...buyer, firstName: 'Karim', agdref: '0987654321' };
    const log = drive(broker(ctx), clock, withInbox(desk, [order('o1', 10 * DAY), { kind: 'order', orderId: 'o2', counter: 'renewal', client: second, notAfter: 10 * DAY }]), 40);
    const delivered = actionsOf(log, 'deliver');
    expect(delivered.map((d) => d.orderId)).toEqual(['o1', 'o2']);
    expect(actionsOf(log, 'book').map((b) => b.identity.firstName)).toEqual(['Amina', 'Karim']);
    // nothing more to do: back to waiting for orders
    expect(actionsOf(log, 'watch').at(-1)?.counter).toBeNull();
    expect(actionsOf(log, 'book')).toHaveLength(2);
  });

  it('drops an order the client called off before it was served', () => {
    const { ctx, clock } = crewContext({ crew });
    const desk = bookingDesk([]);
    const log = drive(broker(ctx), clock, withInbox(desk, [order('o1', 40 * DAY)], [{ kind: 'cancelled', orderId: 'o1' }]), 8);
    const watches = actionsOf(log, 'watch');
    expect(watches[1]?.counter).toBe('renewal');
    expect(watches.slice(2).every((w) => w.counter === null)).toBe(true);
  });

  it('refunds a client the target refuses to book (say, a name the registry does not know)', () => {
    const { ctx, clock } = crewContext({ crew });
    const desk = bookingDesk(slots(3, 20 * DAY));
    const answer = withInbox(desk, [order('o1', 40 * DAY)]);
    const log = drive(broker(ctx), clock, (a, now) => (a.kind === 'book' ? { kind: 'rejected', rejected: 'REGISTRY_MISMATCH' } : answer(a, now)), 20, (a) => a.kind === 'deliver');
    expect(log.at(-1)?.action).toEqual({ kind: 'deliver', orderId: 'o1', convocation: null });
  });

  it('cancels the booking it made when the market refuses the delivery (the client found a slot meanwhile)', () => {
    const { ctx, clock } = crewContext({ crew });
    const desk = bookingDesk(slots(3, 20 * DAY));
    const answer = withInbox(desk, [order('o1', 40 * DAY)]);
    const log = drive(broker(ctx), clock, (a: Action, now) => (a.kind === 'deliver' ? { kind: 'rejected', rejected: 'BOOKING_NOT_ACTIVE' } : answer(a, now)), 20, (a) => a.kind === 'cancel');
    expect(log.at(-1)?.action).toEqual({ kind: 'cancel', bookingId: 'b1', token: 't1' });
  });
});
