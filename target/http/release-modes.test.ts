/** Lottery, waiting room and batch release over HTTP: JSON API and pages, with the target's clock moved by hand. */
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseBodies } from './openapi.js';
import { config, MONDAY, person, session, startTest, type TestTarget } from './test-support/http-fixture.js';

const HOUR = 3_600_000;
const SUNDAY_20H = MONDAY + 6 * 24 * HOUR + 20 * HOUR;

let t: TestTarget | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe('lottery', () => {
  it('registers, draws at release time, and gives the winner the booking token', async () => {
    t = await startTest({ config: config({ release: { kind: 'lottery', day: 'sun', at: '20:00', registration: '7d', horizon: '2w' } }) });
    const reg = await t.call('POST', '/api/counters/renewal/registrations', { headers: session(1), json: { identity: person(1) } });
    expect(reg.status).toBe(201);
    expect(reg.body.registration.drawAt).toBe(SUNDAY_20H);
    const twice = await t.call('POST', '/api/counters/renewal/registrations', { headers: session(2), json: { identity: person(1) } });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'ALREADY_REGISTERED']);
    // a page registration, without JavaScript
    const page = await t.call('POST', '/guichets/renewal/inscription', {
      raw: new URLSearchParams({ firstName: 'Jean', lastName: 'Dupont', email: 'jean@example.org', phone: '', agdref: '' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(page.status).toBe(201);
    expect(page.text).toContain('Vous êtes inscrit au tirage au sort du <time');

    t.clockAt.t = SUNDAY_20H + 60_000;
    const result = await t.call('GET', `/api/registrations/${reg.body.registration.id}`);
    expect(result.body.registration).toMatchObject({ outcome: 'won' });
    const { bookingId, token } = result.body.registration;
    const conv = await t.call('GET', `/api/bookings/${bookingId}/convocation`, { headers: { 'x-booking-token': token } });
    expect(conv.body.convocation).toMatchObject({ lastName: 'Diallo1', status: 'confirmed' });
    // the result page links the winner to the convocation, as the mail would
    const shown = await t.call('GET', `/inscription/${reg.body.registration.id}`);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('data-outcome="won"');
    expect(shown.text).toContain(`href="/convocation/${bookingId}?token=${token}"`);
    const unknown = await t.call('GET', '/inscription/r-unknown');
    expect([unknown.status, unknown.text.includes('data-error-code="NOT_FOUND"')]).toEqual([404, true]);
  });
});

describe('waiting room', () => {
  it('pre-queues, shuffles at release, admits tickets bound to their session', async () => {
    t = await startTest({ config: config({ release: { kind: 'waiting-room', day: 'sun', at: '20:00', preQueue: '30m', admitPerMinute: 1, horizon: '2w' } }) });
    t.clockAt.t = SUNDAY_20H - 15 * 60_000;
    const a = await t.call('POST', '/api/counters/renewal/waiting-room', { headers: session(1) });
    const b = await t.call('POST', '/api/counters/renewal/waiting-room', { headers: session(2) });
    expect(a.status).toBe(201);
    expect(a.body.ticket).toEqual({ id: a.body.ticket.id, counter: 'renewal', releaseAt: SUNDAY_20H });

    t.clockAt.t = SUNDAY_20H + 1000;
    const ta = (await t.call('GET', `/api/waiting-room/${a.body.ticket.id}`)).body.ticket;
    const tb = (await t.call('GET', `/api/waiting-room/${b.body.ticket.id}`)).body.ticket;
    expect([ta.position, tb.position].sort()).toEqual([0, 1]);
    const [first, firstSession] = ta.position === 0 ? [ta, session(1)] : [tb, session(2)];
    const [second, secondSession] = ta.position === 0 ? [tb, session(2)] : [ta, session(1)];

    const slots = await t.call('GET', '/api/counters/renewal/slots?limit=2', { headers: session(3) });
    const [s1, s2] = slots.body.slots.map((s: { id: string }) => s.id);
    const early = await t.call('POST', '/api/bookings', { headers: secondSession, json: { slotId: s2, identity: person(2), ticket: second.id } });
    expect([early.status, early.body.error.code]).toEqual([403, 'NOT_ADMITTED']);
    const stolen = await t.call('POST', '/api/bookings', { headers: session(9), json: { slotId: s1, identity: person(9), ticket: first.id } });
    expect(stolen.status).toBe(403);
    const ok = await t.call('POST', '/api/bookings', { headers: firstSession, json: { slotId: s1, identity: person(1), ticket: first.id } });
    expect(ok.status).toBe(201);
    // the admission was for one booking: the same session and ticket are refused the next one
    const twice = await t.call('POST', '/api/bookings', { headers: firstSession, json: { slotId: s2, identity: person(4), ticket: first.id } });
    expect([twice.status, twice.body.error.code]).toEqual([403, 'NOT_ADMITTED']);

    // the ticket page tells the second visitor when their turn comes
    const page = await t.call('GET', `/file/${second.id}`);
    expect(page.text).toContain('Votre position : 2.');
    t.clockAt.t = SUNDAY_20H + 61_000;
    expect((await t.call('GET', `/file/${second.id}`)).text).toContain(`/guichets/renewal?ticket=${second.id}`);
  });
});

describe('batch release', () => {
  it('answers 202 with a request, decides it when the batch closes, and shows the decision to its session only', async () => {
    t = await startTest({ config: config({ release: { kind: 'batch', day: 'sun', at: '20:00', interval: '10m', horizon: '2w' } }) });
    t.clockAt.t = SUNDAY_20H + 60_000;
    const slots = await t.call('GET', '/api/counters/renewal/slots?limit=1', { headers: session(3) });
    const slotId = slots.body.slots[0].id as string;
    const asked = await Promise.all([1, 2].map((n) => t!.call('POST', '/api/bookings', { headers: session(n), json: { slotId, identity: person(n) } })));
    for (const a of asked) {
      expect(a.status).toBe(202);
      ResponseBodies.BookingRequestOut.parse(a.body);
      expect(a.body.request).toMatchObject({ slotId, status: 'pending', closesAt: SUNDAY_20H + 10 * 60_000 });
      expect(a.headers['location']).toBe(`/api/booking-requests/${a.body.request.id}`);
    }
    const again = await t.call('POST', '/api/bookings', { headers: session(1), json: { slotId, identity: person(1) } });
    expect([again.status, again.body.error.code]).toEqual([409, 'REQUEST_PENDING']);
    const early = await t.call('GET', `/api/booking-requests/${asked[0]!.body.request.id}`, { headers: session(1) });
    expect(early.body.request.status).toBe('pending');

    t.clockAt.t = SUNDAY_20H + 10 * 60_000;
    const decided = await Promise.all(asked.map((a, i) => t!.call('GET', `/api/booking-requests/${a.body.request.id}`, { headers: session(i + 1) })));
    for (const d of decided) ResponseBodies.BookingRequestOut.parse(d.body);
    const booked = decided.map((d) => d.body.request.receipt.booking.slotId as string);
    expect(decided.map((d) => d.body.request.status)).toEqual(['booked', 'booked']);
    // one slot per request: one got the slot asked for, the other the next free one
    expect(new Set(booked).size).toBe(2);
    expect(booked).toContain(slotId);
    const other = await t.call('GET', `/api/booking-requests/${asked[0]!.body.request.id}`, { headers: session(2) });
    expect(other.status).toBe(404);
  });
});
