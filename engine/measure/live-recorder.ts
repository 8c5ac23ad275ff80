/**
 * What a live run measures, fed by the live runner one answer at a time: per population (people,
 * each crew) and per route, HDR histograms of latency and service time, and counters of statuses,
 * refusal codes, timeouts and connection errors; and the traffic of each wall-clock second.
 *
 * Coordinated omission (Gil Tene's term). An agent works through a schedule: poll at 20:00:00,
 * again a second later, and so on. When an answer takes 3 s, the agent's next request leaves
 * late, because the agent (like a person at a browser) waits for one page before asking for the
 * next. A load tool that times each request from when it was sent (`sentAt`) sees one slow
 * request and then fast ones: the seconds the agent spent waiting to send are omitted, exactly
 * when the service was at its worst, and the percentiles look better than what people lived.
 * So each request also carries `intendedAt`, the wall time at which the agent's schedule had it
 * due (its wake-up time, before any delay the previous answers caused), and its latency is
 * measured from there: latency = endedAt − intendedAt, which counts the wait. The uncorrected
 * figure is kept as `service` = endedAt − sentAt (what the server and the network took). k6's
 * arrival-rate executors and wrk2 correct in the same way, by timing from the scheduled start.
 *
 * Errors in the traffic per second are requests with no usable answer: no HTTP answer at all
 * (timeout, connection or protocol failure), a 5xx, or a refusal `UNAVAILABLE`. A refusal with
 * one of the target's codes (429 RATE_LIMITED, a taken slot) is an answer, not an error: it is
 * counted under `rejections`.
 */
import type { Histogram } from 'hdr-histogram-js';
import type { WireAnswer } from '../drivers/driver.js';
import { latencyHistogram, recordMs, summarizeHistogram } from './latency-histogram.js';
import { LIVE_ROUTES, type LiveReplication, type LiveRoute, type PopulationStats, type RouteStats } from './live-types.js';
import { TrafficSeconds } from './live-traffic.js';

/** A population as the runner numbers them: index 0 is people, then the crews in scenario order. */
export interface LivePopulation {
  id: string;
  kind: 'people' | 'crew';
  client: 'http' | 'browser';
}

/** Counters of one population on one route (or on all of them). */
class RouteCounters {
  readonly latency: Histogram = latencyHistogram();
  readonly service: Histogram = latencyHistogram();
  readonly statuses = new Map<number, number>();
  readonly rejections = new Map<string, number>();
  timeouts = 0;
  connectionErrors = 0;

  add(latencyMs: number, serviceMs: number, answer: WireAnswer): void {
    recordMs(this.latency, latencyMs);
    recordMs(this.service, serviceMs);
    this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
    if (answer.outcome.kind === 'rejected') this.rejections.set(answer.outcome.rejected, (this.rejections.get(answer.outcome.rejected) ?? 0) + 1);
    if (answer.failure === 'timeout') this.timeouts++;
    if (answer.failure === 'connection') this.connectionErrors++;
  }

  stats(): RouteStats {
    const record = <K extends string | number>(m: Map<K, number>): Record<string, number> =>
      Object.fromEntries([...m.entries()].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([k, v]) => [String(k), v]));
    return {
      latency: summarizeHistogram(this.latency),
      service: summarizeHistogram(this.service),
      statuses: record(this.statuses),
      rejections: record(this.rejections),
      timeouts: this.timeouts,
      connectionErrors: this.connectionErrors,
    };
  }
}

/** A request with no usable answer (see the module comment). */
export function isTrafficError(answer: WireAnswer): boolean {
  return answer.status === 0 || answer.failure !== undefined || answer.status >= 500
    || (answer.outcome.kind === 'rejected' && answer.outcome.rejected === 'UNAVAILABLE');
}

export class LiveRecorder {
  private readonly all: RouteCounters[];
  private readonly routes: Map<LiveRoute, RouteCounters>[];
  private readonly traffic: TrafficSeconds;

  /**
   * `clock.virtualNow()` is the run's simulated time (epoch ms), stamped on each second of
   * traffic; `wallNow` is the clock requests are timed with (performance.now() in a run), read
   * once here as the start of second 0 and again for each flood second.
   */
  constructor(
    private readonly populations: readonly LivePopulation[],
    clock: { virtualNow(): number },
    private readonly wallNow: () => number = () => performance.now(),
  ) {
    if (populations[0]?.kind !== 'people' || populations.slice(1).some((p) => p.kind !== 'crew')) {
      throw new RangeError('live recorder: population 0 must be people and the others crews');
    }
    this.all = populations.map(() => new RouteCounters());
    this.routes = populations.map(() => new Map());
    this.traffic = new TrafficSeconds(wallNow(), () => clock.virtualNow());
  }

  /**
   * One answered request of `population` (its index). Times are wall ms: `intendedAt` when the
   * agent's schedule had it due, `sentAt` when the driver was called, `endedAt` when it answered.
   */
  request(population: number, route: LiveRoute, intendedAt: number, sentAt: number, endedAt: number, answer: WireAnswer): void {
    const all = this.all[population];
    if (!all) throw new RangeError(`live recorder: no population ${population} (there are ${this.populations.length})`);
    if (!LIVE_ROUTES.includes(route)) throw new RangeError(`live recorder: unknown route ${JSON.stringify(route)}`);
    // a request cannot be sent before it was due: an intendedAt after sentAt is the runner's clock skew, not negative wait
    const latency = endedAt - Math.min(intendedAt, sentAt);
    const service = endedAt - sentAt;
    all.add(latency, service, answer);
    const byRoute = this.routes[population]!;
    let counters = byRoute.get(route);
    if (!counters) byRoute.set(route, counters = new RouteCounters());
    counters.add(latency, service, answer);
    this.traffic.request(population === 0 ? 'people' : 'bots', endedAt, latency, isTrafficError(answer));
  }

  /**
   * The raw flood's requests and errors of the second that just ended (autocannon's `tick`). They
   * count in the recorder's second that held the middle of it, half a second ago: a tick fires
   * a little early or late, and the flood's seconds are not aligned with the recorder's.
   */
  floodSecond(requests: number, errors: number): void {
    this.traffic.flood(this.wallNow() - 500, requests, errors);
  }

  summary(): Pick<LiveReplication, 'populations' | 'traffic'> {
    const populations = this.populations.map((p, i): PopulationStats => ({
      id: p.id, kind: p.kind, client: p.client,
      all: this.all[i]!.stats(),
      routes: Object.fromEntries(LIVE_ROUTES.filter((r) => this.routes[i]!.has(r)).map((r) => [r, this.routes[i]!.get(r)!.stats()])),
    }));
    return { populations, traffic: this.traffic.list() };
  }
}
