import { describe, expect, it } from 'vitest';
import { actionsOf, answering, bookingDesk, crewContext, DAY, drive, idleWatch, slots } from '../test-support/crew-run.js';
import { crewPollTiming } from '../crew.js';
import { hoarder } from './hoarder.js';

describe('hoarder', () => {
  it('keeps booking up to maxHeld under rotating fake identities, offers each slot once, then stops watching the list', () => {
    const { ctx, clock } = crewContext({ crew: { maxHeld: 3 } });
    const desk = bookingDesk(slots(10, 20 * DAY));
    const log = drive(hoarder(ctx), clock, answering(desk), 40, idleWatch);
    const books = actionsOf(log, 'book');
    expect(books).toHaveLength(3);
    expect(desk.live()).toEqual(['b1', 'b2', 'b3']);
    const emails = books.map((b) => b.identity.email);
    expect(new Set(emails).size).toBe(3);
    for (const e of emails) expect(e).toMatch(/@rdv-cafe\.fr$/);
    expect(actionsOf(log, 'offer').map((o) => [o.convocation.bookingId, o.copies, o.mode, o.priceEur])).toEqual([
      ['b1', 1, 'handover', 150], ['b2', 1, 'handover', 150], ['b3', 1, 'handover', 150],
    ]);
    // stock full: it waits for its inbox and its next cancellation, not for slots
    const watches = actionsOf(log, 'watch');
    expect(watches[0]?.counter).toBe('renewal');
    expect(watches.at(-1)?.counter).toBeNull();
    expect(ctx.state.unsold).toBe(3);
  });

  it('declares in every watch the poll timing the engine counts on its IP (crewPollTiming)', () => {
    const { ctx, clock } = crewContext({ crew: { maxHeld: 2, pollEverySeconds: 45, jitterSeconds: 12 } });
    const log = drive(hoarder(ctx), clock, answering(bookingDesk(slots(5, 20 * DAY))), 30);
    const watches = actionsOf(log, 'watch');
    expect(watches.length).toBeGreaterThan(2);
    expect(crewPollTiming(ctx.crew)).toEqual({ everyMs: 45_000, jitterMs: 12_000 });
    for (const w of watches) expect([w.everyMs, w.jitterMs]).toEqual([45_000, 12_000]);
  });

  it('switches to cancel-and-rebook sales when the counter checks names', () => {
    const { ctx, clock } = crewContext({ crew: { maxHeld: 2 }, rules: { exactNameAtCheckIn: true } });
    const log = drive(hoarder(ctx), clock, answering(bookingDesk(slots(5, 20 * DAY))), 10);
    const offers = actionsOf(log, 'offer');
    expect(offers).toHaveLength(2);
    expect(offers.every((o) => o.mode === 'transfer' && o.copies === 1)).toBe(true);
  });

  it('cancels an unsold slot resaleLeadDays before it starts (withdrawing the offer first), then watches the list again', () => {
    const { ctx, clock } = crewContext({ crew: { maxHeld: 1 } });
    const start = 20 * DAY;
    const desk = bookingDesk(slots(1, start));
    const log = drive(hoarder(ctx), clock, answering(desk), 12);
    const i = log.findIndex((s) => s.action.kind === 'withdraw');
    expect(i).toBeGreaterThan(0);
    // default market: resaleLeadDays 2
    expect(log[i]?.at).toBe(start - 2 * DAY);
    expect(log[i]?.action).toEqual({ kind: 'withdraw', bookingId: 'b1' });
    expect(log[i + 1]?.action).toEqual({ kind: 'cancel', bookingId: 'b1', token: 't1' });
    expect(desk.live()).toEqual([]);
    expect(ctx.state.unsold).toBe(0);
    // the stock is free again: it watches the list again (for slots far enough ahead to sell)
    const next = log.slice(i + 2).find((s) => s.action.kind === 'watch')?.action;
    expect(next).toMatchObject({ kind: 'watch', counter: 'renewal', minLeadMs: 4 * DAY });
  });

  it('with duplicate purge, books once per fake identity and stops when every address is used', () => {
    const { ctx, clock } = crewContext({ crew: { identities: 2 }, rules: { purgeDuplicates: true } });
    const log = drive(hoarder(ctx), clock, answering(bookingDesk(slots(10, 20 * DAY))), 40, idleWatch);
    const books = actionsOf(log, 'book');
    expect(books.map((b) => b.identity.email)).toHaveLength(2);
    expect(new Set(books.map((b) => b.identity.email)).size).toBe(2);
    expect(actionsOf(log, 'watch').at(-1)?.counter).toBeNull();
  });
});
