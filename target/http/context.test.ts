import { afterEach, describe, expect, it } from 'vitest';
import { normalizeIp, readCookie, SESSION_COOKIE } from './context.js';
import { config, startTest, type TestTarget } from './test-support/http-fixture.js';

let t: TestTarget | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

// One token per IP and per session: the second request of a key is refused, so the rate limit
// reveals which IP and session the server attributed a request to.
const strict = config({ measures: { rateLimit: { perIp: { capacity: 1, refillPerMinute: 1 } } } });
const perSession = config({ measures: { rateLimit: { perSession: { capacity: 1, refillPerMinute: 0.5 } } } });
const list = (target: TestTarget, headers: Record<string, string>) => target.call('GET', '/api/counters/renewal/slots?limit=1', { headers });

describe('client IP', () => {
  it('ignores X-Forwarded-For by default: two "IPs" on one socket address share a bucket', async () => {
    t = await startTest({ config: strict });
    expect((await list(t, { 'x-forwarded-for': '10.0.0.1', 'x-session': 'aaaaaaaa' })).status).toBe(200);
    const second = await list(t, { 'x-forwarded-for': '10.0.0.2', 'x-session': 'bbbbbbbb' });
    expect(second.status).toBe(429);
    expect(second.body.error.code).toBe('RATE_LIMITED');
    expect(second.headers['retry-after']).toBe('60');
  });

  it('with trustProxy, takes the last X-Forwarded-For hop', async () => {
    t = await startTest({ config: strict, trustProxy: true });
    expect((await list(t, { 'x-forwarded-for': '10.0.0.1', 'x-session': 'aaaaaaaa' })).status).toBe(200);
    expect((await list(t, { 'x-forwarded-for': '10.0.0.2', 'x-session': 'bbbbbbbb' })).status).toBe(200);
    // a client-written first hop cannot buy a fresh bucket: the proxy-seen address (last) counts
    expect((await list(t, { 'x-forwarded-for': '1.2.3.4, 10.0.0.1', 'x-session': 'cccccccc' })).status).toBe(429);
  });

  it('scales Retry-After to real seconds when the clock runs faster', async () => {
    t = await startTest({ config: strict, speed: 60 });
    await list(t, { 'x-session': 'aaaaaaaa' });
    expect((await list(t, { 'x-session': 'bbbbbbbb' })).headers['retry-after']).toBe('1');
  });
});

describe('session', () => {
  it('sets an HttpOnly SameSite=Lax cookie when absent, and reuses it', async () => {
    t = await startTest({ config: perSession, trustProxy: true });
    const first = await list(t, { 'x-forwarded-for': '10.0.0.1' });
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{24}; Path=/; HttpOnly; SameSite=Lax$`));
    const cookie = setCookie.split(';')[0] as string;
    // same cookie from another IP: same session, so its bucket is empty
    const again = await list(t, { 'x-forwarded-for': '10.0.0.2', cookie });
    expect(again.status).toBe(429);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.headers['retry-after']).toBe('120');
    // no cookie: a new session
    expect((await list(t, { 'x-forwarded-for': '10.0.0.3' })).status).toBe(200);
  });

  it('X-Session names the session for API clients and sets no cookie', async () => {
    t = await startTest({ config: perSession });
    const a = await list(t, { 'x-session': 'api-client-1' });
    expect(a.status).toBe(200);
    expect(a.headers['set-cookie']).toBeUndefined();
    expect((await list(t, { 'x-session': 'api-client-1' })).status).toBe(429);
    expect((await list(t, { 'x-session': 'api-client-2' })).status).toBe(200);
  });

  it('replaces a malformed cookie', async () => {
    t = await startTest({ config: perSession });
    const r = await list(t, { cookie: `${SESSION_COOKIE}=<bad>` });
    expect(r.status).toBe(200);
    expect(String(r.headers['set-cookie'])).toMatch(/^guichet_session=[A-Za-z0-9_-]+;/);
  });
});

describe('helpers', () => {
  it('normalizes IPv4-mapped addresses and reads cookies', () => {
    expect(normalizeIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeIp('::1')).toBe('::1');
    expect(readCookie('a=1; guichet_session=xyz; b=2', 'guichet_session')).toBe('xyz');
    expect(readCookie('guichet_sessionx=1', 'guichet_session')).toBeUndefined();
    expect(readCookie(undefined, 'a')).toBeUndefined();
  });
});
