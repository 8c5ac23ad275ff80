import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseBodies, ResponseSchemas } from '../openapi.js';
import { config, firstSlot, person, session, startTest, type TestTarget } from '../test-support/http-fixture.js';

let t: TestTarget;
beforeAll(async () => {
  t = await startTest({ config: config({ measures: { captcha: { kind: 'challenge' }, emailConfirmation: { within: '30m' } } }) });
});
afterAll(() => t.stop());

const S = session(1);

async function captcha(headers = S) {
  const r = await t.call('POST', '/api/captcha', { headers });
  expect(r.status).toBe(201);
  ResponseBodies.ChallengeIssued.parse(r.body);
  return r.body.challenge as { id: string; prompt: string };
}

describe('JSON API: the booking path', () => {
  it('lists counters and slots in the documented shapes', async () => {
    const c = await t.call('GET', '/api/counters', { headers: S });
    expect(c.status).toBe(200);
    ResponseBodies.Counters.parse(c.body);
    expect(c.body.counters.map((x: { id: string }) => x.id)).toEqual(['renewal', 'first-request']);
    expect(c.body.captchaRequired).toBe(true);
    const s = await t.call('GET', '/api/counters/renewal/slots?limit=3', { headers: S });
    expect(s.status).toBe(200);
    ResponseBodies.Slots.parse(s.body);
    expect(s.body.slots).toHaveLength(3);
  });

  it('books with a captcha, shows the convocation, confirms by mail code and cancels with the token', async () => {
    const slotId = await firstSlot(t);
    const ch = await captcha();
    const booked = await t.call('POST', '/api/bookings', { headers: S, json: { slotId, identity: person(1), captcha: { id: ch.id, answer: ch.prompt.toLowerCase() } } });
    expect(booked.status).toBe(201);
    ResponseBodies.Receipt.parse(booked.body);
    const { booking, token } = booked.body;
    expect(booking.status).toBe('held');
    expect(booked.headers['location']).toBe(`/api/bookings/${booking.id}/convocation`);

    const conv = await t.call('GET', `/api/bookings/${booking.id}/convocation`, { headers: { 'x-booking-token': token } });
    expect(conv.status).toBe(200);
    ResponseBodies.ConvocationOut.parse(conv.body);
    expect(conv.body.convocation).toMatchObject({
      bookingId: booking.id, slotId, counter: 'renewal', lastName: 'Diallo1', status: 'held', confirmBy: booked.body.confirmBy,
    });
    expect((await t.call('GET', `/api/bookings/${booking.id}/convocation?token=wrong`)).status).toBe(403);

    const mail = await t.admin('GET', `/admin/mail?to=${encodeURIComponent(person(1).email)}`);
    const code = /: (\S+)$/.exec(mail.body.mail[0].body)?.[1];
    expect(code).toBeTruthy();
    const bad = await t.call('POST', `/api/bookings/${booking.id}/confirm`, { json: { code: 'nope' } });
    expect(bad.status).toBe(403);
    expect(bad.body.error).toEqual({ code: 'TOKEN_INVALID', message: 'wrong confirmation code', field: 'code' });
    const ok = await t.call('POST', `/api/bookings/${booking.id}/confirm`, { json: { code } });
    expect(ok.status).toBe(200);
    expect(ok.body.booking.status).toBe('confirmed');
    const confirmedConv = await t.call('GET', `/api/bookings/${booking.id}/convocation`, { headers: { 'x-booking-token': token } });
    expect(confirmedConv.body.convocation.status).toBe('confirmed');
    expect(confirmedConv.body.convocation).not.toHaveProperty('confirmBy');

    expect((await t.call('POST', `/api/bookings/${booking.id}/cancel`, { headers: S, json: { token: 'x' } })).status).toBe(403);
    const cancelled = await t.call('POST', `/api/bookings/${booking.id}/cancel`, { headers: S, json: { token } });
    expect(cancelled.status).toBe(200);
    ResponseBodies.BookingOut.parse(cancelled.body);
    expect(cancelled.body.booking.status).toBe('cancelled');
    const again = await t.call('POST', `/api/bookings/${booking.id}/cancel`, { headers: S, json: { token } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('BOOKING_NOT_ACTIVE');
  });

  it('answers 409 SLOT_TAKEN on a booked slot', async () => {
    const slotId = await firstSlot(t);
    const a = await captcha();
    expect((await t.call('POST', '/api/bookings', { headers: S, json: { slotId, identity: person(2), captcha: { id: a.id, answer: a.prompt } } })).status).toBe(201);
    const b = await captcha();
    const r = await t.call('POST', '/api/bookings', { headers: S, json: { slotId, identity: person(3), captcha: { id: b.id, answer: b.prompt } } });
    expect(r.status).toBe(409);
    ResponseSchemas.Error.parse(r.body);
    expect(r.body.error).toMatchObject({ code: 'SLOT_TAKEN', field: 'slotId' });
  });

  it('refuses captcha misuse with 403: missing, wrong, reused, from another session', async () => {
    const slotId = await firstSlot(t);
    const none = await t.call('POST', '/api/bookings', { headers: S, json: { slotId, identity: person(4) } });
    expect([none.status, none.body.error.code]).toEqual([403, 'CAPTCHA_REQUIRED']);
    const c = await captcha();
    const wrong = await t.call('POST', '/api/bookings', { headers: S, json: { slotId, identity: person(4), captcha: { id: c.id, answer: 'ZZZZZZ' } } });
    expect([wrong.status, wrong.body.error.code]).toEqual([403, 'CAPTCHA_INVALID']);
    const reused = await t.call('POST', '/api/bookings', { headers: S, json: { slotId, identity: person(4), captcha: { id: c.id, answer: c.prompt } } });
    expect([reused.status, reused.body.error.code]).toEqual([403, 'CAPTCHA_USED']);
    const d = await captcha();
    const stolen = await t.call('POST', '/api/bookings', { headers: session(2), json: { slotId, identity: person(4), captcha: { id: d.id, answer: d.prompt } } });
    expect([stolen.status, stolen.body.error.code]).toEqual([403, 'CAPTCHA_INVALID']);
  });
});

describe('JSON API: bad input', () => {
  it('400 VALIDATION on unparseable JSON, never a stack trace', async () => {
    const r = await t.call('POST', '/api/bookings', { raw: '{"slotId": ', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: { code: 'VALIDATION', message: 'request body is not valid JSON', field: 'body' } });
    expect(r.text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('422 VALIDATION with the field on a schema violation and on an unknown key (strict)', async () => {
    const missing = await t.call('POST', '/api/bookings', { json: { slotId: 'x', identity: { firstName: 'A', lastName: 'B' } } });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toMatchObject({ code: 'VALIDATION', field: 'identity.email' });
    const extra = await t.call('POST', '/api/bookings', { json: { slotId: 'x', identity: person(5), admin: true } });
    expect(extra.status).toBe(422);
    expect(extra.body.error.field).toBe('admin');
    const deep = await t.call('POST', '/api/bookings', { json: { slotId: 'x', identity: { ...person(5), role: 'x' } } });
    expect(deep.body.error.field).toBe('identity.role');
    const query = await t.call('GET', '/api/counters/renewal/slots?limit=0');
    expect([query.status, query.body.error.field]).toEqual([422, 'query.limit']);
  });

  it('413 PAYLOAD_TOO_LARGE past 16 kB', async () => {
    const r = await t.call('POST', '/api/bookings', { json: { slotId: 'x'.repeat(17_000), identity: person(6) } });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('404 NOT_FOUND as JSON for unknown counters, bookings and routes', async () => {
    const c = await t.call('GET', '/api/counters/nope/slots');
    expect([c.status, c.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const b = await t.call('GET', '/api/bookings/b-nope/convocation?token=x');
    expect(b.status).toBe(404);
    const route = await t.call('GET', '/api/nothing-here');
    expect([route.status, route.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('415 with Accept: application/json for a text/plain or form body, naming the type it got', async () => {
    const body = JSON.stringify({ slotId: 'x', identity: person(7) });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const r = await t.call('POST', '/api/bookings', { raw: body, headers: { ...session(7), 'content-type': type } });
      expect(r.status, type).toBe(415);
      expect(r.headers['accept']).toBe('application/json');
      expect(r.body.error).toEqual({
        code: 'UNSUPPORTED_MEDIA_TYPE', field: 'Content-Type',
        message: `this route takes a JSON body (Content-Type: application/json), got ${type}`,
      });
    }
    // JSON with a charset is JSON; a route without a body needs no type
    const charset = await t.call('POST', '/api/bookings', { raw: body, headers: { ...session(7), 'content-type': 'application/json; charset=utf-8' } });
    expect(charset.status).not.toBe(415);
    expect((await t.call('POST', '/api/captcha', { headers: session(7) })).status).toBe(201);
  });

  it('405 with Allow for a known path and another method; OPTIONS answers the same Allow', async () => {
    const put = await t.call('PUT', '/api/captcha', { headers: session(8) });
    expect(put.status).toBe(405);
    expect(put.headers['allow']).toBe('OPTIONS, POST');
    expect(put.body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(put.body.error.message).toBe('PUT is not allowed on /api/captcha; allowed: OPTIONS, POST');
    const del = await t.call('DELETE', '/api/counters/renewal/slots', { headers: session(8) });
    expect([del.status, del.headers['allow']]).toEqual([405, 'GET, HEAD, OPTIONS']);
    const options = await t.call('OPTIONS', '/api/bookings/b-1/cancel');
    expect([options.status, options.headers['allow']]).toEqual([204, 'OPTIONS, POST']);
    // an unknown path stays a 404, a wrong method a 405, whatever the body
    expect((await t.call('PUT', '/api/nothing-here')).status).toBe(404);
    const text = { 'content-type': 'text/plain', ...session(8) };
    expect((await t.call('POST', '/api/nothing-here', { raw: 'hello', headers: text })).status).toBe(404);
    expect((await t.call('PUT', '/api/captcha', { raw: 'hello', headers: text })).status).toBe(405);
  });

  it('a bad limit names the parameter, its range and the value', async () => {
    for (const [raw, shown] of [['-1', '"-1"'], ['abc', '"abc"'], ['1.5', '"1.5"'], ['501', '"501"']] as const) {
      const r = await t.call('GET', `/api/counters/renewal/slots?limit=${raw}`, { headers: session(9) });
      expect(r.status, raw).toBe(422);
      expect(r.body.error).toEqual({
        code: 'VALIDATION', field: 'query.limit', message: `query parameter "limit" must be an integer from 1 to 500, got ${shown}`,
      });
    }
    const unknown = await t.call('GET', '/api/counters/renewal/slots?limt=2', { headers: session(9) });
    expect(unknown.body.error).toMatchObject({ field: 'query.limt', message: 'unknown query parameter "limt" (this route takes: limit, minLeadMs)' });
    const ok = await t.call('GET', '/api/counters/renewal/slots?limit=500', { headers: session(9) });
    expect(ok.status).toBe(200);
  });

  it('minLeadMs lists only slots starting later than now + minLeadMs, and says what is wrong with a bad one', async () => {
    const all = await t.call('GET', '/api/counters/renewal/slots?limit=500', { headers: session(10) });
    const starts: number[] = all.body.slots.map((s: { start: number }) => s.start);
    const lead = starts[5]! - t.clockAt.t;
    const later = await t.call('GET', `/api/counters/renewal/slots?limit=500&minLeadMs=${lead}`, { headers: session(10) });
    expect(later.status).toBe(200);
    ResponseBodies.Slots.parse(later.body);
    // what the in-process driver lists: store.availableSlots(counter, now + lead, limit), slots starting after it
    expect(later.body.slots.map((s: { start: number }) => s.start)).toEqual(starts.filter((s) => s > t.clockAt.t + lead));
    expect(later.body.slots.length).toBeLessThan(starts.length);
    const zero = await t.call('GET', '/api/counters/renewal/slots?limit=500&minLeadMs=0', { headers: session(10) });
    expect(zero.body.slots).toEqual(all.body.slots);
    for (const raw of ['-1', 'abc', '1.5', '', String(367 * 86_400_000)]) {
      const r = await t.call('GET', `/api/counters/renewal/slots?minLeadMs=${raw}`, { headers: session(10) });
      expect(r.status, raw).toBe(422);
      expect(r.body.error).toEqual({
        code: 'VALIDATION', field: 'query.minLeadMs',
        message: `query parameter "minLeadMs" must be an integer from 0 to 31622400000, got ${JSON.stringify(raw)}`,
      });
    }
  });

  it('refuses a malformed X-Session header', async () => {
    const r = await t.call('GET', '/api/counters', { headers: { 'x-session': 'bad session!' } });
    expect([r.status, r.body.error.field]).toEqual([422, 'X-Session']);
  });
});
