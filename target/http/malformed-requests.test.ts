/**
 * Requests the routes never see as meant: a path parameter that is not valid percent-encoding,
 * a body whose Content-Encoding does not decode, a counter named like an Object.prototype
 * member. Each is the client's mistake: a 4xx with a code, nothing logged, nothing written.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, person, session, startTest, type TestTarget } from './test-support/http-fixture.js';

let t: TestTarget;
const logged: string[] = [];
beforeAll(async () => {
  t = await startTest({ log: (message) => logged.push(message) });
});
afterAll(() => t.stop());

describe('malformed percent-encoding in a path parameter', () => {
  const paths = [
    ['GET', '/api/bookings/%ZZ/convocation'], ['GET', '/api/bookings/%E0%A4%A/convocation'], ['GET', '/api/counters/%ZZ/slots'],
    ['POST', '/api/bookings/%ZZ/cancel'], ['POST', '/api/bookings/%E0%A4%A/confirm'], ['GET', '/api/registrations/%ZZ'],
    ['GET', '/api/waiting-room/%C0%AF'], ['GET', '/api/booking-requests/%'], ['POST', '/api/counters/%ZZ/registrations'],
  ] as const;

  it('answers 400 BAD_ENCODING on the API, naming the parameter, and logs nothing', async () => {
    for (const [method, path] of paths) {
      const r = await t.call(method, path, { headers: session(1), ...(method === 'POST' ? { json: {} } : {}) });
      expect([path, r.status, r.body?.error?.code]).toEqual([path, 400, 'BAD_ENCODING']);
      expect(r.text).not.toContain(' at ');
    }
    expect(logged).toEqual([]);
  });

  it('answers a French 400 page on the pages', async () => {
    for (const path of ['/guichets/%ZZ', '/convocation/%E0%A4%A?token=x', '/inscription/%ZZ', '/file/%ZZ']) {
      const r = await t.call('GET', path);
      expect([path, r.status]).toEqual([path, 400]);
      expect(r.text).toContain('data-error-code="BAD_ENCODING"');
    }
    expect(logged).toEqual([]);
  });
});

describe('a body whose Content-Encoding does not decode', () => {
  const routes = [
    '/api/bookings', '/api/captcha', '/api/bookings/b1/cancel', '/api/bookings/b1/confirm', '/api/counters/renewal/registrations',
    '/api/counters/renewal/waiting-room',
  ];

  it('answers 400 BAD_ENCODING for gzip, br and deflate that are not, on every JSON route', async () => {
    for (const route of routes) {
      for (const encoding of ['gzip', 'br', 'deflate']) {
        const r = await t.call('POST', route, { raw: '{"not":"compressed"}', headers: { ...session(2), 'content-type': 'application/json', 'content-encoding': encoding } });
        expect([route, encoding, r.status, r.body?.error?.code]).toEqual([route, encoding, 400, 'BAD_ENCODING']);
      }
    }
    expect(logged).toEqual([]);
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for an encoding it does not know, and still reads a real gzip body', async () => {
    const r = await t.call('POST', '/api/bookings', { raw: '{}', headers: { ...session(3), 'content-type': 'application/json', 'content-encoding': 'zstd-x' } });
    expect([r.status, r.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const slots = await t.call('GET', '/api/counters/renewal/slots?limit=1', { headers: session(3) });
    const body = gzipSync(JSON.stringify({ slotId: slots.body.slots[0].id, identity: person(3) }));
    const { request } = await import('undici');
    const booked = await request(`${t.url}/api/bookings`, {
      method: 'POST', body, headers: { ...session(3), 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(booked.statusCode).toBe(201);
    await booked.body.dump();
  });
});

describe('counters named after Object.prototype members', () => {
  it('do not exist, under any release', async () => {
    for (const release of [
      { kind: 'continuous', horizon: '1w' }, { kind: 'lottery', day: 'sun', at: '20:00', horizon: '2w' },
      { kind: 'waiting-room', day: 'sun', at: '20:00', horizon: '2w' },
    ] as const) {
      expect((await t.admin('PUT', '/admin/policy', config({ release }))).status).toBe(200);
      for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
        const slots = await t.call('GET', `/api/counters/${name}/slots`, { headers: session(4) });
        expect([release.kind, name, slots.status, slots.body.error.code]).toEqual([release.kind, name, 404, 'NOT_FOUND']);
        const reg = await t.call('POST', `/api/counters/${name}/registrations`, { headers: session(4), json: { identity: person(4) } });
        expect([release.kind, name, reg.status]).toEqual([release.kind, name, 404]);
        const room = await t.call('POST', `/api/counters/${name}/waiting-room`, { headers: session(4), json: {} });
        expect([release.kind, name, room.status]).toEqual([release.kind, name, 404]);
        const page = await t.call('GET', `/guichets/${name}`);
        expect([release.kind, name, page.status]).toEqual([release.kind, name, 404]);
      }
    }
    expect(logged).toEqual([]);
  });
});
