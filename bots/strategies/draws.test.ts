import { describe, expect, it } from 'vitest';
import type { Action, Outcome } from '../actions.js';
import type { BotMemory } from '../bot-steps.js';
import { emptyQueues } from '../holdings.js';
import { crewContext, DAY, HOUR, type CrewSetup } from '../test-support/crew-run.js';
import { collectDraw, enterDraw, nextDrawStep } from './draws.js';

const DRAW = 10 * DAY;
const lottery = (setup: CrewSetup = {}) => crewContext({
  crew: { agents: 2, identities: 6 }, rules: { release: 'lottery', lotteryRegistrationMs: 2 * DAY },
  announcedRelease: (after) => (after < DRAW ? DRAW : undefined), start: DAY, ...setup,
});

/** Runs a sub-step (it returns) against scripted outcomes; the actions it yielded. */
function runStep(gen: Generator<Action, void, Outcome>, answer: (a: Action) => Outcome): Action[] {
  const out: Action[] = [];
  let r = gen.next({ kind: 'ok' });
  while (!r.done) {
    out.push(r.value);
    r = gen.next(answer(r.value));
  }
  return out;
}

const registering = (a: Action): Outcome => (a.kind === 'register' ? { kind: 'registered', registrationId: `r-${a.identity.email}`, drawAt: DRAW } : { kind: 'ok' });

describe('lottery draws', () => {
  it('has nothing to do unless the release is a lottery', () => {
    const { ctx } = crewContext({ rules: { release: 'weekly' }, announcedRelease: () => DRAW });
    expect(nextDrawStep(ctx, { holdings: emptyQueues() })).toBeUndefined();
  });

  it('registers a minute after registration opens, then collects a minute after the draw', () => {
    const { ctx, clock } = lottery();
    const mem: BotMemory = { holdings: emptyQueues() };
    expect(nextDrawStep(ctx, mem)).toBe(DRAW - 2 * DAY + 60_000);
    clock.now = DRAW - DAY;
    runStep(enterDraw(ctx, mem), registering);
    expect(nextDrawStep(ctx, mem)).toBe(DRAW + 60_000);
  });

  it("registers this agent's share of the crew's identities, each once, for the next draw", () => {
    const a0 = lottery({ agentIndex: 0 });
    const a1 = lottery({ agentIndex: 1 });
    const emails = (setup: ReturnType<typeof lottery>) => {
      const mem: BotMemory = { holdings: emptyQueues() };
      return runStep(enterDraw(setup.ctx, mem), registering).flatMap((a) => (a.kind === 'register' ? [a.identity.email] : []));
    };
    const first = emails(a0);
    const second = emails(a1);
    // 6 identities, 2 agents: 3 each, no address twice
    expect(first).toHaveLength(3);
    expect(second).toHaveLength(3);
    expect(new Set([...first, ...second]).size).toBe(6);
  });

  it('stops registering, for the whole crew, where the registry refuses its fake identities', () => {
    const { ctx } = lottery();
    const mem: BotMemory = { holdings: emptyQueues() };
    const actions = runStep(enterDraw(ctx, mem), (a) => (a.kind === 'register' ? { kind: 'rejected', rejected: 'REGISTRY_MISMATCH' } : { kind: 'ok' }));
    expect(actions).toHaveLength(1);
    expect(ctx.state.blockedCounters.has('renewal')).toBe(true);
    // a crew agent that comes next registers nothing
    expect(runStep(enterDraw(ctx, { holdings: emptyQueues() }), registering)).toEqual([]);
  });

  it('puts every slot it won on the market, and forgets the registrations it collected', () => {
    const { ctx, clock } = lottery();
    const mem: BotMemory = { holdings: emptyQueues() };
    runStep(enterDraw(ctx, mem), registering);
    clock.now = DRAW + HOUR;
    let n = 0;
    const actions = runStep(collectDraw(ctx, mem, 200, 2, 'handover'), (a) => {
      if (a.kind !== 'lotteryResult') return { kind: 'ok' };
      n++;
      if (n === 2) return { kind: 'lottery', outcome: 'lost' };
      const convocation = { bookingId: `won${n}`, token: `t${n}`, slotId: `renewal#${n}`, counter: 'renewal', slotStart: DRAW + 7 * DAY, name: 'x' };
      return { kind: 'lottery', outcome: 'won', convocation };
    });
    expect(actions.filter((a) => a.kind === 'lotteryResult')).toHaveLength(3);
    const offers = actions.filter((a): a is Extract<Action, { kind: 'offer' }> => a.kind === 'offer');
    expect(offers.map((o) => [o.convocation.bookingId, o.priceEur, o.copies, o.mode])).toEqual([['won1', 200, 2, 'handover'], ['won3', 200, 2, 'handover']]);
    expect([...ctx.state.held.keys()]).toEqual(['won1', 'won3']);
    expect(ctx.state.unsold).toBe(2);
    expect(mem.entries?.ids).toEqual([]);
    // collected once: a second look finds nothing to ask
    expect(runStep(collectDraw(ctx, mem, 200, 2, 'handover'), () => ({ kind: 'ok' }))).toEqual([]);
  });
});
