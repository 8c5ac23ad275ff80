import { describe, expect, it } from 'vitest';
import { checkSpec, FloodRefusedError, loopbackUrl, type FloodSpec } from './spec.js';

const SPEC: FloodSpec = { name: 'f', path: '/api/counters/renewal/slots', rate: 100, connections: 10, rampSeconds: 0, seconds: 2, maxRequests: 200 };

describe('loopbackUrl', () => {
  it('joins base and path on 127.0.0.1, ::1 and localhost', () => {
    expect(loopbackUrl('http://127.0.0.1:4100/', '/api/x?y=1').href).toBe('http://127.0.0.1:4100/api/x?y=1');
    expect(loopbackUrl('http://[::1]:4100').host).toBe('[::1]:4100');
    expect(loopbackUrl('https://LOCALHOST:8443', '/').hostname).toBe('localhost');
  });

  it('refuses any other host, scheme or credentials', () => {
    for (const [url, why] of [
      ['http://192.0.2.10:80', /host "192\.0\.2\.10" is not loopback/],
      ['http://127.0.0.2:80', /not loopback/],
      ['http://localhost.example.com', /not loopback/],
      ['http://example.com', /not loopback/],
      ['ftp://127.0.0.1', /ftp:\/\/ is not HTTP/],
      ['http://user:pw@127.0.0.1:1', /no user name or password/],
      ['127.0.0.1:8080', /not HTTP|not a URL/],
      ['not a url', /is not a URL/],
    ] as const) {
      expect(() => loopbackUrl(url), url).toThrow(FloodRefusedError);
      expect(() => loopbackUrl(url), url).toThrow(why);
    }
  });

  it('checks the joined URL: a path cannot move the host', () => {
    expect(loopbackUrl('http://127.0.0.1:1', '/@example.com/').hostname).toBe('127.0.0.1');
    expect(() => loopbackUrl('http://127.0.0.1', '.example.com/')).toThrow(/not loopback/);
  });
});

describe('checkSpec', () => {
  it('accepts a bounded spec', () => {
    expect(() => checkSpec(SPEC)).not.toThrow();
  });

  it('refuses a flood without both bounds, or above them', () => {
    const bad: [Partial<FloodSpec>, RegExp][] = [
      [{ seconds: Number.POSITIVE_INFINITY }, /seconds must be more than 0 and at most 600/],
      [{ seconds: 0 }, /seconds/],
      [{ seconds: undefined as unknown as number }, /seconds/],
      [{ maxRequests: 0 }, /maxRequests must be a whole number from 1 to 5000000/],
      [{ maxRequests: 5_000_001 }, /maxRequests/],
      [{ maxRequests: undefined as unknown as number }, /maxRequests/],
      [{ rate: 20_001 }, /rate/],
      [{ rate: 1.5 }, /rate/],
      [{ connections: 0 }, /connections/],
      [{ rampSeconds: 3 }, /rampSeconds must be from 0 to seconds \(2\)/],
      [{ path: 'api' }, /path/],
    ];
    for (const [change, why] of bad) {
      expect(() => checkSpec({ ...SPEC, ...change }), JSON.stringify(change)).toThrow(FloodRefusedError);
      expect(() => checkSpec({ ...SPEC, ...change }), JSON.stringify(change)).toThrow(why);
    }
  });
});
