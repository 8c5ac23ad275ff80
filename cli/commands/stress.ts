/**
 * `guichet stress <url>`: a quick raw flood of one loopback URL (a guichet target or any service
 * on this machine) with the flood engine of live runs (engine/live/flood): a rate, a ramp, both
 * bounds (duration and request count), optional X-Forwarded-For rotation over documentation
 * IPs, and a result table (or the FloodSummary as JSON). Before flooding it checks the host is
 * loopback and sends one GET, so a typo in the port is a one-line error, not a flood of
 * connection errors.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { request } from 'undici';
import { runFlood } from '../../engine/live/flood/run-flood.js';
import { loopbackUrl, type FloodSpec } from '../../engine/live/flood/spec.js';
import { MAX } from '../../scenarios/schema/bounds.js';
import { InputError } from '../../scenarios/input-error.js';
import { DURATION_RE, durationMs } from '../../target/domain/time-units.js';
import { integerIn } from '../options.js';
import { stressProgress, stressTable, type StressAsk } from './stress-output.js';

export interface StressCliOptions {
  rate: number;
  connections: number;
  duration: number;
  ramp: number;
  maxRequests?: number;
  ips?: number;
  timeout: number;
  json: boolean;
  quiet: boolean;
}

/** "30s", "2m", "1500ms" or a plain number of seconds → seconds, at most `max` (0 allowed only when `zero`). */
export function seconds(max: number, zero: boolean) {
  return (text: string): number => {
    const t = text.trim();
    const s = /^\d+(\.\d+)?$/.test(t) ? Number(t) : DURATION_RE.test(t) ? durationMs(t) / 1000 : Number.NaN;
    if (!(s <= max && (zero ? s >= 0 : s > 0))) {
      throw new InvalidArgumentError(`expected a duration such as "30s" or "2m", ${zero ? '0 or more' : 'above 0'} and at most ${max} s, got "${text}"`);
    }
    return s;
  };
}

/** n distinct IPv4s of the documentation ranges (RFC 5737): nobody's real address. */
export const DOC_NETS = ['192.0.2', '198.51.100', '203.0.113'] as const;
export const MAX_DOC_IPS = DOC_NETS.length * 254;
export function documentationIps(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${DOC_NETS[Math.floor(i / 254)]}.${(i % 254) + 1}`);
}

/** One GET before the flood: any HTTP answer will do; no answer is bad input (exit 2). */
export async function checkReachable(url: URL, timeoutMs = 5000): Promise<void> {
  // undici's request rather than fetch: fetch refuses some ports ("bad port": 9, 6000…) a target may use
  try {
    const res = await request(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
    await res.body.dump();
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = (e as { name?: string }).name === 'TimeoutError' || code === 'UND_ERR_ABORTED' ? `no answer within ${timeoutMs / 1000} s`
      : code === 'ECONNREFUSED' ? 'connection refused'
        : e instanceof Error ? e.message : String(e);
    throw new InputError('TARGET_UNREACHABLE',
      `cannot reach ${url.href}: ${why} (is the target running? \`guichet target --port ${url.port || 80}\` starts one)`, { cause: e });
  }
}

/** The flood a command line asks for, checked; throws bad input on flags that contradict each other. */
export function stressAsk(urlText: string, o: StressCliOptions): { url: URL; ask: StressAsk; spec: FloodSpec } {
  const url = loopbackUrl(urlText);
  if (o.ramp > o.duration) throw new InputError('FLAGS_CONFLICT', `--ramp (${o.ramp} s) is longer than --duration (${o.duration} s): the flood would end before its full rate`);
  const maxRequests = o.maxRequests ?? Math.min(MAX.floodRequests, Math.max(1, Math.ceil(o.rate * o.duration)));
  const path = `${url.pathname}${url.search}`;
  const spec: FloodSpec = { name: 'stress', path, rate: o.rate, connections: o.connections, rampSeconds: o.ramp, seconds: o.duration, maxRequests };
  const ask: StressAsk = { url: url.href, rate: o.rate, connections: o.connections, seconds: o.duration, rampSeconds: o.ramp, maxRequests, ips: o.ips ?? 0 };
  return { url, ask, spec };
}

async function run(urlText: string, o: StressCliOptions): Promise<void> {
  const { url, ask, spec } = stressAsk(urlText, o);
  await checkReachable(url);
  const progress = stressProgress(ask, { quiet: o.quiet || o.json, stream: process.stderr });
  // Ctrl-C stops the flood and still prints what it measured
  const abort = new AbortController();
  const interrupt = () => abort.abort();
  process.once('SIGINT', interrupt);
  try {
    const summary = await runFlood(spec, {
      url: url.origin, signal: abort.signal, ips: documentationIps(o.ips ?? 0), timeoutSeconds: o.timeout,
      onSecond: (r, e) => progress.second(r, e),
    });
    process.stdout.write(o.json ? `${JSON.stringify(summary, null, 2)}\n` : `${stressTable(ask, summary).join('\n')}\n`);
  } finally {
    process.off('SIGINT', interrupt);
  }
}

export function registerStress(program: Command): void {
  program
    .command('stress')
    .description('flood one loopback URL with raw GET requests (autocannon): latency percentiles, statuses, errors')
    .argument('<url>', 'URL to flood, path included; host 127.0.0.1, ::1 or localhost only')
    .option('--rate <n>', `requests per second asked for, overall (1-${MAX.floodRate})`, integerIn(1, MAX.floodRate), 100)
    .option('--connections <n>', `sockets kept open (1-${MAX.floodConnections})`, integerIn(1, MAX.floodConnections), 10)
    .addOption(new Option('--duration <time>', `how long to flood, e.g. 30s or 2m; at most ${MAX.floodSeconds} s`)
      .argParser(seconds(MAX.floodSeconds, false)).default(10, '10s'))
    .addOption(new Option('--ramp <time>', 'linear ramp from ~0 to --rate at the start, in at most 4 steps (e.g. 5s)')
      .argParser(seconds(MAX.floodSeconds, true)).default(0, 'none'))
    .option('--max-requests <n>', `stop after this many requests (default: rate × duration; at most ${MAX.floodRequests})`, integerIn(1, MAX.floodRequests))
    .option('--ips <n>', `rotate n documentation IPs (RFC 5737) in X-Forwarded-For, at most ${MAX_DOC_IPS}`, integerIn(1, MAX_DOC_IPS))
    .option('--timeout <seconds>', 'seconds before a request without an answer counts as a timeout (1-60)', integerIn(1, 60), 10)
    .option('--json', 'print the result as JSON (the FloodSummary of result.json) instead of the table', false)
    .option('--quiet', 'no progress lines on stderr', false)
    .addHelpText('after', `
Floods go to this machine only (a target is tested where it runs, never someone else's server)
and are bounded twice, by --duration and by --max-requests. --ips needs a target that takes
the client IP from X-Forwarded-For (\`guichet target --trust-proxy\`), so its per-IP rate limit
sees n clients. Exit code 2 on bad input: a bad flag, a host other than loopback, a target
that does not answer.

Examples:
  guichet stress http://127.0.0.1:8080/api/counters/renewal/slots --rate 500 --duration 30s
  guichet stress http://localhost:8080/ --rate 2000 --ramp 10s --duration 1m --ips 50 --json`)
    .action(async (url: string, opts: StressCliOptions) => {
      await run(url, opts);
    });
}
