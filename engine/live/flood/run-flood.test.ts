/**
 * runFlood against the real target (startTarget, 127.0.0.1 port 0): what it counts is what the
 * server saw, the bounds and the signal stop it, X-Forwarded-For reaches the per-IP rate limit,
 * and a non-loopback URL gets no request at all. Floods are short and small: the CPU is shared.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TargetConfigInput } from '../../../target/domain/policy.js';
import { startTarget, type RunningTarget } from '../../../target/http/server.js';
import { runFlood } from './run-flood.js';
import { FloodRefusedError, type FloodSpec } from './spec.js';

const LIST = '/api/counters/renewal/slots';
const SPEC: FloodSpec = { name: 'test', path: LIST, rate: 400, connections: 8, rampSeconds: 0, seconds: 2, maxRequests: 120 };
/** frozen: the rate limiter's buckets never refill, so what passes is exactly the capacity */
const MONDAY = Date.UTC(2019, 0, 7, 9, 0);
const CONFIG: TargetConfigInput = { release: { kind: 'continuous', horizon: '1w' } };

let target: RunningTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

async function start(config: TargetConfigInput = CONFIG, trustProxy = false): Promise<RunningTarget> {
  target = await startTarget({ config, trustProxy, clock: { now: () => MONDAY }, log: () => {} });
  return target;
}

/** requests the target counted on the slot list, by status */
async function served(t: RunningTarget): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const v of (await t.metrics.requests.get()).values) {
    if (v.labels.route === '/api/counters/:counter/slots') out[String(v.labels.status)] = (out[String(v.labels.status)] ?? 0) + v.value;
  }
  return out;
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

describe('runFlood', () => {
  it('stops at maxRequests, and counts what the target answered', async () => {
    const t = await start();
    const seconds: [number, number][] = [];
    const s = await runFlood(SPEC, { url: t.url, onSecond: (r, e) => seconds.push([r, e]) });
    expect(s.requests).toBe(120);
    expect(s.statuses).toEqual({ 200: 120 });
    expect(await served(t)).toEqual({ 200: 120 });
    expect(s).toMatchObject({ name: 'test', path: LIST, rate: 400, connections: 8, errors: 0, timeouts: 0 });
    expect(s.latency.count).toBe(120);
    expect(s.latency.p50).toBeGreaterThan(0);
    expect(s.latency.p50).toBeLessThanOrEqual(s.latency.p95);
    expect(s.latency.p95).toBeLessThanOrEqual(s.latency.p99);
    expect(s.latency.p99).toBeLessThanOrEqual(s.latency.max);
    // the per-second callback saw every request, and no error
    expect(seconds.reduce((n, [r]) => n + r, 0)).toBe(120);
    expect(seconds.every(([, e]) => e === 0)).toBe(true);
  });

  it('stops after `seconds` at the asked rate, well below maxRequests', async () => {
    const t = await start();
    const s = await runFlood({ ...SPEC, rate: 40, connections: 4, seconds: 1.2, maxRequests: 100_000 }, { url: t.url });
    // 1.2 s at 40/s: at most two seconds' budgets (each socket sends its share at each second's start)
    expect(s.requests).toBeGreaterThan(0);
    expect(s.requests).toBeLessThanOrEqual(80);
    expect(sum(await served(t))).toBeGreaterThanOrEqual(s.requests);
    expect(sum(await served(t))).toBeLessThanOrEqual(s.requests + 4);
  });

  it('stops when its signal aborts, and never starts when it is aborted already', async () => {
    const t = await start();
    const abort = new AbortController();
    // 50/s for 5 s would be 250 requests: the first second's report stops it
    const s = await runFlood({ ...SPEC, rate: 50, connections: 5, seconds: 5, maxRequests: 10_000 }, {
      url: t.url, signal: abort.signal, onSecond: () => abort.abort(),
    });
    expect(s.requests).toBeGreaterThan(0);
    expect(s.requests).toBeLessThanOrEqual(100);
    const before = sum(await served(t));
    expect(before).toBeLessThanOrEqual(s.requests + 5);

    const none = await runFlood(SPEC, { url: t.url, signal: AbortSignal.abort() });
    expect(none.requests).toBe(0);
    expect(sum(await served(t))).toBe(before);
  });

  it('rotates X-Forwarded-For: the per-IP rate limit counts each IP apart', async () => {
    const limited: TargetConfigInput = { ...CONFIG, measures: { rateLimit: { perIp: { capacity: 20, refillPerMinute: 1 } } } };
    const flood = { ...SPEC, maxRequests: 100 };
    const ips = (n: number) => Array.from({ length: n }, (_, i) => `198.51.100.${i + 1}`);

    let t = await start(limited, true);
    // two IPs, 50 requests each: 20 pass per IP (the frozen clock refills nothing), the rest are refused
    expect((await runFlood(flood, { url: t.url, ips: ips(2) })).statuses).toEqual({ 200: 40, 429: 60 });
    await t.close();

    t = await start(limited, true);
    // ten IPs, 10 requests each: all within capacity
    expect((await runFlood(flood, { url: t.url, ips: ips(10) })).statuses).toEqual({ 200: 100 });
    await t.close();

    // without the measure, a single IP is never refused
    t = await start(CONFIG, true);
    expect((await runFlood(flood, { url: t.url, ips: ['203.0.113.250'] })).statuses).toEqual({ 200: 100 });
  });

  it('counts a request without an answer as an error', async () => {
    // a server that closes every socket at once: no HTTP answer ever
    const rude: Server = createServer();
    rude.on('connection', (socket) => socket.destroy());
    await new Promise<void>((resolve) => rude.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = rude.address() as AddressInfo;
      const s = await runFlood({ ...SPEC, rate: 20, connections: 2, seconds: 1, maxRequests: 20 }, { url: `http://127.0.0.1:${port}` });
      expect(s.errors).toBeGreaterThan(0);
      expect(s.requests).toBe(s.errors);
      expect(s.statuses).toEqual({});
      expect(s.latency.count).toBe(0);
    } finally {
      rude.closeAllConnections();
      await new Promise((resolve) => rude.close(resolve));
    }
  });

  it('counts a request left without an answer past the timeout as a timeout', async () => {
    // a server that reads requests and never answers
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const s = await runFlood({ ...SPEC, rate: 1, connections: 1, seconds: 2.5, maxRequests: 5 }, { url: `http://127.0.0.1:${port}`, timeoutSeconds: 1 });
      expect(s.timeouts).toBeGreaterThanOrEqual(1);
      expect(s.errors).toBe(s.timeouts);
      expect(s.requests).toBe(s.errors);
      expect(s.latency.count).toBe(0);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('floods localhost on whichever loopback address the target listens on', async () => {
    for (const host of ['127.0.0.1', '::1']) {
      const t = await startTarget({ host, config: CONFIG, log: () => {} });
      try {
        const s = await runFlood({ ...SPEC, maxRequests: 20 }, { url: `http://localhost:${t.port}` });
        expect(s.statuses, host).toEqual({ 200: 20 });
      } finally {
        await t.close();
      }
    }
  });

  it('refuses a host other than loopback before any request', async () => {
    let seconds = 0;
    const refused = runFlood(SPEC, { url: 'http://192.0.2.1:80', onSecond: () => { seconds++; } });
    await expect(refused).rejects.toThrow(FloodRefusedError);
    await expect(refused).rejects.toThrow(/host "192\.0\.2\.1" is not loopback/);
    expect(seconds).toBe(0);
    await expect(runFlood(SPEC, { url: 'http://127.0.0.1:1', ips: ['not-an-ip'] })).rejects.toThrow(/"not-an-ip" is not an IPv4 address/);
  });

  it('refuses an unbounded flood', async () => {
    await expect(runFlood({ ...SPEC, maxRequests: Number.POSITIVE_INFINITY }, { url: 'http://127.0.0.1:1' })).rejects.toThrow(FloodRefusedError);
    await expect(runFlood({ ...SPEC, seconds: 601 }, { url: 'http://127.0.0.1:1' })).rejects.toThrow(/seconds must be more than 0 and at most 600/);
  });
});
