import { describe, expect, it } from 'vitest';
import { expectedBuyersPerDay } from '../business.js';
import { crewNotices } from '../crew.js';
import { actionsOf, answering, bookingDesk, crewContext, DAY, drive, idleWatch, slots } from '../test-support/crew-run.js';
import { doubleSeller } from './double-seller.js';
import { hoarder } from './hoarder.js';

/** a hoarder that pays 5 € a booking, sells at 150 €, and counts on `perWeek` buyers until it has watched the market for 28 days */
const business = (perWeek: number) => ({ crew: { business: { costPerBookingEur: 5, expectedOrdersPerWeek: perWeek } } });
/** 200 far slots, six hours apart, 40 to 90 days ahead: more than any of these crews can sell */
const far = () => bookingDesk(slots(200, 40 * DAY).map((s, i) => ({ ...s, start: 40 * DAY + i * 6 * 3_600_000 })));

describe('a crew bound by its business', () => {
  it('books only as many slots as it expects to sell before their time, where an unbound hoarder takes them all', () => {
    const bound = crewContext(business(3.5));
    const boundLog = drive(hoarder(bound.ctx), bound.clock, answering(far()), 800, idleWatch);
    const unbound = crewContext({});
    const unboundLog = drive(hoarder(unbound.ctx), unbound.clock, answering(far()), 800, idleWatch);
    const booked = actionsOf(boundLog, 'book').length;
    expect(actionsOf(unboundLog, 'book')).toHaveLength(200);
    // a buyer every other day, for 40 to 90 days: a few dozen slots, not 200
    expect(booked).toBeGreaterThan(20);
    expect(booked).toBeLessThan(100);
    // it stopped because no further slot pays, with identities and stock room to spare
    expect(boundLog.at(-1)?.action).toMatchObject({ kind: 'watch', counter: null });
  });

  it('expects more and books more when it counts on more buyers', () => {
    const run = (perWeek: number) => {
      const { ctx, clock } = crewContext(business(perWeek));
      return actionsOf(drive(hoarder(ctx), clock, answering(far()), 800, idleWatch), 'book').length;
    };
    expect(run(14)).toBeGreaterThan(run(3));
  });

  it('books nothing once it has watched a market with no buyers, and looks at its margin again later', () => {
    const { ctx, clock } = crewContext({ ...business(70), start: 0 });
    // the crew first looked at its business at time 0; then nothing on the market for the whole window
    expectedBuyersPerDay(ctx.state.business!, 0);
    clock.now = 30 * DAY;
    const log = drive(hoarder(ctx), clock, answering(far()), 40, (a) => a.kind === 'book');
    expect(actionsOf(log, 'book')).toEqual([]);
    const watches = log.filter((s) => s.action.kind === 'watch');
    expect(watches.length).toBeGreaterThan(5);
    for (const w of watches) expect(w.action).toMatchObject({ counter: null, until: w.at + 6 * 3_600_000 });
  });

  it('learns demand from the orders the market reports, and only its share of those other crews could serve', () => {
    const { ctx, clock } = crewContext({ ...business(0), start: 0 });
    const notify = crewNotices(ctx.state);
    for (let d = 0; d < 28; d++) notify({ kind: 'demand', counter: 'renewal', maxPriceEur: 200, sellers: 1, at: d * DAY });
    clock.now = 28 * DAY;
    const alone = actionsOf(drive(hoarder(ctx), clock, answering(far()), 800, idleWatch), 'book').length;
    const shared = crewContext({ ...business(0), start: 0 });
    const notifyShared = crewNotices(shared.ctx.state);
    for (let d = 0; d < 28; d++) notifyShared({ kind: 'demand', counter: 'renewal', maxPriceEur: 200, sellers: 4, at: d * DAY });
    shared.clock.now = 28 * DAY;
    const withRivals = actionsOf(drive(hoarder(shared.ctx), shared.clock, answering(far()), 800, idleWatch), 'book').length;
    expect(alone).toBeGreaterThan(20);
    expect(withRivals).toBeGreaterThan(0);
    expect(withRivals).toBeLessThan(alone / 2);
  });

  it('watches only slots far enough ahead to sell: its watch asks for the lead its margin needs', () => {
    const { ctx, clock } = crewContext(business(7));
    const log = drive(hoarder(ctx), clock, answering(far()), 800, idleWatch);
    const leads = actionsOf(log, 'watch').filter((w) => w.counter !== null).map((w) => w.minLeadMs ?? 0);
    expect(leads.length).toBeGreaterThan(1);
    for (let i = 1; i < leads.length; i++) expect(leads[i]).toBeGreaterThanOrEqual(leads[i - 1] as number);
    for (const l of leads) expect(l % DAY).toBe(0);
  });

  it('a double-seller, selling each slot twice, holds more than a hoarder with the same demand', () => {
    const h = crewContext(business(7));
    const d = crewContext({ crew: { ...business(7).crew, strategy: 'double-seller' } });
    const hoarded = actionsOf(drive(hoarder(h.ctx), h.clock, answering(far()), 800, idleWatch), 'book').length;
    const doubled = actionsOf(drive(doubleSeller(d.ctx), d.clock, answering(far()), 800, idleWatch), 'book').length;
    // the same buyers, two per slot: about half the slots; never more than the hoarder
    expect(doubled).toBeLessThan(hoarded);
    expect(doubled).toBeGreaterThan(hoarded / 3);
  });
});
