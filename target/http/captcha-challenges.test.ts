/**
 * Challenges are stored state that anonymous requests create: issued only under the captcha
 * measure, and deleted by the server's timer once expired for EXPIRED_CHALLENGE_KEPT_MS. Counted
 * in the target's SQLite file itself.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPIRED_CHALLENGE_KEPT_MS } from '../domain/captcha.js';
import { config, firstSlot, person, session, startTest, type TestTarget } from './test-support/http-fixture.js';

let t: TestTarget;
let db: Database.Database;
beforeAll(async () => {
  t = await startTest({ sqliteFile: true, tickEveryMs: 20 });
  db = new Database(join(t.dir, 'target.db'), { readonly: true, fileMustExist: true });
});
afterAll(async () => {
  db.close();
  await t.stop();
});

const stored = () => (db.prepare('SELECT COUNT(*) AS n FROM challenges').get() as { n: number }).n;
const FORM_URL = '/reserver?creneau=renewal%402019-01-07T08%3A45%231';

describe('without the captcha measure', () => {
  it('issues no challenge: POST /api/captcha is 404 and the booking form stores none', async () => {
    expect((await t.admin('PUT', '/admin/policy', config())).status).toBe(200);
    const r = await t.call('POST', '/api/captcha', { headers: session(1), json: {} });
    expect([r.status, r.body.error.code, r.body.error.field]).toEqual([404, 'NOT_FOUND', 'captcha']);
    const page = await t.call('GET', FORM_URL);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('name="captchaId"');
    expect(stored()).toBe(0);
  });
});

describe('under the captcha measure', () => {
  it('sweeps expired challenges, used or not, and keeps the live ones', async () => {
    expect((await t.admin('PUT', '/admin/policy', config({ measures: { captcha: { kind: 'challenge', ttl: '2m' } } }))).status).toBe(200);
    const issued = [];
    for (let i = 0; i < 3; i++) issued.push((await t.call('POST', '/api/captcha', { headers: session(2), json: {} })).body.challenge);
    await t.call('GET', FORM_URL);
    expect(stored()).toBe(4);
    // one is used by a booking
    const booked = await t.call('POST', '/api/bookings', {
      headers: session(2), json: { slotId: await firstSlot(t), identity: person(2), captcha: { id: issued[0].id, answer: issued[0].prompt } },
    });
    expect(booked.status).toBe(201);

    // expired, but not for long: still there, and a late answer is told it expired
    t.clockAt.t += 2 * 60_000 + EXPIRED_CHALLENGE_KEPT_MS / 2;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stored()).toBe(4);
    const late = await t.call('POST', '/api/bookings', {
      headers: session(2), json: { slotId: await firstSlot(t), identity: person(3), captcha: { id: issued[1].id, answer: issued[1].prompt } },
    });
    expect(late.body.error.code).toBe('CAPTCHA_EXPIRED');

    const fresh = (await t.call('POST', '/api/captcha', { headers: session(2), json: {} })).body.challenge;
    t.clockAt.t += EXPIRED_CHALLENGE_KEPT_MS;
    await expect.poll(stored, { timeout: 5000, interval: 20 }).toBe(1);
    const gone = await t.call('POST', '/api/bookings', {
      headers: session(2), json: { slotId: await firstSlot(t), identity: person(4), captcha: { id: issued[2].id, answer: issued[2].prompt } },
    });
    expect(gone.body.error.code).toBe('CAPTCHA_INVALID');
    // the one issued later expired for less than the grace: kept
    expect(db.prepare('SELECT id FROM challenges').get()).toEqual({ id: fresh.id });
  });
});
