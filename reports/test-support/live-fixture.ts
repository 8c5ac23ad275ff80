/**
 * Live blocks for report tests, made the way a live run makes them: a real LiveRecorder fed
 * with the requests of a small deterministic story, and flood latencies through the same HDR
 * summary, so the figures are what the recorder computes, not numbers typed in here.
 *
 * The story: two releases, each a ten-minute race window run at ten times real speed (a minute
 * of wall time). People poll a few times a second; the scalpers' crew about forty times, eighty
 * in the first ten seconds after a release. Under the baseline the target chokes at each
 * release: people's answers slow down, some time out, some get 503; under the other policies
 * the rate limit refuses most of the crew's polls (429) and people's latency stays low.
 */
import type { WireAnswer } from '../../engine/drivers/driver.js';
import type { LiveReplication, RunResult } from '../../engine/result.js';
import { latencyHistogram, recordMs, summarizeHistogram } from '../../engine/measure/latency-histogram.js';
import { LiveRecorder } from '../../engine/measure/live-recorder.js';

export interface LiveFixtureOptions {
  /** the first replication of the first policy fails reconciliation */
  mismatch?: boolean;
}

const RACE_SPEED = 10;
const WINDOW_MS = 10 * 60_000;
/** the window opens two minutes before the release */
const LEAD_MS = 2 * 60_000;

/** Deterministic value in [0, 1) from a few integers. */
function unit(...keys: number[]): number {
  const x = Math.sin(keys.reduce((s, k, i) => s + (k + 1) * [12.9898, 78.233, 37.719, 4.581][i % 4]!, 0)) * 43758.5453;
  return x - Math.floor(x);
}

const answer = (status: number, outcome: WireAnswer['outcome'], failure?: WireAnswer['failure']): WireAnswer =>
  (failure ? { outcome, status, failure } : { outcome, status });
const SLOTS = answer(200, { kind: 'slots', slots: [] });
const BOOKED_LATER = answer(409, { kind: 'rejected', rejected: 'SLOT_TAKEN' });
const LIMITED = answer(429, { kind: 'rejected', rejected: 'RATE_LIMITED' });
const OVERLOADED = answer(503, { kind: 'rejected', rejected: 'UNAVAILABLE' });
const TIMED_OUT = answer(0, { kind: 'rejected', rejected: 'UNAVAILABLE' }, 'timeout');
const DROPPED = answer(0, { kind: 'rejected', rejected: 'UNAVAILABLE' }, 'connection');

function liveReplication(result: RunResult, p: number, r: number, releases: number[], mismatch: boolean): LiveReplication {
  const limited = p > 0;
  const sim = { now: releases[0]! - LEAD_MS };
  const wall = { now: 0 };
  const rec = new LiveRecorder([
    { id: 'people', kind: 'people', client: 'http' },
    ...(result.scenario.crews ?? [{ id: 'cybercafe' }]).map((c) => ({ id: c.id, kind: 'crew' as const, client: 'http' as const })),
  ], { virtualNow: () => sim.now }, () => wall.now);
  const flood = latencyHistogram();
  let floodRequests = 0;
  let floodErrors = 0;
  let floodRefused = 0;
  const windows = releases.map((release) => ({ start: release - LEAD_MS, end: release - LEAD_MS + WINDOW_MS }));
  for (const [w, window] of windows.entries()) {
    const opened = wall.now;
    // the runner records each request when its answer comes, so events are fed in that order,
    // with the simulated clock where it was at that moment
    const events: { ended: number; feed: () => void }[] = [];
    const request = (population: number, route: 'list' | 'book', due: number, sent: number, ended: number, a: WireAnswer) =>
      events.push({ ended, feed: () => rec.request(population, route, due, sent, ended, a) });
    for (let s = 0; s < WINDOW_MS / RACE_SPEED / 1000; s++) {
      const second = opened + s * 1000;
      const sinceRelease = s - LEAD_MS / RACE_SPEED / 1000;
      const rush = sinceRelease >= 0 && sinceRelease < 10;
      const choke = rush && !limited ? 1 : 0;
      const people = 3 + Math.floor(unit(p, r, w, s) * 3);
      for (let k = 0; k < people; k++) {
        const u = unit(p, r, w * 1000 + s, k);
        const due = second + k * (1000 / people);
        // a slow answer delays the next poll: the wait counts in latency, not in service
        const delay = choke ? 400 + u * 1800 : 0;
        const service = 15 + u * 25 + choke * u * 1200;
        const a = choke && u > 0.85 ? TIMED_OUT : choke && u > 0.7 ? OVERLOADED : rush && u < 0.1 ? BOOKED_LATER : SLOTS;
        request(0, k === 0 && rush ? 'book' : 'list', due, due + delay, due + delay + (a === TIMED_OUT ? 10_000 : service), a);
      }
      const bots = rush ? 80 : 40;
      for (let k = 0; k < bots; k++) {
        const u = unit(p, r, w * 1000 + s, 100 + k);
        const due = second + k * (1000 / bots);
        const a = limited && u > 0.2 ? LIMITED : choke && u > 0.9 ? DROPPED : choke && u > 0.8 ? OVERLOADED : SLOTS;
        request(1, rush && k < 4 ? 'book' : 'list', due, due, due + 5 + u * 20 + choke * 300, a);
      }
      // the raw flood polls the slot list all along; the rate limit refuses most of it
      const n = 150 + Math.floor(unit(p, r, s) * 100);
      const errors = limited ? 0 : Math.floor(n * 0.05 * choke);
      for (let k = 0; k < n; k++) recordMs(flood, 2 + unit(p, s, k) * 10 + choke * 500);
      floodRequests += n;
      floodErrors += errors;
      floodRefused += limited ? Math.floor(n * 0.8) : 0;
      events.push({ ended: second + 999, feed: () => rec.floodSecond(n, errors) });
    }
    events.sort((a, b) => a.ended - b.ended);
    for (const e of events) {
      wall.now = e.ended;
      sim.now = window.start + (e.ended - opened) * RACE_SPEED;
      e.feed();
    }
    wall.now = opened + WINDOW_MS / RACE_SPEED + 5000; // the fast-forward to the next release
  }
  const booked = result.policies[p]!.runs[r]!.counts.slotsBooked;
  const bad = mismatch && p === 0 && r === 0;
  const { populations, traffic } = rec.summary();
  return {
    schema: 'guichet.live/v1',
    target: { url: 'http://127.0.0.1:41873', startedByHarness: true, driver: 'http' },
    wallSeconds: wall.now / 1000,
    raceSpeed: RACE_SPEED,
    raceWindows: windows,
    populations,
    traffic,
    // one flood per race window, as a `load:` entry during windows runs: the figures add them up
    floods: windows.map(() => ({
      name: 'slot-list', path: '/api/counters/renewal/slots', connections: 20, rate: 250, seconds: 60,
      requests: floodRequests / windows.length, rps: floodRequests / (windows.length * 60), statuses: {
        200: (floodRequests - floodErrors - floodRefused) / windows.length,
        ...(floodRefused ? { 429: floodRefused / windows.length } : {}), ...(floodErrors ? { 503: floodErrors / windows.length } : {}),
      },
      errors: floodErrors / windows.length, timeouts: 0, latency: summarizeHistogram(flood),
    })),
    reconciliation: {
      ok: !bad, harnessBookings: booked, targetBookings: bad ? booked + 1 : booked,
      missingInTarget: bad ? ['bk-0192'] : [], unknownToHarness: bad ? ['bk-0388', 'bk-0391'] : [], doubleBooked: bad ? ['renewal-2019-01-21T09:15'] : [],
    },
  };
}

/** `result` with a live block in every replication (two race windows each). */
export function withLive(result: RunResult, options: LiveFixtureOptions = {}): RunResult {
  const start = Date.parse(`${result.scenario.start}T00:00:00Z`);
  // Sunday 20:00 Paris (19:00 UTC in winter) of the first two weeks
  const releases = [0, 7].map((d) => start + d * 86_400_000 + 19 * 3_600_000);
  return {
    ...result,
    policies: result.policies.map((policy, p) => ({
      ...policy,
      runs: policy.runs.map((run, r) => ({ ...run, live: liveReplication(result, p, r, releases, options.mismatch === true) })),
    })),
  };
}
