/**
 * What `guichet stress` prints: progress lines on stderr while it floods (one after the first
 * second, then at most one every few seconds, as `guichet run` does), and the result as a short
 * table on stdout, within 100 columns: what was asked, what was achieved, the latency
 * percentiles, the statuses and the requests without an answer.
 */
import type { FloodSummary } from '../../engine/measure/live-types.js';
import { duration, PLAIN_EVERY_MS, type ProgressStream } from '../progress.js';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
/** "0.84 ms", "12.3 ms", "1,204 ms": three significant digits below 100 ms */
export function ms(v: number): string {
  if (v >= 100) return `${int(v)} ms`;
  return `${v >= 10 ? v.toFixed(1) : v.toFixed(2)} ms`;
}
const perSecond = (n: number) => `${n >= 100 ? int(n) : n.toFixed(1)}/s`;
/** "1.5 s", "30 s", "2 min 00 s" */
const secs = (s: number) => (s < 60 ? `${Number(s.toFixed(1))} s` : duration(s * 1000));
const plural = (n: number, word: string) => `${int(n)} ${word}${n === 1 ? '' : 's'}`;

export interface StressAsk {
  url: string;
  rate: number;
  connections: number;
  seconds: number;
  rampSeconds: number;
  maxRequests: number;
  ips: number;
}

export interface StressProgress {
  /** one wall-clock second's counts */
  second(requests: number, errors: number): void;
}

/** "flooding: 5 s of 10 s, 498 requests (99.6/s), 0 errors" lines on `stream`; nothing when quiet. */
export function stressProgress(ask: StressAsk, o: { quiet: boolean; stream: ProgressStream; everyMs?: number; now?: () => number }): StressProgress {
  if (o.quiet) return { second() {} };
  const now = o.now ?? Date.now;
  const every = o.everyMs ?? PLAIN_EVERY_MS;
  const started = now();
  let last = Number.NEGATIVE_INFINITY;
  let requests = 0;
  let errors = 0;
  return {
    second(r, e) {
      requests += r;
      errors += e;
      const t = now();
      if (t - last < every) return;
      last = t;
      const elapsed = t - started;
      o.stream.write(`flooding: ${duration(elapsed)} of ${secs(ask.seconds)}, ${plural(requests, 'request')} `
        + `(${perSecond(elapsed > 0 ? requests / (elapsed / 1000) : 0)}), ${plural(errors, 'error')}\n`);
    },
  };
}

/** "200: 9,840  429: 160", most frequent first; "none" without any answer. */
export function statusesText(statuses: Record<string, number>): string {
  const entries = Object.entries(statuses).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length === 0 ? 'none (no HTTP answer)' : entries.map(([code, n]) => `${code}: ${int(n)}`).join('  ');
}

/** The result table, as lines. */
export function stressTable(ask: StressAsk, s: FloodSummary): string[] {
  const l = s.latency;
  const ramp = ask.rampSeconds > 0 ? `, ramp ${secs(ask.rampSeconds)}` : '';
  const share = s.rate > 0 ? ` (${Math.round((s.rps / s.rate) * 100)} % of the rate asked)` : '';
  const rows: [string, string][] = [
    ['asked', `${int(ask.rate)}/s for ${secs(ask.seconds)}${ramp}, ${plural(ask.connections, 'connection')}, at most ${int(ask.maxRequests)} requests`],
    ...(ask.ips > 0 ? [['from', `${plural(ask.ips, 'documentation IP')} in turn, in X-Forwarded-For`] as [string, string]] : []),
    ['achieved', `${plural(s.requests, 'request')} in ${s.seconds.toFixed(1)} s: ${perSecond(s.rps)}${share}`],
    ['latency', l.count === 0 ? 'no answer to time'
      : `p50 ${ms(l.p50)}  p90 ${ms(l.p90)}  p95 ${ms(l.p95)}  p99 ${ms(l.p99)}  max ${ms(l.max)}  (mean ${ms(l.mean)})`],
    ['statuses', statusesText(s.statuses)],
    ['no answer', `${plural(s.errors, 'error')}, of which ${plural(s.timeouts, 'timeout')}`],
  ];
  return [`guichet stress ${ask.url}`, ...rows.map(([k, v]) => `  ${k.padEnd(10)} ${v}`)];
}
