import { describe, expect, it } from 'vitest';
import type { Convocation } from './actions.js';
import { createCrewState, crewNotices } from './crew.js';
import { emptyQueues, hold } from './holdings.js';
import { crewContext } from './test-support/crew-run.js';

const conv = (id: string): Convocation => ({ bookingId: id, token: `t${id}`, slotId: `s${id}`, counter: 'renewal', slotStart: 1e9, name: 'X Y' });

describe('crewNotices', () => {
  it('counts a sale the market reports at once, once per holding, and ignores bookings the crew does not hold', () => {
    const { ctx } = crewContext();
    const state = createCrewState(ctx.crew);
    const q = emptyQueues();
    hold(state, q, conv('b1'), 0, 'a0');
    hold(state, q, conv('b2'), 1, 'a0');
    const notify = crewNotices(state);
    notify({ kind: 'sold', bookingId: 'b1' });
    expect(state.unsold).toBe(1);
    expect(state.held.get('b1')?.sold).toBe(true);
    expect(state.held.get('b2')?.sold).toBe(false);
    // a double sale of the same convocation, and a booking of someone else
    notify({ kind: 'sold', bookingId: 'b1' });
    notify({ kind: 'sold', bookingId: 'nope' });
    expect(state.unsold).toBe(1);
  });
});
