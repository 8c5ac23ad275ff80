/**
 * `guichet stress` as a real child process (the TypeScript sources through tsx, only this command
 * registered) against a real target started here on 127.0.0.1:0: the table and the JSON count
 * what the target answered, --ips reaches its per-IP rate limit, and bad input exits 2 with one
 * located line and nothing on stdout. Floods of a second or so, a few hundred requests at most.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FloodSummary } from '../../engine/measure/live-types.js';
import { startTarget, type RunningTarget } from '../../target/http/server.js';
import { documentationIps, stressAsk } from './stress.js';
import { stressTable } from './stress-output.js';

const MAIN = `
import { Command } from 'commander';
const { registerStress } = await import('./cli/commands/stress.ts');
const { runProgram } = await import('./cli/exit-codes.ts');
const program = new Command('guichet').exitOverride();
registerStress(program);
process.exitCode = await runProgram(program, process.argv.slice(1), 'user');
`;

interface Ran { code: number | null; out: string; err: string }

function stress(...args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx/esm', '--input-type=module', '-e', MAIN, 'stress', ...args], { cwd: process.cwd() });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    proc.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    proc.once('exit', (code) => resolve({ code, out, err }));
  });
}

/** requests the target counted on the slot list, by status */
async function served(t: RunningTarget): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const v of (await t.metrics.requests.get()).values) {
    if (v.labels.route === '/api/counters/:counter/slots') out[String(v.labels.status)] = (out[String(v.labels.status)] ?? 0) + v.value;
  }
  return out;
}

const FROZEN = { now: () => Date.UTC(2019, 0, 7, 9, 0) };
let open: RunningTarget;
let limited: RunningTarget;
beforeAll(async () => {
  open = await startTarget({ config: { release: { kind: 'continuous', horizon: '1w' } }, clock: FROZEN, log: () => {} });
  limited = await startTarget({
    config: { release: { kind: 'continuous', horizon: '1w' }, measures: { rateLimit: { perIp: { capacity: 10, refillPerMinute: 1 } } } },
    trustProxy: true, clock: FROZEN, log: () => {},
  });
});
afterAll(async () => {
  await open.close();
  await limited.close();
});

describe('guichet stress', () => {
  it('floods, prints progress on stderr and the table on stdout, counting what the target answered', async () => {
    const r = await stress(`${open.url}/api/counters/renewal/slots`, '--rate', '60', '--connections', '4', '--duration', '1.5s', '--max-requests', '150');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^flooding: 1 s of 1.5 s, \d+ requests \(.+\/s\), 0 errors\n/);
    // the target also answered the one GET that checks it is reachable before the flood
    const answered = ((await served(open))['200'] ?? 0) - 1;
    expect(answered).toBeGreaterThan(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe(`guichet stress ${open.url}/api/counters/renewal/slots`);
    expect(lines).toContain('  asked      60/s for 1.5 s, 4 connections, at most 150 requests');
    expect(lines).toContain(`  statuses   200: ${answered.toLocaleString('en-US')}`);
    expect(lines).toContain('  no answer  0 errors, of which 0 timeouts');
    expect(r.out).toMatch(/ {2}latency {4}p50 [\d.]+ ms {2}p90 [\d.]+ ms {2}p95 [\d.]+ ms {2}p99 [\d.]+ ms {2}max [\d.]+ ms/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(100);
  }, 60_000);

  it('--json prints the FloodSummary; --ips spreads the flood over IPs the rate limit counts apart', async () => {
    const r = await stress(`${limited.url}/api/counters/renewal/slots`, '--rate', '200', '--duration', '2s', '--max-requests', '90', '--ips', '3', '--json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const s = JSON.parse(r.out) as FloodSummary;
    expect(s).toMatchObject({ name: 'stress', path: '/api/counters/renewal/slots', rate: 200, connections: 10, requests: 90 });
    // 30 requests from each of 3 IPs, 10 let through per IP (the clock is frozen: no refill)
    expect(s.statuses).toEqual({ 200: 30, 429: 60 });
    // plus the reachability check, from loopback itself (no X-Forwarded-For)
    expect(await served(limited)).toEqual({ 200: 31, 429: 60 });
    expect(s.latency.count).toBe(90);
  }, 60_000);

  it('exits 2 with one line, before any request, on bad input', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const before = await served(open);
    const cases: [string[], RegExp][] = [
      [['http://192.0.2.7:8080/'], /^guichet stress: host "192\.0\.2\.7" is not loopback: floods go only to 127\.0\.0\.1, ::1 or localhost/],
      [[`http://127.0.0.1:${closed}/x`], new RegExp(`^guichet stress: cannot reach http://127\\.0\\.0\\.1:${closed}/x: connection refused`)],
      [[`${open.url}/api/counters/renewal/slots`, '--ramp', '20s'], /^guichet stress: --ramp \(20 s\) is longer than --duration \(10 s\)/],
      [[`${open.url}/`, '--rate', '0'], /^error: option '--rate <n>' argument '0' is invalid\. expected a whole number from 1 to 20000/],
      [[`${open.url}/`, '--duration', '11m'], /argument '11m' is invalid\. expected a duration such as "30s" or "2m", above 0 and at most 600 s/],
    ];
    const runs = await Promise.all(cases.map(([args]) => stress(...args)));
    runs.forEach((r, i) => {
      expect(r.code, cases[i]![0].join(' ')).toBe(2);
      expect(r.err).toMatch(cases[i]![1]);
      expect(r.out).toBe('');
    });
    expect(await served(open)).toEqual(before);
  }, 60_000);
});

describe('stress flags and table', () => {
  const o = { rate: 300, connections: 10, duration: 20, ramp: 0, timeout: 10, json: false, quiet: false };

  it('defaults --max-requests to rate × duration and floods the path of the URL', () => {
    const { spec, url } = stressAsk('http://localhost:8080/api/counters/renewal/slots?x=1', o);
    expect(url.origin).toBe('http://localhost:8080');
    expect(spec).toEqual({ name: 'stress', path: '/api/counters/renewal/slots?x=1', rate: 300, connections: 10, rampSeconds: 0, seconds: 20, maxRequests: 6000 });
  });

  it('names distinct documentation IPs across the three ranges', () => {
    const ips = documentationIps(300);
    expect(new Set(ips).size).toBe(300);
    expect(ips[0]).toBe('192.0.2.1');
    expect(ips[254]).toBe('198.51.100.1');
    expect(ips.every((ip) => /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/.test(ip))).toBe(true);
  });

  it('keeps the table within 100 columns with every row filled', () => {
    const { ask } = stressAsk('http://127.0.0.1:8080/api/counters/first-request/slots', { ...o, rate: 20_000, connections: 1000, ramp: 10, ips: 762, duration: 600 });
    const lines = stressTable(ask, {
      name: 'stress', path: '/', connections: 1000, rate: 20_000, seconds: 600.02, requests: 4_999_999, rps: 8333.3,
      statuses: { 200: 4_000_000, 429: 999_000, 503: 999 }, errors: 12_345, timeouts: 1_234,
      latency: { count: 4_999_999, mean: 1234.5, p50: 1234.5, p90: 2345.6, p95: 3456.7, p99: 4567.8, max: 9999.9 },
    });
    expect(lines).toContain('  from       762 documentation IPs in turn, in X-Forwarded-For');
    expect(lines).toContain('  statuses   200: 4,000,000  429: 999,000  503: 999');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(100);
  });
});
