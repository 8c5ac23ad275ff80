import { describe, expect, it } from 'vitest';
import type { Interval, RunResult } from '../engine/result.js';
import { renderMarkdown } from '../reports/markdown.js';
import { livePolicy } from '../reports/model/live.js';
import { buildFixture } from '../reports/test-support/fixture.js';
import { withLive } from '../reports/test-support/live-fixture.js';
import { ledgerMismatch } from './live-table.js';
import { summaryTable, TABLE_WIDTH } from './summary-table.js';

const iv = (mean: number, low: number, high: number, n = 5): Interval => ({ mean, low, high, n });

/** The seven policies of matrix.yaml, with the fixture's numbers. */
function matrixLike(): RunResult {
  const r = buildFixture();
  const names = ['baseline', 'random-release', 'batch-release', 'herault-measures', 'national-module', 'lottery', 'waiting-room'];
  return { ...r, policies: names.map((name, i) => ({ ...r.policies[i % r.policies.length]!, name })) };
}

const rowOf = (table: string, policy: string): [string, string] => {
  const lines = table.split('\n');
  const k = lines.findIndex((l) => l.startsWith(`${policy} `));
  return [lines[k]!, lines[k + 1]!];
};

/** The value of policy number `column` on the key-figures row of summary.md whose label contains `label`. */
function mdCell(md: string, label: string, column: number): string {
  const row = md.split('\n').find((l) => l.startsWith('| ') && l.split(' | ')[0]!.includes(label));
  if (!row) throw new Error(`no row "${label}" in summary.md`);
  return row.slice(2, -2).split(' | ')[column + 1]!;
}

describe('summaryTable', () => {
  it('clamps interval bounds to the metric\'s domain: no share above 100 % or below 0, no negative money', () => {
    const r = buildFixture({ policies: 2 });
    const p = r.policies[1]!;
    p.summary['bots.captureShare'] = iv(0.84, 0.61, 1.07);
    p.summary['legit.paidShare'] = iv(0.01, -0.02, 0.03);
    p.summary['legit.moneyPaidEur'] = iv(1200, -4007, 6407);
    const [means, bounds] = rowOf(summaryTable(r), p.name);
    expect(means).toMatch(/ 84% .* 1\.0% .* €1,200 /);
    expect(bounds).toContain('[61–100]');
    expect(bounds).toContain('[0.0–3.0]');
    expect(bounds).toContain('[0–6,407]');
    expect(bounds).not.toMatch(/107|-/);
  });

  it('writes each value as summary.md does in English', () => {
    const r = buildFixture({ policies: 2 });
    r.policies[0]!.summary['bots.captureShare'] = iv(0.97, 0.9, 1.04);
    const md = renderMarkdown(r, 'en');
    const [means, bounds] = rowOf(summaryTable(r), 'baseline');
    for (const label of ['Slots taken by scalpers', 'Money paid to scalpers', 'Median wait', 'Served before deadline']) {
      const cell = mdCell(md, label, 0);
      const [mean, bound] = cell.split(/ (?=\[)/);
      expect(means, label).toContain(` ${mean}`);
      expect(bounds, label).toContain(` ${bound}`);
    }
    expect(bounds).toContain('[90–100]');
  });

  it('fits the seven policies of matrix.yaml in 100 columns, the interval under the mean', () => {
    const table = summaryTable(matrixLike());
    const lines = table.split('\n');
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(TABLE_WIDTH);
    expect(lines.filter((l) => /^\S/.test(l) && !l.startsWith('policy') && !l.startsWith('─') && !l.startsWith('mean'))).toHaveLength(7);
    const [means, bounds] = rowOf(table, 'herault-measures');
    expect(means).toMatch(/^herault-measures\s+\d+(\.\d)?%\s+\d+ days/);
    expect(bounds).toMatch(/^\s+\[\d+–\d+\]\s+\[\d+–\d+\]/);
    expect(lines.at(-1)).toBe('mean [95 % interval] over 5 replications, seed 2019');
  });

  it('gives each policy a block of its own when the table would be wider', () => {
    const r = matrixLike();
    r.policies[2]!.name = 'batch-release-every-thirty-minutes-during-office-hours-with-a-captcha';
    const table = summaryTable(r);
    const lines = table.split('\n');
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(TABLE_WIDTH);
    for (const p of r.policies) expect(lines).toContain(p.name);
    // the label column is as wide as the longest label: compare with the padding folded
    const folded = lines.map((l) => l.replace(/ {2,}/g, '  '));
    expect(folded).toContain(`  served before deadline  ${mdCell(renderMarkdown(r, 'en'), 'Served before deadline', 2)}`);
    expect(summaryTable(matrixLike(), 60)).toContain('\nlottery\n  served before deadline');
  });

  it('shows one line per policy and no bracket for a single replication', () => {
    const table = summaryTable(buildFixture({ replications: 1 }));
    expect(table).not.toContain('[');
    const lines = table.split('\n');
    expect(lines).toHaveLength(3 + 3 + 1);
    expect(lines.at(-1)).toBe('1 replication (no interval), seed 2019');
  });
});

describe('summaryTable of a live run', () => {
  const live = withLive(buildFixture({ policies: 2, replications: 2 }));
  const table = summaryTable(live);
  const block = (policy: string): string[] => {
    const lines = table.split('\n');
    const at = lines.findIndex((l) => l.startsWith(`live · ${policy}`));
    expect(at, policy).toBeGreaterThan(0);
    return lines.slice(at, lines.indexOf('', at));
  };

  it('adds nothing to a simulated run', () => {
    expect(summaryTable(buildFixture())).not.toMatch(/live|latency|ledger/i);
  });

  it('gives each policy a row per population: requests, p50 / p95 / p99 latency, error share, timeouts', () => {
    for (const p of live.policies) {
      const lines = block(p.name);
      expect(lines[1]).toMatch(/^population\s+client\s+requests\s+p50 ms\s+p95 ms\s+p99 ms\s+errors\s+timeouts$/);
      const figures = livePolicy(p)!;
      for (const pop of figures.populations) {
        const row = lines.find((l) => l.startsWith(`${pop.id} `))!;
        const cells = row.trim().split(/\s{2,}/);
        const num = (x: number) => Math.round(x).toLocaleString('en-GB');
        expect(cells).toEqual([pop.id, 'http', num(pop.requests), num(pop.p50), num(pop.p95), num(pop.p99), `${(pop.errorShare * 100).toFixed(1)}%`, num(pop.timeouts)]);
      }
    }
    // the story: under the baseline the target chokes at the releases, the rate limit keeps people's p95 low
    expect(livePolicy(live.policies[0]!)!.populations[0]!.p95).toBeGreaterThan(10 * livePolicy(live.policies[1]!)!.populations[0]!.p95);
    expect(table).toContain('latency: wall-clock ms from when each request was due (coordinated omission corrected)');
  });

  it('reports each flood and the reconciled ledgers', () => {
    const [baseline, limited] = [block('baseline'), block('random-release')];
    // one line per flood name, however many race windows it ran in
    expect(baseline.filter((l) => l.startsWith('flood '))).toHaveLength(1);
    expect(baseline.join('\n')).toMatch(/flood slot-list ×2: 250\/s asked, 19\d\/s sent, p95 5\d\d ms, 429 0\.0% \(\/api\/counters\/renewal\/slots\)/);
    expect(limited.join('\n')).toMatch(/429 [789]\d\.\d%/);
    const bookings = live.policies[0]!.runs.reduce((s, r) => s + r.live!.reconciliation.harnessBookings, 0);
    expect(baseline.at(-1)).toBe(`ledgers reconciled: ${bookings.toLocaleString('en-GB')} bookings in 2 replications`);
    expect(table).not.toContain('MISMATCH');
    expect(ledgerMismatch(live)).toBe(false);
  });

  it('says a ledger mismatch loudly, with what differs, in the policy where it happened', () => {
    const bad = withLive(buildFixture({ policies: 2, replications: 2 }), { mismatch: true });
    const text = summaryTable(bad);
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('LEDGER MISMATCH in replication 1:'));
    expect(at).toBeGreaterThan(lines.findIndex((l) => l.startsWith('live · baseline')));
    expect(at).toBeLessThan(lines.findIndex((l) => l.startsWith('live · random-release')));
    expect(lines.slice(at + 1, at + 4)).toEqual([
      '  answered 201 but absent from the target (1): bk-0192',
      '  in the target, unknown to the harness (2): bk-0388, bk-0391',
      '  slots with two live bookings (1): renewal-2019-01-21T09:15',
    ]);
    expect(text.match(/ledgers reconciled/g)).toHaveLength(1);
    expect(ledgerMismatch(bad)).toBe(true);
  });

  it('stays within 100 columns with long crew names and long mismatch lists', () => {
    const bad = withLive(buildFixture({ policies: 2, replications: 1 }), { mismatch: true });
    const run = bad.policies[0]!.runs[0]!.live!;
    run.populations[1]!.id = 'a-crew-with-a-name-far-too-long-for-any-table-column';
    run.reconciliation.unknownToHarness = Array.from({ length: 40 }, (_, k) => `booking-with-a-long-id-${k}`);
    const text = summaryTable(bad);
    for (const l of text.split('\n')) expect(l.length, l).toBeLessThanOrEqual(TABLE_WIDTH);
    expect(text).toContain('a-crew-with-a-name-far-…');
    expect(text).toMatch(/\n {2}in the target, unknown to the harness \(40\): booking-with-a-long-id-0(, booking-with-a-long-id-\d+)* … \(\+\d+\)\n/);
  });
});
