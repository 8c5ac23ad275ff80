import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFixture } from './test-support/fixture.js';
import { writeReports } from './write.js';

const dir = mkdtempSync(join(tmpdir(), 'guichet-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeReports', () => {
  it('writes report.html, summary.md and the JSON into a new folder and returns their paths', () => {
    const result = buildFixture({ policies: 2, replications: 3 });
    const out = join(dir, 'nested', 'report');
    const paths = writeReports(result, out, 'en');
    expect(paths).toEqual({ html: join(out, 'report.html'), markdown: join(out, 'summary.md'), json: join(out, 'result.json') });
    expect(readFileSync(paths.html, 'utf8')).toContain('<html lang="en">');
    expect(readFileSync(paths.markdown, 'utf8')).toContain('## Fairness report');
    expect(JSON.parse(readFileSync(paths.json, 'utf8'))).toEqual(result);
  });

  it('is deterministic: the same result gives byte-identical files', () => {
    const a = writeReports(buildFixture(), join(dir, 'a'), 'fr');
    const b = writeReports(buildFixture(), join(dir, 'b'), 'fr');
    for (const k of ['html', 'markdown', 'json'] as const) expect(readFileSync(a[k], 'utf8')).toBe(readFileSync(b[k], 'utf8'));
  });
});
