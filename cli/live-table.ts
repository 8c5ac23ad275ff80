/**
 * The live part of `guichet run`'s summary: per policy, one row per population (requests,
 * latency percentiles, error share, timeouts), a line per raw flood, and the reconciliation of
 * the ledgers, loud when it failed. Latency is wall-clock, measured from when each request was
 * due (coordinated omission corrected), so these figures vary from run to run.
 */
import type { RunResult } from '../engine/result.js';
import { Texts } from '../reports/i18n/texts.js';
import { livePolicy, someIds, type LivePolicyFigures } from '../reports/model/live.js';

const texts = new Texts('en');
const n = (x: number): string => texts.fmt.number(x);
const pct = (x: number): string => texts.fmt.percent(x, 1);
const GAP = '  ';
/** a crew's id longer than this is cut, so the table keeps its width */
const ID_WIDTH = 24;

const cut = (text: string, width: number): string => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);

function populationRows(live: LivePolicyFigures): string[] {
  const header = ['population', 'client', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'timeouts'];
  const rows = live.populations.map((p) => [
    cut(p.id, ID_WIDTH), p.client, n(p.requests), n(p.p50), n(p.p95), n(p.p99), pct(p.errorShare), n(p.timeouts),
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  // names and the client read left to right, numbers line up on the right
  const line = (cells: string[]) => cells.map((c, k) => (k < 2 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join(GAP).trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join(GAP), ...rows.map(line)];
}

function floodLines(live: LivePolicyFigures): string[] {
  return live.floods.map((f) =>
    // the path last: on a narrow table it is what gets cut, not the figures
    `flood ${f.name}${f.runs > 1 ? ` ×${n(f.runs)}` : ''}: ${n(f.rate)}/s asked, ${n(f.rps)}/s sent, p95 ${n(f.p95)} ms, 429 ${pct(f.share429)} (${f.path})`);
}

function reconciliationLines(live: LivePolicyFigures, maxWidth: number): string[] {
  const of = (count: number, what: string) => `${n(count)} ${what}${count === 1 ? '' : 's'}`;
  if (live.mismatches.length === 0) {
    const where = live.replications > 1 ? ` in ${n(live.replications)} replications` : '';
    return [`ledgers reconciled: ${of(live.bookings, 'booking')}${where}`];
  }
  const ids = (label: string, list: string[]): string[] => {
    if (list.length === 0) return [];
    const head = `  ${label} (${n(list.length)}): `;
    return [`${head}${someIds(list, maxWidth - head.length)}`];
  };
  return live.mismatches.flatMap((m) => [
    `LEDGER MISMATCH in replication ${m.replication}: the harness was told of ${of(m.harnessBookings, 'booking')}, the target has ${n(m.targetBookings)}`,
    ...ids('answered 201 but absent from the target', m.missingInTarget),
    ...ids('in the target, unknown to the harness', m.unknownToHarness),
    ...ids('slots with two live bookings', m.doubleBooked),
  ].map((l) => cut(l, maxWidth)));
}

/** The live tables of every policy that ran live, or '' when none did. */
export function liveTables(result: RunResult, maxWidth: number): string {
  const blocks = result.policies.flatMap((p) => {
    const live = livePolicy(p);
    if (!live) return [];
    const runs = live.replications > 1 ? ` · ${n(live.replications)} replications (requests added up, percentiles averaged)` : '';
    return [[cut(`live · ${p.name}${runs}`, maxWidth), ...populationRows(live), ...floodLines(live).map((l) => cut(l, maxWidth)), ...reconciliationLines(live, maxWidth)].join('\n')];
  });
  if (blocks.length === 0) return '';
  return [...blocks, 'latency: wall-clock ms from when each request was due (coordinated omission corrected)'].join('\n\n');
}

/** True when some replication's ledgers did not reconcile: the run must fail loudly. */
export function ledgerMismatch(result: RunResult): boolean {
  return result.policies.some((p) => p.runs.some((r) => r.live !== undefined && !r.live.reconciliation.ok));
}
