import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderMarkdown } from './markdown.js';
import { buildFixture } from './test-support/fixture.js';

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
