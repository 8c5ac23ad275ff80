import { describe, expect, it } from 'vitest';
import { actionsOf, answering, bookingDesk, crewContext, DAY, drive, idleWatch, slots } from '../test-support/crew-run.js';
import { doubleSeller } from './double-seller.js';

describe('double-seller', () => {
  it('offers each convocation it books to two buyers by default', () => {
    const { ctx, clock } = crewContext({ crew: { strategy: 'double-seller', maxHeld: 3 } });
    const log = drive(doubleSeller(ctx), clock, answering(bookingDesk(slots(6, 20 * DAY))), 40, idleWatch);
    const offers = actionsOf(log, 'offer');
    expect(offers.map((o) => o.convocation.bookingId)).toEqual(['b1', 'b2', 'b3']);
    expect(offers.every((o) => o.copies === 2 && o.mode === 'handover')).toBe(true);
  });

  it('offers it to sellsPerSlot buyers, and keeps handing the same paper over even where names are checked', () => {
    const { ctx, clock } = crewContext({ crew: { strategy: 'double-seller', maxHeld: 2, sellsPerSlot: 4 }, rules: { exactNameAtCheckIn: true } });
    const log = drive(doubleSeller(ctx), clock, answering(bookingDesk(slots(6, 20 * DAY))), 40, idleWatch);
    const offers = actionsOf(log, 'offer');
    expect(offers).toHaveLength(2);
    expect(offers.every((o) => o.copies === 4 && o.mode === 'handover')).toBe(true);
  });

  it('holds no limit of its own: without maxHeld it books every slot it can sell in time', () => {
    const { ctx, clock } = crewContext({ crew: { strategy: 'double-seller' } });
    const desk = bookingDesk([...slots(8, 20 * DAY), ...slots(2, DAY).map((s, i) => ({ ...s, id: `renewal#soon${i}` }))]);
    const log = drive(doubleSeller(ctx), clock, answering(desk), 60, idleWatch);
    // the 8 far slots; not the 2 that start before it could sell and still cancel in time
    expect(actionsOf(log, 'book').map((b) => b.slotId).sort()).toEqual(slots(8, 20 * DAY).map((s) => s.id).sort());
  });
});
