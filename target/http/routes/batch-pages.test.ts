/** Batch release through the pages, without JavaScript: the form's request, its page, the decision. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, MONDAY, session, startTest, type Res, type TestTarget } from '../test-support/http-fixture.js';

const HOUR = 3_600_000;
/** the first release: Sunday 13 January 2019, 20:00 in Paris */
const SUNDAY_20H = MONDAY + 6 * 24 * HOUR + 20 * HOUR;

let t: TestTarget;
beforeAll(async () => {
  t = await startTest({
    config: config({ release: { kind: 'batch', day: 'sun', at: '20:00', interval: '10m', horizon: '2w' }, measures: { identityLimit: { perEmail: 1 } } }),
  });
});
afterAll(() => t.stop());

const form = (n: number, fields: Record<string, string>) => ({
  raw: new URLSearchParams(fields).toString(), headers: { ...session(n), 'content-type': 'application/x-www-form-urlencoded' },
});
const fields = (slotId: string, n: number) => ({ slotId, firstName: 'Aminata', lastName: `Diallo${n}`, email: `a${n}@example.org` });
const decision = (r: Res) => /data-decision="([a-z]+)"/.exec(r.text)?.[1];

describe('batch release on the pages', () => {
  it('collects the form\'s request, shows it pending until the batch is drawn, then links the convocation', async () => {
    t.clockAt.t = SUNDAY_20H + 60_000;
    const slots = await t.call('GET', '/api/counters/renewal/slots?limit=1', { headers: session(9) });
    const slotId = slots.body.slots[0].id as string;

    const posted = await t.call('POST', '/reserver', form(1, fields(slotId, 1)));
    expect(posted.status).toBe(303);
    const location = String(posted.headers['location']);
    expect(location).toMatch(/^\/demande\/[^/?]+$/);

    const pending = await t.call('GET', location, { headers: session(1) });
    expect(pending.status).toBe(200);
    expect(decision(pending)).toBe('pending');
    // the batch's close, as a <time> with the Paris offset
    expect(pending.text).toContain('datetime="2019-01-13T20:10:00.000+01:00"');

    // one request per session and batch: the form comes back with the refusal
    const again = await t.call('POST', '/reserver', form(1, fields(slotId, 1)));
    expect(again.status).toBe(409);
    expect(again.text).toContain('data-error-code="REQUEST_PENDING"');

    // another session cannot read it
    expect((await t.call('GET', location, { headers: session(2) })).status).toBe(404);

    t.clockAt.t = SUNDAY_20H + 10 * 60_000;
    const decided = await t.call('GET', location, { headers: session(1) });
    expect(decision(decided)).toBe('booked');
    const href = /<a href="(\/convocation\/[^"]+)">Voir votre convocation<\/a>/.exec(decided.text)?.[1]?.replace(/&amp;/g, '&');
    expect(href).toBeDefined();
    const conv = await t.call('GET', href as string, { headers: session(1) });
    expect(conv.status).toBe(200);
    expect(conv.text).toContain(slotId);
  });

  it('shows the refusal with its code when the decision refuses the request', async () => {
    t.clockAt.t = SUNDAY_20H + 11 * 60_000;
    const slots = await t.call('GET', '/api/counters/renewal/slots?limit=1', { headers: session(9) });
    // the e-mail of the first test's booking, from another session: one active booking per e-mail
    const posted = await t.call('POST', '/reserver', form(4, fields(slots.body.slots[0].id as string, 1)));
    expect(posted.status).toBe(303);
    t.clockAt.t = SUNDAY_20H + 20 * 60_000;
    const decided = await t.call('GET', String(posted.headers['location']), { headers: session(4) });
    expect(decided.status).toBe(200);
    expect(decision(decided)).toBe('refused');
    expect(decided.text).toMatch(/role="alert" data-error-code="LIMIT_REACHED"/);
  });
});
