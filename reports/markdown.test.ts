import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderMarkdown } from './markdown.js';
import { buildFixture } from './test-support/fixture.js';
import { withLive } from './test-support/live-fixture.js';

describe('renderMarkdown', () => {
  it('gives headlines, a table of policies × key metrics with intervals, and the ranking', () => {
    const md = renderMarkdown(buildFixture(), 'en');
    expect(md).toMatch(/^## Fairness report: Hérault 2019/);
    expect(md).toContain('- Random release: 7');
    const table = md.split('\n').filter((l) => l.startsWith('|'));
    expect(table[0]).toBe('| Indicator | baseline | random release | identity-bound slot |');
    expect(table).toHaveLength(2 + 7);
    for (const row of table) expect(row.split(' | ')).toHaveLength(4);
    expect(table[2]).toMatch(/^\| \*\*Served before deadline\*\* \(objective\) \| 3\d% \[\d\d–\d\d\] \|/);
    expect(md).toMatch(/1\. \*\*random release\*\* 7\d% \[\d\d–\d\d\] — cannot be told apart from identity-bound slot/);
    expect(md).toMatch(/3\. \*\*baseline\*\* 3\d% \[\d\d–\d\d\]\n/);
    expect(md.length).toBeLessThan(6000); // a pull-request comment, not a report
  });

  it('writes French with French numbers', () => {
    const md = renderMarkdown(buildFixture(), 'fr');
    expect(md).toContain('### En bref');
    expect(md).toMatch(/\| 3\d\u202f% \[\d\d–\d\d\] \|/);
    expect(md).toContain('à égalité possible avec créneau lié à l’identité');
  });

  it('labels a single replication instead of inventing an interval', () => {
    const md = renderMarkdown(buildFixture({ policies: 1, replications: 1 }), 'en');
    expect(md).toContain('> **1 replication: no interval.');
    expect(md).not.toMatch(/\[\d/);
    expect(md).toContain('Only one policy was run: nothing to rank.');
  });

  it('keeps scenario text from breaking the table or injecting markup', () => {
    const md = renderMarkdown(buildFixture({ scenarioName: 'a | b <script>alert(1)</script> **x**\n# y' }), 'en');
    const title = md.split('\n')[0]!;
    expect(title).toBe('## Fairness report: a \\| b &lt;script&gt;alert(1)&lt;/script&gt; \\*\\*x\\*\\* \\# y');
    expect(md).not.toContain('<script>');
  });
});

describe('escapeMarkdown', () => {
  it('escapes markdown syntax and HTML, and folds newlines', () => {
    expect(escapeMarkdown('[x](javascript:1) `c` _i_ a&b\r\nz [ok]')).toBe('[x\\](javascript:1) \\`c\\` \\_i\\_ a&amp;b z [ok]');
  });
});

describe('renderMarkdown of a live run', () => {
  it('adds a table of each population\'s latency and errors, and the reconciled ledgers; nothing for a simulated run', () => {
    expect(renderMarkdown(buildFixture({ policies: 2 }), 'en')).not.toMatch(/Live run|Ledger/);
    const md = renderMarkdown(withLive(buildFixture({ policies: 2, replications: 2 })), 'en');
    const at = md.indexOf('### Live run: latency, errors and ledgers');
    expect(at).toBeGreaterThan(md.indexOf('### Key figures'));
    expect(at).toBeLessThan(md.indexOf('### Ranking'));
    const rows = md.slice(at).split('\n').filter((l) => l.startsWith('| '));
    expect(rows[0]).toBe('| Policy | People or crew | Requests | p50 (ms) | p95 (ms) | p99 (ms) | Without an answer | Timeouts |');
    expect(rows.slice(2).map((r) => r.split(' | ').slice(0, 2).join(' | '))).toEqual(['| baseline | people', '| baseline | cybercafé', '| random release | people', '| random release | cybercafé']);
    expect(md).toMatch(/\nLedgers reconciled: the booking service holds exactly the [\d,]+ bookings/);
    expect(md).not.toContain('mismatch');
  });

  it('opens with a warning listing the mismatches when the ledgers differ', () => {
    const md = renderMarkdown(withLive(buildFixture({ policies: 2, replications: 2 }), { mismatch: true }), 'en');
    const lines = md.split('\n');
    const at = lines.findIndex((l) => l.startsWith('> **Ledger mismatch'));
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(lines.findIndex((l) => l.startsWith('### ')));
    expect(lines.slice(at + 2, at + 6)).toEqual([
      expect.stringMatching(/^> - baseline, replication 1: [\d,]+ bookings answered 201, [\d,]+ in the service’s ledger\.$/),
      '>   - answered 201 but absent from the ledger: bk-0192',
      '>   - in the ledger but never announced to an agent: bk-0388, bk-0391',
      '>   - slots with two live bookings: renewal-2019-01-21T09:15',
    ]);
    expect(md).not.toContain('Ledgers reconciled');
  });
});
