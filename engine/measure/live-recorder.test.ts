import { describe, expect, it } from 'vitest';
import type { WireAnswer } from '../drivers/driver.js';
import { latencyHistogram, recordMs, summarizeHistogram } from './latency-histogram.js';
import { isTrafficError, LiveRecorder, type LivePopulation } from './live-recorder.js';

const POPULATIONS: LivePopulation[] = [
  { id: 'people', kind: 'people', client: 'http' },
  { id: 'cybercafe', kind: 'crew', client: 'http' },
  { id: 'snipers', kind: 'crew', client: 'browser' },
];

const ok: WireAnswer = { outcome: { kind: 'slots', slots: [] }, status: 200 };
const limited: WireAnswer = { outcome: { kind: 'rejected', rejected: 'RATE_LIMITED' }, status: 429 };
const taken: WireAnswer = { outcome: { kind: 'rejected', rejected: 'SLOT_TAKEN' }, status: 409 };
const timeout: WireAnswer = { outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: 0, failure: 'timeout' };
const refused: WireAnswer = { outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: 0, failure: 'connection' };
const crash: WireAnswer = { outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: 503 };

/** A recorder whose wall clock starts at 10,000 ms and whose simulated clock the test moves. */
function recorder(): { rec: LiveRecorder; sim: { now: number }; wall: { now: number } } {
  const sim = { now: Date.UTC(2019, 0, 6, 19, 0) };
  const wall = { now: 10_000 };
  const rec = new LiveRecorder(POPULATIONS, { virtualNow: () => sim.now }, () => wall.now);
  return { rec, sim, wall };
}

describe('summarizeHistogram', () => {
  it('is all zero for an empty histogram', () => {
    expect(summarizeHistogram(latencyHistogram())).toEqual({ count: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 });
  });

  it('reads percentiles in ms within the histogram\'s 0.1 % precision', () => {
    const h = latencyHistogram();
    for (let k = 1; k <= 1000; k++) recordMs(h, k); // 1 ms … 1 s
    const s = summarizeHistogram(h);
    expect(s.count).toBe(1000);
    for (const [got, want] of [[s.p50, 500], [s.p90, 900], [s.p95, 950], [s.p99, 990], [s.max, 1000], [s.mean, 500.5]] as const) {
      expect(Math.abs(got - want) / want).toBeLessThan(0.001);
    }
  });

  it('clamps what it cannot hold instead of losing the request', () => {
    const h = latencyHistogram();
    recordMs(h, -3);
    recordMs(h, 120_000);
    const s = summarizeHistogram(h);
    expect(s.count).toBe(2);
    expect(s.max).toBeGreaterThanOrEqual(59_900);
    expect(() => recordMs(h, Number.NaN)).toThrow(/finite/);
  });
});

describe('LiveRecorder', () => {
  it('corrects for coordinated omission: latency counts the wait a slow answer imposed on the schedule, service does not', () => {
    const { rec } = recorder();
    // people poll once a second from t = 10 s; the first answer takes 3 s, so the polls due at
    // 11 s and 12 s leave at 13 s; the rest are on time; every answer but the first takes 10 ms
    const t0 = 10_000;
    rec.request(0, 'list', t0, t0, t0 + 3000, ok);
    rec.request(0, 'list', t0 + 1000, t0 + 3000, t0 + 3010, ok);
    rec.request(0, 'list', t0 + 2000, t0 + 3010, t0 + 3020, ok);
    for (let k = 3; k < 100; k++) rec.request(0, 'list', t0 + k * 1000, t0 + k * 1000, t0 + k * 1000 + 10, ok);
    const people = rec.summary().populations[0]!;
    const list = people.routes.list!;
    expect(list.latency.count).toBe(100);
    expect(list.latency.max).toBeCloseTo(3000, -1);
    // three requests of 100 waited ≥ 1 s: the p99 sees them; measured from sentAt it sees 10 ms
    expect(list.latency.p99).toBeGreaterThan(1000);
    expect(list.service.p99).toBeCloseTo(10, 0);
    expect(list.service.max).toBeCloseTo(3000, -1);
    expect(list.latency.mean).toBeGreaterThan(list.service.mean);
    expect(people.all.latency).toEqual(list.latency);
  });

  it('never measures a negative wait when a request is sent before it was due', () => {
    const { rec } = recorder();
    rec.request(1, 'book', 10_500, 10_400, 10_450, ok);
    expect(rec.summary().populations[1]!.all.latency.max).toBeCloseTo(50, 0);
  });

  it('counts statuses, refusal codes, timeouts and connection errors per population and route', () => {
    const { rec } = recorder();
    const at = 10_000;
    rec.request(0, 'list', at, at, at + 5, ok);
    rec.request(0, 'list', at, at, at + 5, limited);
    rec.request(0, 'book', at, at, at + 5, taken);
    rec.request(0, 'book', at, at, at + 10_000, timeout);
    rec.request(1, 'list', at, at, at + 1, refused);
    rec.request(1, 'list', at, at, at + 1, crash);
    const [people, cafe, snipers] = rec.summary().populations;
    expect(people!.routes.list).toMatchObject({ statuses: { 200: 1, 429: 1 }, rejections: { RATE_LIMITED: 1 }, timeouts: 0, connectionErrors: 0 });
    expect(people!.routes.book).toMatchObject({ statuses: { 0: 1, 409: 1 }, rejections: { SLOT_TAKEN: 1, UNAVAILABLE: 1 }, timeouts: 1 });
    expect(people!.all).toMatchObject({ statuses: { 0: 1, 200: 1, 409: 1, 429: 1 }, timeouts: 1, connectionErrors: 0 });
    expect(people!.all.latency.count).toBe(4);
    expect(cafe).toMatchObject({ id: 'cybercafe', kind: 'crew', client: 'http' });
    expect(cafe!.all).toMatchObject({ statuses: { 0: 1, 503: 1 }, rejections: { UNAVAILABLE: 2 }, timeouts: 0, connectionErrors: 1 });
    expect(Object.keys(cafe!.routes)).toEqual(['list']);
    expect(snipers).toMatchObject({ id: 'snipers', client: 'browser', routes: {} });
    expect(snipers!.all.latency.count).toBe(0);
  });

  it('counts no answer, 5xx and UNAVAILABLE as errors, not the target\'s refusals', () => {
    expect([ok, limited, taken].map(isTrafficError)).toEqual([false, false, false]);
    expect([timeout, refused, crash].map(isTrafficError)).toEqual([true, true, true]);
    expect(isTrafficError({ outcome: { kind: 'ok' }, status: 200, failure: 'protocol' })).toBe(true);
  });

  it('keeps traffic per wall second of the answer: people vs bots, errors, p95, the simulated time and the flood', () => {
    const { rec, sim, wall } = recorder();
    const second0 = sim.now;
    for (let k = 0; k < 20; k++) rec.request(0, 'list', 10_000, 10_000, 10_100 + k * 10, ok); // 100 … 290 ms, second 0
    rec.request(1, 'list', 10_000, 10_500, 10_600, crash);
    sim.now += 60_000;
    const second2 = sim.now;
    rec.request(2, 'book', 11_900, 11_900, 12_100, limited); // ends in second 2
    rec.request(0, 'book', 12_000, 12_000, 12_050, timeout);
    wall.now = 12_950; // a tick of the flood's second [11.95 s, 12.95 s): mostly the recorder's second 2
    rec.floodSecond(300, 12);
    wall.now = 16_010; // a tick just after second 5 ended
    rec.floodSecond(200, 0);
    const traffic = rec.summary().traffic;
    expect(traffic.map((s) => s.t)).toEqual([0, 2, 5]);
    expect(traffic[0]).toEqual({ t: 0, at: second0, people: { requests: 20, errors: 0, p95: 280 }, bots: { requests: 1, errors: 1, p95: 600 } });
    expect(traffic[1]).toEqual({
      t: 2, at: second2, people: { requests: 1, errors: 1, p95: 50 }, bots: { requests: 1, errors: 0, p95: 200 }, flood: { requests: 300, errors: 12 },
    });
    expect(traffic[2]).toMatchObject({ t: 5, people: { requests: 0, p95: 0 }, flood: { requests: 200, errors: 0 } });
  });

  it('refuses populations out of order and requests of an unknown population or route', () => {
    const { rec } = recorder();
    expect(() => rec.request(3, 'list', 0, 0, 1, ok)).toThrow(/no population 3/);
    expect(() => rec.request(0, 'poll' as 'list', 0, 0, 1, ok)).toThrow(/unknown route "poll"/);
    expect(() => new LiveRecorder([POPULATIONS[1]!], { virtualNow: () => 0 })).toThrow(/population 0 must be people/);
  });
});
