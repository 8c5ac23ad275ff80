/**
 * The switchable real-world flaws, shown exploitable over HTTP when on and closed when off.
 * (non-atomic-booking is shown by concurrency.test.ts: it needs a burst of concurrent requests.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Flaw } from '../domain/policy.js';
import { config, firstSlot, person, session, startTest, type TestTarget } from './test-support/http-fixture.js';

let t: TestTarget | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const withCaptcha = (flaws: Flaw[]) => config({ measures: { captcha: { kind: 'challenge' } }, flaws });

async function slotIds(target: TestTarget, n: number): Promise<string[]> {
  const r = await target.call('GET', `/api/counters/renewal/slots?limit=${n}`, { headers: session(99) });
  return r.body.slots.map((s: { id: string }) => s.id);
}

describe('flaw captcha-replay', () => {
  for (const on of [true, false]) {
    it(on ? 'on: one solved captcha books two slots' : 'off: the second use is refused (CAPTCHA_USED)', async () => {
      t = await startTest({ config: withCaptcha(on ? ['captcha-replay'] : []) });
      const [a, b] = await slotIds(t, 2);
      const c = (await t.call('POST', '/api/captcha', { headers: session(1) })).body.challenge;
      const answer = { id: c.id, answer: c.prompt };
      const first = await t.call('POST', '/api/bookings', { headers: session(1), json: { slotId: a, identity: person(1), captcha: answer } });
      expect(first.status).toBe(201);
      const second = await t.call('POST', '/api/bookings', { headers: session(1), json: { slotId: b, identity: person(2), captcha: answer } });
      if (on) {
        expect(second.status).toBe(201);
      } else {
        expect(second.status).toBe(403);
        expect(second.body.error.code).toBe('CAPTCHA_USED');
      }
    });
  }
});

describe('flaw captcha-client-side-only', () => {
  for (const on of [true, false]) {
    it(on ? 'on: the form shows a captcha but the API books without one' : 'off: the API requires the captcha too', async () => {
      t = await startTest({ config: withCaptcha(on ? ['captcha-client-side-only'] : []) });
      const slotId = await firstSlot(t);
      const form = await t.call('GET', `/reserver?creneau=${encodeURIComponent(slotId)}`);
      expect(form.status).toBe(200);
      expect(form.text).toContain('name="captchaAnswer"');
      const r = await t.call('POST', '/api/bookings', { headers: session(1), json: { slotId, identity: person(1) } });
      if (on) {
        expect(r.status).toBe(201);
      } else {
        expect(r.status).toBe(403);
        expect(r.body.error.code).toBe('CAPTCHA_REQUIRED');
      }
    });
  }
});
