/**
 * What another site can make a visitor's browser do, and what caches and referrers may keep:
 * a cross-site form POST is refused (Origin, else Sec-Fetch-Site), and every answer that carries
 * a booking token says `Cache-Control: no-store` and `Referrer-Policy: no-referrer`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstSlot, person, session, startTest, type Res, type TestTarget } from './test-support/http-fixture.js';

let t: TestTarget;
beforeAll(async () => {
  t = await startTest();
});
afterAll(() => t.stop());

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function bookByForm(n: number, headers: Record<string, string> = {}): Promise<Res> {
  const slotId = await firstSlot(t);
  const p = person(n);
  return t.call('POST', '/reserver', { raw: form({ slotId, firstName: p.firstName, lastName: p.lastName, email: p.email }), headers: { ...FORM, ...headers } });
}

const ledgerSize = async () => ((await t.admin('GET', '/admin/ledger')).body.bookings as unknown[]).length;

function expectPrivate(r: Res): void {
  expect(r.headers['cache-control']).toBe('no-store');
  expect(r.headers['referrer-policy']).toBe('no-referrer');
}

describe('cross-site form posts', () => {
  it('refuses a form POST from a page of another site with 403 CROSS_ORIGIN and writes nothing', async () => {
    const before = await ledgerSize();
    const host = new URL(t.url).host;
    for (const headers of [
      { origin: 'https://evil.example' }, { origin: 'null' }, { origin: `http://${host}.evil.example` },
      { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site', origin: 'http://sub.127.0.0.1' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' }, { origin: 'not a url' },
    ]) {
      const r = await bookByForm(10, headers);
      expect([JSON.stringify(headers), r.status]).toEqual([JSON.stringify(headers), 403]);
      expect(r.text).toContain('data-error-code="CROSS_ORIGIN"');
    }
    expect(await ledgerSize()).toBe(before);
  });

  it('refuses cross-site cancels, confirmations, registrations and queueing too, and cross-site API writes', async () => {
    const evil = { origin: 'https://evil.example' };
    for (const path of ['/convocation/b1/annuler', '/convocation/b1/confirmer', '/guichets/renewal/inscription', '/guichets/renewal/file']) {
      const r = await t.call('POST', path, { raw: form({ token: 'x' }), headers: { ...FORM, ...evil } });
      expect([path, r.status]).toEqual([path, 403]);
    }
    const api = await t.call('POST', '/api/bookings', { json: { slotId: await firstSlot(t), identity: person(11) }, headers: { ...session(11), ...evil } });
    expect([api.status, api.body.error.code]).toEqual([403, 'CROSS_ORIGIN']);
  });

  it('accepts the same site (as a browser sends it) and clients that send no Origin', async () => {
    const host = new URL(t.url).host;
    const same = await bookByForm(12, { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' });
    expect(same.status).toBe(303);
    const none = await bookByForm(13);
    expect(none.status).toBe(303);
    // a page with Referrer-Policy: no-referrer (ours) posts its forms with Origin: null
    const nullOrigin = await bookByForm(14, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(nullOrigin.status).toBe(303);
    // a link followed from another site is a GET: still served
    expect((await t.call('GET', '/', { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(200);
  });
});

describe('answers that carry a booking token', () => {
  it('are not stored by caches nor leaked as referrer: the 303 to the convocation and the JSON receipt', async () => {
    const redirect = await bookByForm(20);
    expect(redirect.status).toBe(303);
    expect(String(redirect.headers['location'])).toContain('token=');
    expectPrivate(redirect);

    const receipt = await t.call('POST', '/api/bookings', { json: { slotId: await firstSlot(t), identity: person(21) }, headers: session(21) });
    expect(receipt.status).toBe(201);
    expect(receipt.body.token).toBeTruthy();
    expectPrivate(receipt);

    const convocation = await t.call('GET', `/api/bookings/${receipt.body.booking.id}/convocation`, { headers: { ...session(21), 'x-booking-token': receipt.body.token } });
    expectPrivate(convocation);
    const cancel = await t.call('POST', String(redirect.headers['location']).replace(/^\/convocation\/([^?]+)\?token=(.*)$/, '/convocation/$1/annuler'),
      { raw: form({ token: decodeURIComponent(/token=([^&]+)/.exec(String(redirect.headers['location']))?.[1] ?? '') }), headers: FORM });
    expect(cancel.status).toBe(303);
    expectPrivate(cancel);
    expectPrivate(await t.admin('GET', '/admin/ledger'));
  });
});
