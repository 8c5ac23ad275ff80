/**
 * Traffic of a live run per wall-clock second: people's and bots' requests, errors and p95
 * latency, and the raw flood's requests. A request counts in the second its answer came (as
 * k6 stamps its samples at the end of a request), so a second's latency is known with it and a
 * slow second shows where the wait ended. Seconds with no request at all are left out: between
 * releases the clock fast-forwards and those seconds carry nothing.
 */
import type { TrafficSecond } from './live-types.js';

interface Second {
  at: number;
  people: { requests: number; errors: number; latencies: number[] };
  bots: { requests: number; errors: number; latencies: number[] };
  flood?: { requests: number; errors: number };
}

/** The exact p95 of a second's latencies (a second holds few enough to sort). */
function p95(latencies: number[]): number {
  if (latencies.length === 0) return 0;
  const sorted = Float64Array.from(latencies).sort();
  return Math.round(sorted[Math.ceil(0.95 * sorted.length) - 1]! * 1000) / 1000;
}

export class TrafficSeconds {
  private readonly seconds = new Map<number, Second>();

  /** `startedAt`: wall time (ms, the clock requests are timed with) of second 0; `virtualNow`: the simulated time, stamped on a second when it is first touched. */
  constructor(private readonly startedAt: number, private readonly virtualNow: () => number) {}

  private second(wallMs: number): Second {
    const t = Math.max(0, Math.floor((wallMs - this.startedAt) / 1000));
    let s = this.seconds.get(t);
    if (!s) {
      s = { at: this.virtualNow(), people: { requests: 0, errors: 0, latencies: [] }, bots: { requests: 0, errors: 0, latencies: [] } };
      this.seconds.set(t, s);
    }
    return s;
  }

  request(who: 'people' | 'bots', endedAt: number, latencyMs: number, error: boolean): void {
    const side = this.second(endedAt)[who];
    side.requests++;
    if (error) side.errors++;
    side.latencies.push(latencyMs);
  }

  flood(wallMs: number, requests: number, errors: number): void {
    const s = this.second(wallMs);
    s.flood ??= { requests: 0, errors: 0 };
    s.flood.requests += requests;
    s.flood.errors += errors;
  }

  /** The seconds with traffic, in order. */
  list(): TrafficSecond[] {
    return [...this.seconds.entries()].sort(([a], [b]) => a - b).map(([t, s]) => ({
      t,
      at: s.at,
      people: { requests: s.people.requests, errors: s.people.errors, p95: p95(s.people.latencies) },
      bots: { requests: s.bots.requests, errors: s.bots.errors, p95: p95(s.bots.latencies) },
      ...(s.flood ? { flood: { ...s.flood } } : {}),
    }));
  }
}
