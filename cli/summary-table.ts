/** The table `guichet run` prints: one row per policy, the metrics a reader looks at first. */
import type { Interval, MetricName, RunResult } from '../engine/result.js';

const COLUMNS: { metric: MetricName; title: string; format: (v: number) => string }[] = [
  { metric: 'legit.servedBeforeDeadline', title: 'served before deadline', format: pct },
  { metric: 'legit.waitDays.p50', title: 'wait p50 (d)', format: (v) => v.toFixed(0) },
  { metric: 'bots.captureShare', title: 'bot capture', format: pct },
  { metric: 'legit.paidShare', title: 'paid share', format: pct },
  { metric: 'legit.moneyPaidEur', title: 'paid to scalpers', format: (v) => `${Math.round(v).toLocaleString('en-US')} €` },
  { metric: 'slots.wastedShare', title: 'wasted slots', format: pct },
  { metric: 'traffic.botShare', title: 'bot traffic', format: pct },
];

function pct(v: number): string { return `${(v * 100).toFixed(0)}%`; }

function cell(i: Interval, format: (v: number) => string): string {
  return i.n > 1 ? `${format(i.mean)} [${format(i.low)}–${format(i.high)}]` : format(i.mean);
}

export function summaryTable(result: RunResult): string {
  const header = ['policy', ...COLUMNS.map((c) => c.title)];
  const rows = result.policies.map((p) => [p.name, ...COLUMNS.map((c) => cell(p.summary[c.metric], c.format))]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (r: string[]) => r.map((v, k) => (k === 0 ? v.padEnd(widths[k]!) : v.padStart(widths[k]!))).join('  ');
  const n = result.replications;
  return [
    line(header),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...rows.map(line),
    n > 1 ? `mean [95 % interval] over ${n} replications, seed ${result.seed}` : `1 replication (no interval), seed ${result.seed}`,
  ].join('\n');
}
