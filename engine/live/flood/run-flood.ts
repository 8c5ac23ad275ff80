/**
 * A raw flood with autocannon's programmatic API: one GET path of a loopback target at a fixed
 * overall rate (after a staged ramp, ramp.ts), bounded in seconds and in requests, stoppable
 * through an AbortSignal. Each request may carry the next IP of a list in X-Forwarded-For, so a
 * target started with trustProxy sees the flood come from those IPs and its per-IP rate limit
 * applies to it as it would to the crews' fleets.
 *
 * What it counts, itself (autocannon's summary has no p95 and no per-second hook):
 * - requests: finished requests, answered (any status) or failed (no answer: connection error or
 *   timeout); a request still in flight when a bound or the signal stops the flood is not counted;
 * - errors: requests without an HTTP answer (timeouts included, also counted apart); a 429 or a
 *   500 is an answer, counted by status;
 * - latency: each answer's response time (request written → response complete, ms) in an HDR
 *   histogram. A flood is a generator, not a person waiting: no coordinated-omission correction.
 */
import autocannon from 'autocannon';
import type { FloodSummary } from '../../measure/live-types.js';
import { LatencyRecorder } from './latency.js';
import { connectableUrl } from './localhost.js';
import { rampStages, type FloodStage } from './ramp.js';
import { checkSpec, FloodRefusedError, loopbackUrl, type FloodSpec } from './spec.js';

export interface FloodOptions {
  /** base URL of the target, e.g. http://127.0.0.1:4100 (loopback only) */
  url: string;
  /** stops the flood (the live runner aborts it when its window ends); an aborted flood still resolves to its summary */
  signal?: AbortSignal;
  /** IPv4s rotated over the requests in X-Forwarded-For; none: no header */
  ips?: readonly string[];
  /** called once a second while the flood runs, and once at the end for the last part-second */
  onSecond?: (requests: number, errors: number) => void;
  /** seconds before a request without an answer counts as a timeout; default 10 */
  timeoutSeconds?: number;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** how often autocannon looks at its stop flag: a bound or an abort takes effect within this */
const SAMPLE_MS = 100;

interface Tally {
  written: number;
  requests: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  latency: LatencyRecorder;
  second: { requests: number; errors: number };
}

/** Floods `spec.path` on `options.url` and resolves to what it saw. Refuses (FloodRefusedError) before any request when the URL is not loopback or the spec is unbounded. */
export async function runFlood(spec: FloodSpec, options: FloodOptions): Promise<FloodSummary> {
  checkSpec(spec);
  const url = loopbackUrl(options.url, spec.path);
  const ips = options.ips ?? [];
  for (const ip of ips) if (!IPV4.test(ip)) throw new FloodRefusedError(`"${ip}" is not an IPv4 address (X-Forwarded-For of a flood)`);
  const timeout = options.timeoutSeconds ?? 10;
  if (!(Number.isFinite(timeout) && timeout >= 1)) throw new FloodRefusedError(`flood timeout must be at least 1 second, got ${timeout}`);

  const tally: Tally = {
    written: 0, requests: 0, errors: 0, timeouts: 0, statuses: {}, latency: new LatencyRecorder(), second: { requests: 0, errors: 0 },
  };
  const flushSecond = () => {
    options.onSecond?.(tally.second.requests, tally.second.errors);
    tally.second = { requests: 0, errors: 0 };
  };
  const target = await connectableUrl(url);
  const started = performance.now();
  const ticker = options.onSecond ? setInterval(flushSecond, 1000) : undefined;
  ticker?.unref();
  try {
    for (const stage of rampStages(spec)) {
      if (options.signal?.aborted || tally.written >= spec.maxRequests) break;
      await runStage(target, url.host, stage, spec, { ...options, ips, timeout }, tally);
    }
  } finally {
    if (ticker) clearInterval(ticker);
  }
  if (options.onSecond && (tally.second.requests > 0 || tally.second.errors > 0)) flushSecond();
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  return {
    name: spec.name, path: spec.path, connections: spec.connections, rate: spec.rate, seconds,
    requests: tally.requests, rps: seconds > 0 ? Math.round((tally.requests / seconds) * 10) / 10 : 0,
    statuses: tally.statuses, errors: tally.errors, timeouts: tally.timeouts, latency: tally.latency.summary(),
  };
}

type StageOptions = FloodOptions & { ips: readonly string[]; timeout: number };

function runStage(url: URL, host: string, stage: FloodStage, spec: FloodSpec, o: StageOptions, tally: Tally): Promise<void> {
  const remaining = spec.maxRequests - tally.written;
  // autocannon splits the rate and the count over the sockets: each needs a share of at least one
  const connections = Math.min(spec.connections, stage.rate, remaining);
  let next = 0;
  const forwarded = o.ips.length > 0
    ? (request: autocannon.Request): autocannon.Request => {
      const ip = o.ips[next++ % o.ips.length] as string;
      return { ...request, headers: { ...request.headers, 'x-forwarded-for': ip } };
    }
    : undefined;
  return new Promise<void>((resolve, reject) => {
    const instance = autocannon({
      url: url.href,
      method: 'GET',
      headers: { host },
      connections,
      pipelining: 1,
      overallRate: stage.rate,
      duration: stage.seconds,
      maxOverallRequests: remaining,
      timeout: o.timeout,
      sampleInt: SAMPLE_MS,
      ...(forwarded ? { requests: [{ setupRequest: forwarded }] } : {}),
      // a listener attached here sees every request a socket writes, its first one included
      // (autocannon's own count guesses the first ones); maxOverallRequests bounds them
      setupClient: (client) => {
        (client as NodeJS.EventEmitter).on('request', () => { tally.written++; });
      },
    }, (err) => {
      o.signal?.removeEventListener('abort', stop);
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve();
    });
    function stop() {
      instance.stop();
    }
    o.signal?.addEventListener('abort', stop, { once: true });
    if (o.signal?.aborted) stop();
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      tally.requests++;
      tally.second.requests++;
      const key = String(statusCode);
      tally.statuses[key] = (tally.statuses[key] ?? 0) + 1;
      tally.latency.record(responseTime);
    });
    instance.on('reqError', (e: unknown) => {
      tally.requests++;
      tally.errors++;
      tally.second.requests++;
      tally.second.errors++;
      if (e instanceof Error && e.message === 'request timed out') tally.timeouts++;
    });
  });
}
