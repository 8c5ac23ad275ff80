/** The pool's bound, its queue, and parked forms: kept for their session, discarded for others. */
import { expect, it } from 'vitest';
import { browserSuite, sharedChromium } from '../../../test-support/chromium.js';
import { ContextPool } from './context-pool.js';

const A = { ip: '203.0.113.1', session: 'session-aaaa' };
const B = { ip: '203.0.113.2', session: 'session-bbbb' };
const FORM = { slotId: 'renewal@2019-01-07T09:00#1', captchaId: 'c-1' };

browserSuite('context pool')('ContextPool', () => {
  const chromium = sharedChromium();

  it('queues borrowers beyond its size, first come first served', async () => {
    const pool = new ContextPool(chromium.browser, 1, 5000);
    try {
      const first = await pool.borrow(A);
      const order: string[] = [];
      const second = pool.borrow(B).then((t) => { order.push('B'); return t; });
      const third = pool.borrow(A).then((t) => { order.push('A'); return t; });
      await new Promise((r) => setTimeout(r, 50));
      expect(order).toEqual([]);
      pool.release(first);
      pool.release(await second);
      pool.release(await third);
      expect(order).toEqual(['B', 'A']);
      expect({ peak: pool.peak, inUse: pool.inUse }).toEqual({ peak: 1, inUse: 0 });
    } finally {
      await pool.close();
    }
  });

  it('fails the agents still waiting when it closes, rather than leaving them hanging', async () => {
    const pool = new ContextPool(chromium.browser, 1, 5000);
    await pool.borrow(A);
    // the expectation is attached before the pool rejects the waiting agent, so the rejection is never unhandled
    const waiting = expect(pool.borrow(B)).rejects.toMatchObject({ failure: 'connection' });
    await pool.close();
    await waiting;
    await expect(pool.borrow(A)).rejects.toMatchObject({ failure: 'connection' });
  });

  it('gives a parked tab back to its session, and to another only when nothing else is free', async () => {
    const pool = new ContextPool(chromium.browser, 2, 5000);
    try {
      const tab = await pool.borrow(A);
      pool.release(tab, { session: A.session, form: FORM });
      const other = await pool.borrow(B);
      expect(other).not.toBe(tab);
      pool.release(other);
      const again = await pool.borrow(A, true);
      expect(again).toBe(tab);
      expect(again.parked?.form).toEqual(FORM);
      pool.release(again, { session: A.session, form: FORM });
      // both free, one parked: B takes the idle one, then the parked one, discarding the form
      const b1 = await pool.borrow(B);
      const b2 = await pool.borrow(B);
      expect([b1 === tab, b2 === tab]).toEqual([false, true]);
      expect(b2.parked).toBeUndefined();
      pool.release(b1);
      pool.release(b2);
      const gone = await pool.borrow(A, true);
      expect(gone.parked).toBeUndefined();
      pool.release(gone);
      expect(pool.peak).toBe(2);
    } finally {
      await pool.close();
    }
  });
});
