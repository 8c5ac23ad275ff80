import { describe, expect, it } from 'vitest';
import type { Action, Outcome } from '../actions.js';
import { actionsOf, answering, bookingDesk, buyer, crewContext, DAY, drive, idleWatch, slots } from '../test-support/crew-run.js';
import { sniper } from './sniper.js';

const crew = { strategy: 'sniper' as const, agents: 2, pollEverySeconds: 1, counter: 'first-request' };

/** Once the crew holds b1, a buyer pays for it (once): the transfer arrives in the watch's inbox. */
function buyerOnceHeld(desk: ReturnType<typeof bookingDesk>) {
  let sold = false;
  return {
    get sold() { return sold; },
    answer(a: Action): Outcome | undefined {
      if (a.kind !== 'watch' || !desk.live().includes('b1') || sold) return undefined;
      sold = true;
      const convocation = { bookingId: 'b1', token: 't1', slotId: 'first-request#0', counter: 'first-request', slotStart: 20 * DAY, name: 'x' };
      return { kind: 'inbox', messages: [{ kind: 'transfer', orderId: 'o1', convocation, buyer }] };
    },
  };
}

describe('sniper', () => {
  it('watches and books only its own counter, among the first 10 slots listed, up to 5 slots per agent by default', () => {
    const { ctx, clock } = crewContext({ crew, counter: 'first-request' });
    const list = slots(40, 20 * DAY, 'first-request');
    const desk = bookingDesk(list);
    const log = drive(sniper(ctx), clock, answering(desk), 80, idleWatch);
    for (const a of [...actionsOf(log, 'watch'), ...actionsOf(log, 'list')]) {
      if (a.counter !== null) expect(a.counter).toBe('first-request');
    }
    const books = actionsOf(log, 'book');
    // defaultMaxHeld: 5 per agent, for the crew
    expect(books).toHaveLength(10);
    for (const b of books) expect(b.slotId).toMatch(/^first-request#/);
    // each pick is among the first 10 slots still open (spread 10): none of the later ones
    const picked = books.map((b) => Number(b.slotId.split('#')[1]));
    expect(Math.max(...picked)).toBeLessThan(10 + books.length);
    expect(actionsOf(log, 'offer').every((o) => o.mode === 'transfer' && o.copies === 1)).toBe(true);
  });

  it('polls at the crew speed, with its jitter', () => {
    const { ctx, clock } = crewContext({ crew: { ...crew, pollEverySeconds: 0.5, jitterSeconds: 0.2 }, counter: 'first-request' });
    const log = drive(sniper(ctx), clock, answering(bookingDesk([])), 3);
    expect(actionsOf(log, 'watch')[0]).toMatchObject({ everyMs: 500, jitterMs: 200, inbox: true });
  });

  it('sells by cancel-and-rebook in the buyer\'s name, then delivers the new convocation', () => {
    const { ctx, clock } = crewContext({ crew: { ...crew, maxHeld: 1 }, counter: 'first-request' });
    const desk = bookingDesk(slots(1, 20 * DAY, 'first-request'));
    const purchase = buyerOnceHeld(desk);
    const log = drive(sniper(ctx), clock, answering(desk, (a) => purchase.answer(a)), 40, (a) => a.kind === 'deliver');
    const tail = log.slice(log.findIndex((s) => s.action.kind === 'cancel')).map((s) => s.action);
    expect(tail.map((a) => a.kind)).toEqual(['cancel', 'sleep', 'book', 'deliver']);
    expect(tail[0]).toEqual({ kind: 'cancel', bookingId: 'b1', token: 't1' });
    const rebook = tail[2] as Extract<Action, { kind: 'book' }>;
    expect(rebook.slotId).toBe('first-request#0');
    // the buyer's name and AGDREF number, the crew's mailbox (it confirms for them)
    expect(rebook.identity).toMatchObject({ firstName: 'Amina', lastName: 'Diallo', agdref: '0123456789' });
    expect(rebook.identity.email).toMatch(/@rdv-cafe\.fr$/);
    expect(tail[3]).toMatchObject({ kind: 'deliver', orderId: 'o1', convocation: { bookingId: 'b2', slotId: 'first-request#0', name: 'Amina Diallo' } });
    // the slot is no longer the crew's
    expect(ctx.state.held.has('b1')).toBe(false);
  });

  it('tells the market it could not deliver when another bot took the slot during the rebooking', () => {
    const { ctx, clock } = crewContext({ crew: { ...crew, maxHeld: 1 }, counter: 'first-request' });
    const desk = bookingDesk(slots(1, 20 * DAY, 'first-request'));
    const purchase = buyerOnceHeld(desk);
    const log = drive(sniper(ctx), clock, answering(desk, (a): Outcome | undefined => {
      // another bot takes the slot between the cancel and the rebooking
      if (a.kind === 'book' && purchase.sold) return { kind: 'rejected', rejected: 'SLOT_TAKEN' };
      return purchase.answer(a);
    }), 40, (a) => a.kind === 'deliver');
    expect(log.at(-1)?.action).toEqual({ kind: 'deliver', orderId: 'o1', convocation: null });
  });
});
