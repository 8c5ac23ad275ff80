import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, COUNTERS, firstSlot, person, session, startTest, TOKEN, type TestTarget } from '../test-support/http-fixture.js';

let t: TestTarget;
beforeAll(async () => {
  t = await startTest({ config: config({ release: { kind: 'weekly', day: 'sun', at: '20:00', horizon: '2w' } }) });
});
afterAll(() => t.stop());

describe('admin API', () => {
  it('401 UNAUTHORIZED without a token, with a wrong one, or with another scheme', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: `Basic ${TOKEN}` }, { authorization: `Bearer ${TOKEN}x` }]) {
      const r = await t.call('GET', '/admin/ledger', { headers });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHORIZED');
      expect(r.headers['www-authenticate']).toContain('Bearer');
    }
    expect((await t.call('POST', '/api/check-in', { json: { bookingId: 'b', counter: 'renewal', firstName: 'a', lastName: 'b' } })).status).toBe(401);
  });

  it('GET /admin/policy shows the settings; PUT validates with the zod path (422) and applies', async () => {
    const got = await t.admin('GET', '/admin/policy');
    expect(got.body.release.kind).toBe('weekly');
    expect(Object.keys(got.body.counters)).toEqual(['renewal', 'first-request']);
    // what GET shows, PUT takes back unchanged
    const roundTrip = await t.admin('PUT', '/admin/policy', got.body);
    expect([roundTrip.status, roundTrip.body]).toEqual([200, got.body]);

    const bad = await t.admin('PUT', '/admin/policy', { release: { kind: 'weekly', day: 'sun', at: '25:00', horizon: '2w' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION', field: 'release.at' });
    const unknown = await t.admin('PUT', '/admin/policy', { release: { kind: 'continuous', horizon: '1w' }, measures: { captcha: { kind: 'challenge', colour: 'red' } } });
    expect(unknown.body.error.field).toBe('measures.captcha.colour');
    // the bad PUTs changed nothing
    expect((await t.admin('GET', '/admin/policy')).body.release.kind).toBe('weekly');

    const put = await t.admin('PUT', '/admin/policy', { release: { kind: 'continuous', horizon: '1w' }, flaws: ['captcha-replay'] });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ release: { kind: 'continuous' }, flaws: ['captcha-replay'], measures: {} });
    expect(Object.keys(put.body.counters)).toEqual(['renewal', 'first-request']);
  });

  it('release, ledger, mail, registry and reset', async () => {
    await t.admin('PUT', '/admin/policy', { release: { kind: 'weekly', day: 'sun', at: '20:00', horizon: '2w' } });
    await t.admin('POST', '/admin/reset');
    expect((await t.call('GET', '/api/counters/renewal/slots', { headers: session(1) })).body.slots).toEqual([]);
    const rel = await t.admin('POST', '/admin/release');
    expect(rel.status).toBe(200);
    expect(rel.body.released).toBeGreaterThan(0);
    // counts per counter, every counter named, no ids unless asked
    expect(Object.keys(rel.body.byCounter)).toEqual(Object.keys(COUNTERS));
    expect(rel.body.byCounter.renewal + rel.body.byCounter['first-request']).toBe(rel.body.released);
    expect(rel.body.slotIds).toBeUndefined();
    await t.admin('POST', '/admin/reset');
    const verbose = await t.admin('POST', '/admin/release?verbose=1');
    expect(verbose.body.released).toBe(rel.body.released);
    expect(verbose.body.byCounter).toEqual(rel.body.byCounter);
    expect(verbose.body.slotIds).toHaveLength(rel.body.released);
    expect(verbose.body.slotIds.filter((id: string) => id.startsWith('renewal@'))).toHaveLength(rel.body.byCounter.renewal);
    expect((await t.admin('POST', '/admin/release?verbose=maybe')).body.error.message)
      .toBe('query parameter "verbose" must be 1 or 0, got "maybe"');

    const slotId = await firstSlot(t);
    const booked = await t.call('POST', '/api/bookings', { headers: session(1), json: { slotId, identity: person(1) } });
    expect(booked.status).toBe(201);
    const ledger = await t.admin('GET', '/admin/ledger');
    expect(ledger.body.bookings).toHaveLength(1);
    expect(ledger.body.bookings[0]).toMatchObject({ slotId, status: 'confirmed', identity: person(1), token: booked.body.token });

    expect((await t.admin('GET', '/admin/mail')).status).toBe(422);
    expect((await t.admin('GET', '/admin/mail?to=nobody@example.org')).body).toEqual({ mail: [] });

    const reg = await t.admin('PUT', '/admin/registry', { entries: [{ agdref: '7500000001', firstName: 'Aminata', lastName: 'Diallo1' }] });
    expect(reg.body).toEqual({ loaded: 1 });
    expect(t.registry.lookup('7500000001')).toEqual({ firstName: 'Aminata', lastName: 'Diallo1' });
    expect((await t.admin('PUT', '/admin/registry', { entries: [{ agdref: 1 }] })).status).toBe(422);

    const reset = await t.admin('POST', '/admin/reset');
    expect(reset.status).toBe(204);
    expect((await t.admin('GET', '/admin/ledger')).body.bookings).toEqual([]);
  });

  it('accepts admin bodies larger than the public 16 kB limit', async () => {
    const entries = Array.from({ length: 2000 }, (_, i) => ({ agdref: String(7_500_000_000 + i), firstName: 'Prénom', lastName: `Nom${i}` }));
    const r = await t.admin('PUT', '/admin/registry', { entries });
    expect(r.status).toBe(200);
    expect(r.body.loaded).toBe(2000);
  });

  it('check-in at the counter with the staff token', async () => {
    await t.admin('PUT', '/admin/policy', { release: { kind: 'continuous', horizon: '1w' }, measures: { exactName: { atCheckIn: true } } });
    const slotId = await firstSlot(t);
    const booked = await t.call('POST', '/api/bookings', { headers: session(3), json: { slotId, identity: person(3) } });
    const bookingId = booked.body.booking.id as string;
    t.clockAt.t = booked.body.booking.slotStart;
    const wrongName = await t.call('POST', '/api/check-in', {
      headers: { authorization: `Bearer ${TOKEN}` }, json: { bookingId, counter: 'renewal', firstName: 'Someone', lastName: 'Else' },
    });
    expect(wrongName.body.result).toEqual({ served: false, reason: 'NAME_MISMATCH' });
    const served = await t.call('POST', '/api/check-in', {
      headers: { authorization: `Bearer ${TOKEN}` }, json: { bookingId, counter: 'renewal', firstName: 'Aminata', lastName: 'Diallo3' },
    });
    expect(served.body.result).toEqual({ served: true, bookingId });
  });
});
