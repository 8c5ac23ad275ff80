import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFixture } from './test-support/fixture.js';
import { ensureWritableDir, OutputError, writeAtomic, writeReports } from './write.js';

const dir = mkdtempSync(join(tmpdir(), 'guichet-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function failure(f: () => void): OutputError {
  try {
    f();
  } catch (e) {
    if (e instanceof OutputError) return e;
    throw e;
  }
  throw new Error('expected an OutputError');
}

describe('writeReports', () => {
  it('writes report.html, summary.md and the JSON into a new folder and returns their paths', () => {
    const result = buildFixture({ policies: 2, replications: 3 });
    const out = join(dir, 'nested', 'report');
    const paths = writeReports(result, out, 'en');
    expect(paths).toEqual({ html: join(out, 'report.html'), markdown: join(out, 'summary.md'), json: join(out, 'result.json') });
    expect(readFileSync(paths.html, 'utf8')).toContain('<html lang="en">');
    expect(readFileSync(paths.markdown, 'utf8')).toContain('## Fairness report');
    expect(JSON.parse(readFileSync(paths.json, 'utf8'))).toEqual(result);
    expect(readdirSync(out).sort()).toEqual(['report.html', 'result.json', 'summary.md']);
  });

  it('is deterministic: the same result gives byte-identical files', () => {
    const a = writeReports(buildFixture(), join(dir, 'a'), 'fr');
    const b = writeReports(buildFixture(), join(dir, 'b'), 'fr');
    for (const k of ['html', 'markdown', 'json'] as const) expect(readFileSync(a[k], 'utf8')).toBe(readFileSync(b[k], 'utf8'));
  });

  it('fails with one plain line when the folder cannot be made', () => {
    const e = failure(() => writeReports(buildFixture(), '/dev/null/x', 'en'));
    expect(e.message).toBe('cannot write to /dev/null/x/report.html: not a directory');
  });
});

describe('writeAtomic', () => {
  it('replaces a file whole and leaves no temporary file', () => {
    const path = join(dir, 'atomic', 'result.json');
    writeAtomic(path, 'old');
    writeAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'atomic'))).toEqual(['result.json']);
  });

  it('removes its temporary file when the rename fails, and names the path', () => {
    const folder = join(dir, 'blocked');
    mkdirSync(join(folder, 'result.json'), { recursive: true }); // a folder where the file should go
    const e = failure(() => writeAtomic(join(folder, 'result.json'), 'x'));
    expect(e.path).toBe(join(folder, 'result.json'));
    expect(e.message).toBe(`cannot write to ${join(folder, 'result.json')}: is a directory`);
    expect(e.message).not.toMatch(/E[A-Z]+:/);
    expect(readdirSync(folder)).toEqual(['result.json']);
  });
});

describe('ensureWritableDir', () => {
  it('creates missing folders, level by level, and leaves no probe behind', () => {
    const out = join(dir, 'probe', 'x', 'y');
    ensureWritableDir(out);
    expect(readdirSync(out)).toEqual([]);
    ensureWritableDir(out); // an existing folder is fine
  });

  it('says "not a directory" for a path through a file, or a file in the way', () => {
    expect(failure(() => ensureWritableDir('/dev/null/x')).message).toBe('cannot write to /dev/null/x: not a directory');
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(failure(() => ensureWritableDir(file)).message).toBe(`cannot write to ${file}: not a directory`);
    expect(failure(() => ensureWritableDir(join(file, 'sub'))).reason).toBe('not a directory');
  });
});
