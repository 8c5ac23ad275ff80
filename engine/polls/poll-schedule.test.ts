import { describe, expect, it } from 'vitest';
import { parisDate } from '../../target/domain/calendar.js';
import { ActiveClock } from '../kernel/active-clock.js';
import { ParisDays } from '../kernel/paris-days.js';
import { AgentRun, BOT } from '../agents/agent-run.js';
import { HeapSpace, IndexedHeap } from '../kernel/indexed-heap.js';
import { drawPrefix, Rng } from '../rng.js';
import { firstPollFrom, pollTime, throttled } from './poll-schedule.js';

const MONDAY = parisDate('2019-01-07');
const host = { onAgentEvent() {} };

function watcher(seed: number, every: number, jitter: number, clock: ActiveClock | null, pass = 1): AgentRun {
  const a = new AgentRun(host, 0, `a${seed}`, BOT, 0, 0, 37.5, seed, pass);
  a.passRate = pass;
  a.wEvery = every;
  a.wJitter = jitter;
  a.wClock = clock;
  a.wA0 = clock ? clock.toActive(MONDAY) : MONDAY;
  a.wSeq = 1;
  a.wDraws = drawPrefix(seed, 1);
  return a;
}

describe('poll schedule', () => {
  const clock = new ActiveClock(new ParisDays(MONDAY - 86_400_000, 100), 8 * 60, 22 * 60);

  it('finds the first poll at or after any time exactly as a scan would', () => {
    const rng = new Rng(5);
    for (const [every, jitter, c] of [[1000, 100, null], [1000, 1000, null], [3_600_000, 3_600_000, clock], [100, 0, null]] as const) {
      const a = watcher(rng.int(1e6), every, jitter, c);
      let prev = -Infinity;
      const times: number[] = [];
      for (let k = 0; k < 3000; k++) {
        const t = pollTime(a, k);
        expect(t).toBeGreaterThanOrEqual(prev);
        prev = t;
        times.push(t);
      }
      for (let n = 0; n < 200; n++) {
        const t = times[0]! + rng.next() * (times[2500]! - times[0]!);
        const k = firstPollFrom(a, t);
        expect(times[k]! >= t && (k === 0 || times[k - 1]! < t)).toBe(true);
        const strict = firstPollFrom(a, times[k]!, true);
        expect(times[strict]!).toBeGreaterThan(times[k]!);
      }
    }
  });

  it('never polls outside active hours', () => {
    const a = watcher(3, 14 * 3_600_000 / 3, 14 * 3_600_000 / 3, clock);
    // 150 checks: seven weeks, all before daylight saving time (Paris is then UTC+1)
    for (let k = 0; k < 150; k++) {
      const local = new Date(pollTime(a, k) - a.latency + 3_600_000);
      expect(local.getUTCHours()).toBeGreaterThanOrEqual(8);
      expect(local.getUTCHours()).toBeLessThan(22);
    }
  });

  it('throttles the share of polls the fluid rate limit lets through', () => {
    const a = watcher(9, 1000, 0, null, 0.25);
    let passed = 0;
    for (let k = 0; k < 20_000; k++) if (!throttled(a, k)) passed++;
    expect(passed / 20_000).toBeGreaterThan(0.23);
    expect(passed / 20_000).toBeLessThan(0.27);
    expect(throttled(watcher(9, 1000, 0, null, 1), 5)).toBe(false);
  });
});

describe('IndexedHeap', () => {
  it('keeps the minimum under inserts, updates, removals and batch re-keys (ties by agent index)', () => {
    const space = new HeapSpace(200);
    const heap = new IndexedHeap(space);
    const ref = new Map<number, number>();
    const rng = new Rng(11);
    for (let step = 0; step < 5000; step++) {
      const agent = rng.int(200);
      if (rng.chance(0.05)) {
        // a channel waking at t: every key below t moves to t or later
        const t = rng.int(50);
        const rekey = (a: number) => t + (a % 7);
        heap.rekeyBelow(t, rekey);
        for (const [a, k] of ref) if (k < t) ref.set(a, rekey(a));
      } else if (rng.chance(0.2)) {
        heap.remove(agent);
        ref.delete(agent);
      } else {
        const key = rng.int(50);
        heap.set(agent, key);
        ref.set(agent, key);
      }
      const best = [...ref.entries()].sort((x, y) => x[1] - y[1] || x[0] - y[0])[0];
      expect(heap.size).toBe(ref.size);
      expect(heap.min()).toBe(best ? best[0] : -1);
    }
  });
});
