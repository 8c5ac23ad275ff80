/**
 * The rateLimit measure over HTTP, where a client chooses what it sends: no session at all, a
 * forged X-Forwarded-For, or guesses of booking ids, tokens and confirmation codes on the routes
 * that answer 404 or 403 cheaply. The clock stands still, so an empty bucket stays empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, firstSlot, person, session, startTest, type TestTarget } from './test-support/http-fixture.js';

let t: TestTarget;
beforeAll(async () => {
  t = await startTest();
});
afterAll(() => t.stop());

const BURST = 3;
const bucket = { capacity: BURST, refillPerMinute: 1 };

async function limitTo(rateLimit: Record<string, typeof bucket>): Promise<void> {
  expect((await t.admin('PUT', '/admin/policy', config({ measures: { rateLimit, emailConfirmation: { within: '30m' } } }))).status).toBe(200);
}

/** Statuses of `n` calls of the same request. */
async function statuses(n: number, send: () => ReturnType<TestTarget['call']>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await send()).status);
  return out;
}

describe('session-less clients', () => {
  it('share one per-session bucket per IP: a fresh session per request does not escape the limit', async () => {
    await limitTo({ perSession: bucket });
    const got = await statuses(BURST + 2, () => t.call('GET', '/api/counters/renewal/slots?limit=1'));
    expect(got).toEqual([200, 200, 200, 429, 429]);
    // a client that keeps its session has a bucket of its own
    expect((await t.call('GET', '/api/counters/renewal/slots?limit=1', { headers: session(1) })).status).toBe(200);
    // and so has a browser that keeps the cookie it was given
    await limitTo({ perSession: bucket });
    const first = await t.call('GET', '/');
    const cookie = String(first.headers['set-cookie']).split(';')[0] as string;
    expect(await statuses(BURST + 1, () => t.call('GET', '/guichets/renewal', { headers: { cookie } }))).toEqual([200, 200, 200, 429]);
  });

  it('cannot pick an IP bucket with X-Forwarded-For unless the target trusts a proxy', async () => {
    await limitTo({ perIp: bucket });
    let n = 0;
    const got = await statuses(BURST + 1, () => t.call('GET', '/api/counters/renewal/slots?limit=1', { headers: { ...session(2 + n), 'x-forwarded-for': `10.0.0.${++n}` } }));
    expect(got).toEqual([200, 200, 200, 429]);
  });
});

describe('guessing routes', () => {
  it('spend a token on the convocation and the confirmation, so guesses stop at the limit', async () => {
    for (const [label, send] of [
      ['GET convocation', () => t.call('GET', '/api/bookings/b-guess/convocation', { headers: { ...session(10), 'x-booking-token': 'guess' } })],
      ['POST confirm', () => t.call('POST', '/api/bookings/b-guess/confirm', { headers: session(10), json: { code: 'guess' } })],
      ['GET convocation page', () => t.call('GET', '/convocation/b-guess?token=guess', { headers: session(10) })],
      ['POST confirm page', () => t.call('POST', '/convocation/b-guess/confirmer', { headers: { ...session(10), 'content-type': 'application/x-www-form-urlencoded' }, raw: 'token=guess&code=x' })],
      ['POST cancel page', () => t.call('POST', '/convocation/b-guess/annuler', { headers: { ...session(10), 'content-type': 'application/x-www-form-urlencoded' }, raw: 'token=guess' })],
    ] as const) {
      await limitTo({ perSession: bucket });
      const got = await statuses(BURST + 1, send);
      expect([label, got.at(-1)]).toEqual([label, 429]);
      expect([label, got.slice(0, BURST).every((s) => s === 404)]).toEqual([label, true]);
    }
  });

  it('booking tokens and e-mail confirmation codes carry at least 128 bits', async () => {
    await limitTo({});
    const booked = await t.call('POST', '/api/bookings', { headers: session(20), json: { slotId: await firstSlot(t), identity: person(20) } });
    expect(booked.status).toBe(201);
    const mail = (await t.admin('GET', `/admin/mail?to=${encodeURIComponent(person(20).email)}`)).body.mail as { body: string }[];
    const code = /(\S+)\s*$/.exec(mail[0]?.body ?? '')?.[1] ?? '';
    // base64url: 6 bits a character
    for (const secret of [booked.body.token as string, code]) {
      expect(secret).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(secret.length * 6).toBeGreaterThanOrEqual(128);
    }
    const confirmed = await t.call('POST', `/api/bookings/${booked.body.booking.id}/confirm`, { headers: session(20), json: { code } });
    expect([confirmed.status, confirmed.body.booking.status]).toEqual([200, 'confirmed']);
  });
});
