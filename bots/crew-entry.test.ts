import { describe, expect, it } from 'vitest';
import { ScalperCrewSchema } from '../scenarios/schema/population.js';
import { createCrewState, crewNotices } from './crew.js';
import { atWork, noteSpent, reviewEntry } from './crew-entry.js';

const DAY = 86_400_000;
const crew = (entry?: { startAgents?: number; reviewDays?: number }) => ScalperCrewSchema.parse({
  crew: 'cafe', strategy: 'hoarder', agents: 3, pollEverySeconds: 1, priceEur: 100,
  business: { costPerBookingEur: 5, expectedOrdersPerWeek: 30, ...(entry ? { entry } : {}) },
});

describe('endogenous entry', () => {
  it('puts one more agent to work after a profitable period, one fewer after a losing one, within the crew', () => {
    const state = createCrewState(crew({ startAgents: 1, reviewDays: 7 }));
    expect([atWork(state, 0), atWork(state, 1)]).toEqual([true, false]);
    reviewEntry(state, 0, true);
    // a sale (100 €) for two bookings (10 €): the margin is positive
    crewNotices(state)({ kind: 'sold', bookingId: 'unknown' });
    noteSpent(state, 5);
    noteSpent(state, 5);
    reviewEntry(state, 6 * DAY, true);
    expect(state.entry?.active).toBe(1);
    reviewEntry(state, 7 * DAY, true);
    expect(state.entry?.active).toBe(2);
    expect(atWork(state, 1)).toBe(true);
    // nothing sold, 20 € spent: one leaves
    noteSpent(state, 20);
    reviewEntry(state, 14 * DAY, true);
    expect(state.entry?.active).toBe(1);
    // a quiet week counts as the slots now on offer say: worth booking, one more; not, one fewer
    reviewEntry(state, 21 * DAY, true);
    expect(state.entry?.active).toBe(2);
    reviewEntry(state, 28 * DAY, false);
    reviewEntry(state, 35 * DAY, false);
    reviewEntry(state, 42 * DAY, false);
    expect(state.entry?.active).toBe(0);
    expect(atWork(state, 0)).toBe(false);
    for (let w = 7; w < 12; w++) reviewEntry(state, w * 7 * DAY, true);
    expect(state.entry?.active).toBe(3);
  });

  it('leaves every agent at work without the setting', () => {
    const state = createCrewState(crew());
    reviewEntry(state, 100 * DAY, false);
    expect([0, 1, 2].map((i) => atWork(state, i))).toEqual([true, true, true]);
  });

  it('refuses more agents at the start than the crew has', () => {
    const r = ScalperCrewSchema.safeParse({ ...crew(), business: { costPerBookingEur: 5, expectedOrdersPerWeek: 30, entry: { startAgents: 4 } } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['business', 'entry', 'startAgents']);
  });
});
