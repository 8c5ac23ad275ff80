/**
 * The table `guichet run` prints: one row per policy, the metrics a reader looks at first.
 * Values are written by the reports' English formatter, so the terminal, summary.md and the HTML
 * show the same numbers, with bounds clamped to what the metric can take (no 107 % share).
 * Each policy takes two lines, the interval under the mean, so seven metrics fit in 100 columns;
 * when they do not (long policy names, large sums), each policy gets a block of its own.
 * A live run adds, under it, a table per policy of its wall-clock figures (live-table.ts).
 */
import type { Interval, MetricName, RunResult } from '../engine/result.js';
import { METRIC_UNIT } from '../reports/i18n/format.js';
import { Texts } from '../reports/i18n/texts.js';
import { liveTables } from './live-table.js';

/** A terminal table should fit a 100-column window (a CI log, a split editor). */
export const TABLE_WIDTH = 100;

/** Titles in two lines to keep columns narrow; the block layout uses the reports' labels. */
const COLUMNS: { metric: MetricName; title: [string, string] }[] = [
  { metric: 'legit.servedBeforeDeadline', title: ['served by', 'deadline'] },
  { metric: 'legit.waitDays.p50', title: ['median', 'wait'] },
  { metric: 'bots.captureShare', title: ['bot', 'capture'] },
  { metric: 'legit.paidShare', title: ['paid', 'share'] },
  { metric: 'legit.moneyPaidEur', title: ['paid to', 'scalpers'] },
  { metric: 'slots.wastedShare', title: ['wasted', 'slots'] },
  { metric: 'traffic.botShare', title: ['bot', 'traffic'] },
];

const GAP = '  ';
const texts = new Texts('en');

function parts(metric: MetricName, iv: Interval): { mean: string; bounds?: string } {
  return texts.fmt.intervalParts(METRIC_UNIT[metric], iv, texts.words);
}

/** The two-line-per-policy table, as lines (trailing spaces trimmed). */
function stackedTable(result: RunResult): string[] {
  const cells = result.policies.map((p) => COLUMNS.map((c) => parts(c.metric, p.summary[c.metric])));
  const widths = [
    Math.max('policy'.length, ...result.policies.map((p) => p.name.length)),
    ...COLUMNS.map((c, k) => Math.max(...c.title.map((t) => t.length), ...cells.map((row) => Math.max(row[k]!.mean.length, row[k]!.bounds?.length ?? 0)))),
  ];
  const line = (first: string, rest: string[]) =>
    [first.padEnd(widths[0]!), ...rest.map((v, k) => v.padStart(widths[k + 1]!))].join(GAP).trimEnd();
  const lines = [
    line('', COLUMNS.map((c) => c.title[0])),
    line('policy', COLUMNS.map((c) => c.title[1])),
    widths.map((w) => '─'.repeat(w)).join(GAP),
  ];
  result.policies.forEach((p, i) => {
    const row = cells[i]!;
    lines.push(line(p.name, row.map((c) => c.mean)));
    if (row.some((c) => c.bounds !== undefined)) lines.push(line('', row.map((c) => c.bounds ?? '')));
  });
  return lines;
}

/** One block per policy: its name, then one metric a line. Narrow whatever the names. */
function policyBlocks(result: RunResult): string[] {
  const labels = COLUMNS.map((c) => texts.metricLabel(c.metric).toLowerCase());
  const width = Math.max(...labels.map((l) => l.length));
  return result.policies.flatMap((p, i) => [
    ...(i > 0 ? [''] : []),
    p.name,
    ...COLUMNS.map((c, k) => {
      const { mean, bounds } = parts(c.metric, p.summary[c.metric]);
      return `  ${labels[k]!.padEnd(width)}  ${bounds === undefined ? mean : `${mean} ${bounds}`}`;
    }),
  ]);
}

/** The table, at most `maxWidth` columns wide unless a single policy name is wider. */
export function summaryTable(result: RunResult, maxWidth = TABLE_WIDTH): string {
  const table = stackedTable(result);
  const fits = table.every((l) => l.length <= maxWidth);
  const n = result.replications;
  const legend = n > 1 ? `mean [95 % interval] over ${n} replications, seed ${result.seed}` : `1 replication (no interval), seed ${result.seed}`;
  const live = liveTables(result, maxWidth);
  return [...(fits ? table : [...policyBlocks(result), '']), legend, ...(live ? ['', live] : [])].join('\n');
}
