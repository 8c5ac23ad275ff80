/**
 * What a raw flood is: one GET path of a loopback target, hammered at an overall rate with a
 * linear ramp, and always bounded twice, in time and in count. The bounds are those of the
 * scenario's `load:` section (scenarios/schema/bounds.ts), checked again here because a flood
 * may be asked for without a scenario (`guichet stress`, tests, the live runner).
 */
import { MAX } from '../../../scenarios/schema/bounds.js';

export interface FloodSpec {
  /** the `load:` entry's name, or 'stress' */
  name: string;
  /** GET path on the target, starting with '/' (query allowed) */
  path: string;
  /** requests per second asked for, overall, once the ramp is over */
  rate: number;
  /** sockets kept open to the target (fewer when the rate or the count is smaller) */
  connections: number;
  /** seconds of linear ramp from ~0 to `rate`, at the start; 0 = full rate at once */
  rampSeconds: number;
  /** hard bound: the flood stops after this many seconds, whatever it has sent */
  seconds: number;
  /** hard bound: at most this many requests are sent */
  maxRequests: number;
}

/** A flood the harness will not send: a host other than loopback, or a spec without its bounds. */
export class FloodRefusedError extends Error {
  override readonly name = 'FloodRefusedError';
}

/** the hosts a flood (and a live run's --target) may name */
export const LOOPBACK = new Set(['127.0.0.1', '[::1]', '::1', 'localhost']);

/**
 * The URL of `path` on `base`, refused unless it is http(s) on 127.0.0.1, ::1 or localhost:
 * a flood is a test of a target on this machine, never traffic towards someone else's server.
 * The check is on the URL that will be requested (base and path joined), before any request.
 */
export function loopbackUrl(base: string, path = ''): URL {
  let url: URL;
  try {
    url = new URL(`${base.replace(/\/+$/, '')}${path}`);
  } catch {
    throw new FloodRefusedError(`"${base}${path}" is not a URL (expected e.g. http://127.0.0.1:8080/api/counters/renewal/slots)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FloodRefusedError(`${url.protocol}// is not HTTP: a flood sends http:// or https:// requests`);
  }
  if (url.username || url.password) throw new FloodRefusedError('a flood URL carries no user name or password');
  if (!LOOPBACK.has(url.hostname.toLowerCase())) {
    throw new FloodRefusedError(`host "${url.hostname}" is not loopback: floods go only to 127.0.0.1, ::1 or localhost (a target on this machine)`);
  }
  return url;
}

function check(ok: boolean, what: string, value: unknown, rule: string): void {
  if (!ok) throw new FloodRefusedError(`flood ${what} must be ${rule}, got ${String(value)}`);
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Throws FloodRefusedError unless every field is present and within its bound. */
export function checkSpec(spec: FloodSpec): void {
  check(typeof spec.path === 'string' && spec.path.startsWith('/'), 'path', spec.path, 'a path starting with "/"');
  check(isInt(spec.rate) && spec.rate >= 1 && spec.rate <= MAX.floodRate, 'rate', spec.rate, `a whole number of requests/s from 1 to ${MAX.floodRate}`);
  check(isInt(spec.connections) && spec.connections >= 1 && spec.connections <= MAX.floodConnections,
    'connections', spec.connections, `a whole number from 1 to ${MAX.floodConnections}`);
  check(isNum(spec.seconds) && spec.seconds > 0 && spec.seconds <= MAX.floodSeconds, 'seconds', spec.seconds, `more than 0 and at most ${MAX.floodSeconds}`);
  check(isInt(spec.maxRequests) && spec.maxRequests >= 1 && spec.maxRequests <= MAX.floodRequests,
    'maxRequests', spec.maxRequests, `a whole number from 1 to ${MAX.floodRequests}`);
  check(isNum(spec.rampSeconds) && spec.rampSeconds >= 0 && spec.rampSeconds <= spec.seconds,
    'rampSeconds', spec.rampSeconds, `from 0 to seconds (${spec.seconds})`);
}
