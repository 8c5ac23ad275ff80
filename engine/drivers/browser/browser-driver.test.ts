/**
 * The browser driver against a real target (SQLite file, 127.0.0.1:0, trust-proxy) in real
 * Chromium: the same outcomes as the in-process driver, refusals with the target's codes, a
 * bounded pool under concurrent agents, identities that reach the rate limiter.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../../bots/actions.js';
import { solvePow } from '../../../target/domain/captcha.js';
import { config, person, startTest, TOKEN } from '../../../target/http/test-support/http-fixture.js';
import { browserSuite, sharedChromium } from '../../../test-support/chromium.js';
import type { AgentNet, TargetAction } from '../driver.js';
import { sessionHeader } from '../http/identity.js';
import { BrowserMissingError, createBrowserDriver } from './browser-driver.js';
import { inProcess, net, withTarget } from './test-support/browser-fixture.js';

const CAPTCHA_AND_MAIL = config({ measures: { captcha: { kind: 'challenge' }, emailConfirmation: { within: '30m' } } });

/** Ids, tokens and secrets differ between two targets: what an agent can compare is the rest. */
function comparable(o: Outcome): unknown {
  switch (o.kind) {
    case 'booked': {
      const { bookingId: _b, token: _t, ...rest } = o.convocation;
      return { kind: o.kind, convocation: rest, confirmBy: o.confirmBy };
    }
    case 'challenge': return { kind: o.kind, challenge: { kind: o.challenge.kind } };
    default: return o;
  }
}

/** list → captcha (answered right) → book the first slot → confirm → cancel, on any driver. */
async function flow(
  perform: (n: AgentNet, a: TargetAction) => Promise<Outcome>, answerOf: (challengeId: string) => string | undefined,
): Promise<Outcome[]> {
  const me = net(1);
  const out: Outcome[] = [];
  const listed = await perform(me, { kind: 'list', counter: 'renewal', limit: 3 });
  out.push(listed);
  if (listed.kind !== 'slots' || !listed.slots[0]) return out;
  const c = await perform(me, { kind: 'captcha' });
  out.push(c);
  if (c.kind !== 'challenge') return out;
  const b = await perform(me, { kind: 'book', slotId: listed.slots[0].id, identity: person(1), captcha: { id: c.challenge.id, answer: answerOf(c.challenge.id) ?? '' } });
  out.push(b);
  if (b.kind !== 'booked') return out;
  out.push(await perform(me, { kind: 'confirm', bookingId: b.convocation.bookingId, email: person(1).email }));
  out.push(await perform(me, { kind: 'cancel', bookingId: b.convocation.bookingId, token: b.convocation.token }));
  return out;
}

browserSuite('browser driver')('browser driver against a real target', () => {
  const chromium = sharedChromium();

  it('books, confirms and cancels through the pages with the outcomes the in-process driver gives', async () => {
    const sim = inProcess(CAPTCHA_AND_MAIL);
    const expected = await flow(async (n, a) => sim.perform(n, a), (id) => sim.expectedAnswer(id));
    expect(expected.map((o) => o.kind)).toEqual(['slots', 'challenge', 'booked', 'ok', 'ok']);
    await withTarget(chromium.browser, CAPTCHA_AND_MAIL, 2, async (t, d) => {
      const statuses: number[] = [];
      const got = await flow(async (n, a) => {
        const w = await d.perform(n, a);
        statuses.push(w.status);
        expect(w.failure).toBeUndefined();
        return w.outcome;
      }, (id) => t.store.getChallenge(id)?.answer);
      expect(got.map(comparable)).toEqual(expected.map(comparable));
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      const booked = got[2] as Extract<Outcome, { kind: 'booked' }>;
      expect(t.store.ledger()).toEqual([expect.objectContaining({ id: booked.convocation.bookingId, token: booked.convocation.token, status: 'cancelled' })]);
    });
  });

  it('answers a refusal with the target\'s code, as the in-process driver does', async () => {
    const cfg = config({ measures: { captcha: { kind: 'challenge' } } });
    const sim = inProcess(cfg);
    await withTarget(chromium.browser, cfg, 2, async (t, d) => {
      for (const driver of ['sim', 'browser'] as const) {
        const perform = async (n: AgentNet, a: TargetAction): Promise<Outcome> => driver === 'sim' ? sim.perform(n, a) : (await d.perform(n, a)).outcome;
        const answerOf = (id: string) => (driver === 'sim' ? sim.expectedAnswer(id) : t.store.getChallenge(id)?.answer) ?? '';
        const listed = await perform(net(1), { kind: 'list', counter: 'renewal', limit: 1 });
        const slotId = listed.kind === 'slots' ? listed.slots[0]?.id ?? '' : '';
        const c1 = await perform(net(1), { kind: 'captcha' });
        const id1 = c1.kind === 'challenge' ? c1.challenge.id : '';
        expect(await perform(net(1), { kind: 'book', slotId, identity: person(1), captcha: { id: id1, answer: 'WRONG1' } }), driver)
          .toEqual({ kind: 'rejected', rejected: 'CAPTCHA_INVALID' });
        const c2 = await perform(net(1), { kind: 'captcha' });
        const id2 = c2.kind === 'challenge' ? c2.challenge.id : '';
        expect((await perform(net(1), { kind: 'book', slotId, identity: person(1), captcha: { id: id2, answer: answerOf(id2) } })).kind, driver).toBe('booked');
        expect(await perform(net(1), { kind: 'book', slotId, identity: person(3) }), driver).toEqual({ kind: 'rejected', rejected: 'CAPTCHA_REQUIRED' });
        const c3 = await perform(net(2), { kind: 'captcha' });
        const id3 = c3.kind === 'challenge' ? c3.challenge.id : '';
        expect(await perform(net(2), { kind: 'book', slotId, identity: person(2), captcha: { id: id3, answer: answerOf(id3) } }), driver)
          .toEqual({ kind: 'rejected', rejected: 'SLOT_TAKEN' });
      }
      const refused = await d.perform(net(3), { kind: 'cancel', bookingId: t.store.ledger()[0]?.id ?? '', token: 'not-the-token' });
      expect(refused).toEqual({ outcome: { kind: 'rejected', rejected: 'TOKEN_INVALID' }, status: 403 });
    });
  });

  it('serves 6 concurrent agents through a pool of 2 contexts, never more than 2 at once', async () => {
    await withTarget(chromium.browser, config(), 2, async (t, d) => {
      const listed = await d.perform(net(99), { kind: 'list', counter: 'renewal', limit: 6 });
      const slots = listed.outcome.kind === 'slots' ? listed.outcome.slots : [];
      expect(slots).toHaveLength(6);
      const answers = await Promise.all(slots.map(async (s, i) => {
        const l = await d.perform(net(i), { kind: 'list', counter: 'renewal' });
        const b = await d.perform(net(i), { kind: 'book', slotId: s.id, identity: person(i) });
        return [l.outcome.kind, b.outcome.kind];
      }));
      expect(answers).toEqual(slots.map(() => ['slots', 'booked']));
      expect(d.poolStats()).toEqual({ size: 2, peak: 2, inUse: 0 });
      expect(t.store.ledger().map((b) => b.slotId).sort()).toEqual(slots.map((s) => s.id).sort());
    });
  });

  it('sends each agent\'s IP and session: a per-IP limit refuses a second agent on that IP, not one on another', async () => {
    const cfg = config({ measures: { rateLimit: { perIp: { capacity: 1, refillPerMinute: 1 } } } });
    await withTarget(chromium.browser, cfg, 2, async (_t, d) => {
      const list = { kind: 'list', counter: 'renewal', limit: 1 } as const;
      expect((await d.perform(net(1, '198.51.100.7'), list)).outcome.kind).toBe('slots');
      expect(await d.perform(net(2, '198.51.100.7'), list)).toEqual({ outcome: { kind: 'rejected', rejected: 'RATE_LIMITED' }, status: 429 });
      expect((await d.perform(net(3, '198.51.100.8'), list)).outcome.kind).toBe('slots');
    });
  });

  it('sends an engine session name (with ":") in the form the target takes, as the HTTP drivers do', async () => {
    await withTarget(chromium.browser, config(), 1, async (t, d) => {
      const crewAgent = { ip: '198.51.100.3', session: 's-crew:paris:3' };
      const listed = await d.perform(crewAgent, { kind: 'list', counter: 'renewal', limit: 1 });
      const slotId = listed.outcome.kind === 'slots' ? listed.outcome.slots[0]?.id ?? '' : '';
      const booked = await d.perform(crewAgent, { kind: 'book', slotId, identity: person(7) });
      if (booked.outcome.kind !== 'booked') throw new Error(`not booked: ${JSON.stringify(booked)}`);
      const b = t.store.getBooking(booked.outcome.convocation.bookingId);
      expect([b?.session, b?.ip]).toEqual([sessionHeader('s-crew:paris:3'), '198.51.100.3']);
    });
  });

  it('books past a proof-of-work the page solves, and finds no mail for a booking never made', async () => {
    await withTarget(chromium.browser, config({ measures: { captcha: { kind: 'proof-of-work', difficulty: 8 } } }), 1, async (_t, d) => {
      const listed = await d.perform(net(1), { kind: 'list', counter: 'renewal', limit: 2 });
      const slotId = listed.outcome.kind === 'slots' ? listed.outcome.slots[1]?.id ?? '' : '';
      const c = (await d.perform(net(1), { kind: 'captcha' })).outcome;
      if (c.kind !== 'challenge') throw new Error(JSON.stringify(c));
      expect(c.challenge).toMatchObject({ kind: 'proof-of-work', difficulty: 8 });
      const answer = solvePow(c.challenge.prompt, 8).nonce;
      const b = await d.perform(net(1), { kind: 'book', slotId, identity: person(1), captcha: { id: c.challenge.id, answer } });
      expect(b.outcome).toMatchObject({ kind: 'booked', convocation: { slotId, counter: 'renewal', name: 'Aminata Diallo1' } });
      expect(await d.perform(net(1), { kind: 'confirm', bookingId: 'b-none', email: 'nobody@example.org' }))
        .toEqual({ outcome: { kind: 'rejected', rejected: 'NOT_FOUND' }, status: 200 });
    });
  });

  it('answers UNAVAILABLE with a timeout when the target never answers', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const d = await createBrowserDriver({
      url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, adminToken: TOKEN, browser: chromium.browser, contexts: 1, timeoutMs: 1500,
    });
    try {
      expect(await d.perform(net(1), { kind: 'list', counter: 'renewal' }))
        .toEqual({ outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: 0, failure: 'timeout' });
    } finally {
      await d.close();
      silent.close();
    }
  });

  it('answers UNAVAILABLE with the status when the target fails with a 5xx page', async () => {
    const failing = createHttpServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Indisponible</title><p>Service indisponible</p>');
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const d = await createBrowserDriver({ url: `http://127.0.0.1:${(failing.address() as AddressInfo).port}`, adminToken: TOKEN, browser: chromium.browser, contexts: 1 });
    try {
      expect(await d.perform(net(1), { kind: 'list', counter: 'renewal' })).toEqual({ outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: 503 });
    } finally {
      await d.close();
      failing.close();
    }
  });

  it('answers UNAVAILABLE with a connection failure when the target is gone', async () => {
    const t = await startTest({ sqliteFile: true, trustProxy: true });
    const d = await createBrowserDriver({ url: t.url, adminToken: TOKEN, browser: chromium.browser, contexts: 1, timeoutMs: 5000 });
    await t.stop();
    try {
      expect(await d.perform(net(1), { kind: 'list', counter: 'renewal' }))
        .toEqual({ outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: 0, failure: 'connection' });
      expect(await d.checkIn({ kind: 'checkIn', bookingId: 'b-1', counter: 'renewal', presented: { firstName: 'A', lastName: 'B' } }))
        .toEqual({ outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: 0, failure: 'connection' });
    } finally {
      await d.close();
    }
  });
});

describe('browser driver without a browser', () => {
  it('raises BrowserMissingError naming the install command and GUICHET_CHROMIUM', async () => {
    const missing = createBrowserDriver({ url: 'http://127.0.0.1:9', adminToken: 'x', executablePath: '/nonexistent/chromium' });
    await expect(missing).rejects.toBeInstanceOf(BrowserMissingError);
    await expect(missing).rejects.toThrow(/apt-get install chromium.*GUICHET_CHROMIUM/);
  });
});
