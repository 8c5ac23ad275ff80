/** Lottery, waiting room, batch release and check-in through the pages, against the in-process driver's answers. */
import { expect, it } from 'vitest';
import type { Outcome } from '../../../bots/actions.js';
import { config, MONDAY, person } from '../../../target/http/test-support/http-fixture.js';
import { browserSuite, sharedChromium } from '../../../test-support/chromium.js';
import type { AgentNet, TargetAction } from '../driver.js';
import type { BrowserDriver } from './browser-driver.js';
import { inProcess, net, SUNDAY_20H, withTarget } from './test-support/browser-fixture.js';

browserSuite('browser driver, lottery, waiting room and batch release')('browser driver: lottery, waiting room, batch release, check-in', () => {
  const chromium = sharedChromium();

  it('registers for a lottery, reads the result and checks in at the counter, as the in-process driver does', async () => {
    const cfg = config({ release: { kind: 'lottery', day: 'sun', at: '20:00', registration: '7d', horizon: '2w' } });
    const clock = { t: MONDAY };
    const sim = inProcess(cfg, clock);
    await withTarget(chromium.browser, cfg, 1, async (t, d) => {
      const results: Record<string, unknown[]> = { sim: [], browser: [] };
      for (const driver of ['sim', 'browser'] as const) {
        const perform = async (n: AgentNet, a: TargetAction): Promise<Outcome> => driver === 'sim' ? sim.perform(n, a) : (await d.perform(n, a)).outcome;
        const checkIn = async (a: Parameters<BrowserDriver['checkIn']>[0]): Promise<Outcome> => driver === 'sim' ? sim.checkIn(a) : (await d.checkIn(a)).outcome;
        const r = await perform(net(1), { kind: 'register', counter: 'renewal', identity: person(1) });
        if (r.kind !== 'registered') throw new Error(`${driver}: ${JSON.stringify(r)}`);
        results[driver]?.push({ kind: r.kind, drawAt: r.drawAt }, await perform(net(1), { kind: 'lotteryResult', registrationId: r.registrationId }));
        results[driver]?.push(await perform(net(2), { kind: 'register', counter: 'renewal', identity: person(1) }));
        clock.t = SUNDAY_20H + 60_000;
        t.clockAt.t = clock.t;
        sim.tick();
        const won = await perform(net(1), { kind: 'lotteryResult', registrationId: r.registrationId });
        if (won.kind !== 'lottery' || !won.convocation) throw new Error(`${driver}: ${JSON.stringify(won)}`);
        const { bookingId: _b, token: _t, ...slot } = won.convocation;
        results[driver]?.push({ outcome: won.outcome, slot });
        clock.t = won.convocation.slotStart;
        t.clockAt.t = clock.t;
        const at = { kind: 'checkIn', bookingId: won.convocation.bookingId, counter: 'renewal' } as const;
        results[driver]?.push(await checkIn({ ...at, counter: 'first-request', presented: { firstName: 'Aminata', lastName: 'Diallo1' } }));
        results[driver]?.push(await checkIn({ ...at, presented: { firstName: 'Aminata', lastName: 'Diallo1' } }));
        clock.t = MONDAY;
        t.clockAt.t = MONDAY;
      }
      expect(results['browser']).toEqual(results['sim']);
      expect(results['sim']?.slice(1, 3)).toEqual([{ kind: 'lottery' }, { kind: 'rejected', rejected: 'ALREADY_REGISTERED' }]);
      expect(results['sim']?.at(-1)).toEqual({ kind: 'checkIn', served: true });
    });
  });

  it('joins the waiting room and reads its ticket, as the in-process driver does', async () => {
    const cfg = config({ release: { kind: 'waiting-room', day: 'sun', at: '20:00', preQueue: '30m', admitPerMinute: 1, horizon: '2w' } });
    const clock = { t: SUNDAY_20H - 15 * 60_000 };
    const sim = inProcess(cfg, clock);
    await withTarget(chromium.browser, cfg, 1, async (t, d) => {
      t.clockAt.t = clock.t;
      const seen: Record<string, unknown[]> = { sim: [], browser: [] };
      for (const driver of ['sim', 'browser'] as const) {
        const perform = async (n: AgentNet, a: TargetAction): Promise<Outcome> => driver === 'sim' ? sim.perform(n, a) : (await d.perform(n, a)).outcome;
        const joined = await perform(net(1), { kind: 'joinRoom', counter: 'renewal' });
        if (joined.kind !== 'ticket') throw new Error(`${driver}: ${JSON.stringify(joined)}`);
        const { ticketId, ...rest } = joined;
        const again = await perform(net(1), { kind: 'ticket', ticketId });
        seen[driver]?.push(rest, again.kind === 'ticket' ? again.ticketId === ticketId : again);
        seen[driver]?.push(await perform(net(1), { kind: 'ticket', ticketId: 'no-such-ticket' }));
      }
      expect(seen['browser']).toEqual(seen['sim']);
      expect(seen['sim']).toEqual([{ kind: 'ticket', releaseAt: SUNDAY_20H }, true, { kind: 'rejected', rejected: 'NOT_FOUND' }]);
    });
  });

  it('books under a batch release: the form\'s request waits for its batch, then its page gives the decision, as the in-process driver does', async () => {
    const cfg = config({ release: { kind: 'batch', day: 'sun', at: '20:00', interval: '10m', horizon: '2w' } });
    // both targets start on Monday and release on Sunday 20:00
    const clock = { t: MONDAY };
    const sim = inProcess(cfg, clock);
    await withTarget(chromium.browser, cfg, 1, async (t, d) => {
      const seen: Record<string, unknown[]> = { sim: [], browser: [] };
      for (const driver of ['sim', 'browser'] as const) {
        clock.t = SUNDAY_20H + 60_000;
        t.clockAt.t = clock.t;
        sim.tick();
        const perform = async (n: AgentNet, a: TargetAction): Promise<Outcome> => driver === 'sim' ? sim.perform(n, a) : (await d.perform(n, a)).outcome;
        const listed = await perform(net(1), { kind: 'list', counter: 'renewal', limit: 1 });
        if (listed.kind !== 'slots' || !listed.slots[0]) throw new Error(`${driver}: ${JSON.stringify(listed)}`);
        const slotId = listed.slots[0].id;
        const asked = await perform(net(1), { kind: 'book', slotId, identity: person(1) });
        if (asked.kind !== 'pending') throw new Error(`${driver}: ${JSON.stringify(asked)}`);
        const early = await perform(net(1), { kind: 'bookingResult', requestId: asked.requestId });
        seen[driver]?.push({ decideAt: asked.decideAt }, early.kind === 'pending' ? early.requestId === asked.requestId : early);
        // another session cannot read it
        seen[driver]?.push(await perform(net(2), { kind: 'bookingResult', requestId: asked.requestId }));
        clock.t = asked.decideAt;
        t.clockAt.t = clock.t;
        sim.tick();
        const decided = await perform(net(1), { kind: 'bookingResult', requestId: asked.requestId });
        if (decided.kind !== 'booked') throw new Error(`${driver}: ${JSON.stringify(decided)}`);
        const { bookingId: _b, token: _t, ...slot } = decided.convocation;
        seen[driver]?.push(slot, slot.slotId === slotId);
      }
      expect(seen['browser']).toEqual(seen['sim']);
      expect(seen['sim']?.slice(0, 3)).toEqual([{ decideAt: SUNDAY_20H + 10 * 60_000 }, true, { kind: 'rejected', rejected: 'NOT_FOUND' }]);
      expect(seen['sim']?.at(-1)).toBe(true);
    });
  });
});
