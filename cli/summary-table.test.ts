import { describe, expect, it } from 'vitest';
import type { Interval, RunResult } from '../engine/result.js';
import { renderMarkdown } from '../reports/markdown.js';
import { buildFixture } from '../reports/test-support/fixture.js';
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
    expect(lines).toContain(`  served before deadline        ${mdCell(renderMarkdown(r, 'en'), 'Served before deadline', 2)}`);
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
