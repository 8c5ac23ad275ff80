/**
 * The floods of a `load:` section side by side against the real target: `from: one-ip` is one
 * client for the per-IP rate limit, `from: crews` spreads over the crews' fleet IPs; each flood
 * keeps its own bounds and reports its own seconds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ScenarioSchema, type LoadEntry } from '../../../scenarios/schema.js';
import { startTarget, type RunningTarget } from '../../../target/http/server.js';
import { floodIps, floodSpecOf } from './from-load.js';
import { floodWindow } from './flood-window.js';
import { FloodRefusedError } from './spec.js';

const entry = (e: Partial<LoadEntry>): LoadEntry => ({
  name: 'f', counter: 'renewal', rate: 400, connections: 5, rampSeconds: 0, during: 'race', seconds: 2, maxRequests: 60, from: 'crews', ...e,
});

let target: RunningTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

describe('floodWindow', () => {
  it('runs every entry at once, each from its own IPs and within its own bounds', async () => {
    target = await startTarget({
      config: { release: { kind: 'continuous', horizon: '1w' }, measures: { rateLimit: { perIp: { capacity: 15, refillPerMinute: 1 } } } },
      trustProxy: true, clock: { now: () => Date.UTC(2019, 0, 7, 9, 0) }, log: () => {},
    });
    const crewIps = Array.from({ length: 6 }, (_, i) => `10.8.0.${i + 1}`);
    const perSecond = new Map<string, number>();
    const [lone, crews] = await floodWindow([entry({ name: 'lone', from: 'one-ip' }), entry({ name: 'crews', maxRequests: 90 })], {
      url: target.url, crewIps, onSecond: (name, r) => perSecond.set(name, (perSecond.get(name) ?? 0) + r),
    });
    // one IP: 15 pass, 45 refused; six IPs of 15 each: all 90 pass
    expect(lone).toMatchObject({ name: 'lone', path: '/api/counters/renewal/slots', requests: 60, statuses: { 200: 15, 429: 45 } });
    expect(crews).toMatchObject({ name: 'crews', requests: 90, statuses: { 200: 90 } });
    expect(Object.fromEntries(perSecond)).toEqual({ lone: 60, crews: 90 });
  });

  it('refuses them all before any request when one is not bounded', async () => {
    target = await startTarget({ log: () => {} });
    const before = (await target.metrics.requests.get()).values.length;
    await expect(floodWindow([entry({ name: 'ok' }), entry({ name: 'bad', maxRequests: 0 })], { url: target.url, crewIps: [] }))
      .rejects.toThrow(FloodRefusedError);
    expect((await target.metrics.requests.get()).values.length).toBe(before);
  });
});

describe('a load: entry as a flood', () => {
  it('takes its path from the counter, its bounds and ramp from the entry', () => {
    const parsed = ScenarioSchema.shape.load.parse([{ name: 'list', counter: 'first-request', rate: 50, seconds: 3, maxRequests: 100, rampSeconds: 1 }]);
    expect(floodSpecOf(parsed[0]!)).toEqual({
      name: 'list', path: '/api/counters/first-request/slots', rate: 50, connections: 10, rampSeconds: 1, seconds: 3, maxRequests: 100,
    });
  });

  it('comes from the crews, or from one documentation IP', () => {
    expect(floodIps({ from: 'crews' }, ['10.0.0.1', '10.0.0.2', '10.0.0.1'])).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(floodIps({ from: 'one-ip' }, ['10.0.0.1'])).toEqual(['203.0.113.250']);
    // no crew at all: still not loopback's own address, which a target would see as one client anyway
    expect(floodIps({ from: 'crews' }, [])).toEqual(['203.0.113.250']);
  });
});
