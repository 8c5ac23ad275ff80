import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFixture } from '../../reports/test-support/fixture.js';
import { withLive } from '../../reports/test-support/live-fixture.js';
import { runProgram } from '../exit-codes.js';
import { registerReport } from './report.js';

const dir = mkdtempSync(join(tmpdir(), 'guichet-cli-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `guichet <args>` in process, as main does, and returns what it printed and its exit status. */
async function guichet(...args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  let out = '';
  let err = '';
  const program = new Command('guichet').exitOverride().configureOutput({ writeOut: (s) => { out += s; }, writeErr: (s) => { err += s; } });
  registerReport(program);
  const exitCode = await runProgram(program, args, 'user');
  return { out, err, exitCode };
}

describe('guichet report', () => {
  const resultFile = join(dir, 'result.json');
  writeFileSync(resultFile, JSON.stringify(buildFixture()));

  it('writes the English report into --out and prints the paths', async () => {
    const out = join(dir, 'en');
    const run = await guichet('report', resultFile, '--lang', 'en', '--out', out);
    expect(run).toEqual({ out: `result: ${join(out, 'result.json')}\nreport: ${join(out, 'report.html')}\nsummary: ${join(out, 'summary.md')}\n`, err: '', exitCode: 0 });
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<html lang="en">');
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('### In short');
  });

  it('defaults to French (as `guichet run` does), next to result.json', async () => {
    const run = await guichet('report', resultFile);
    expect(run.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('### En bref');
    expect(JSON.parse(readFileSync(resultFile, 'utf8'))).toEqual(buildFixture());
  });

  it('refuses an unknown language as bad input (exit 2, as main maps every commander error)', async () => {
    const run = await guichet('report', resultFile, '--lang', 'de', '--out', join(dir, 'de'));
    expect(run.exitCode).toBe(2);
    expect(run.err).toMatch(/argument 'de' is invalid.*Allowed choices are fr, en/);
    expect(existsSync(join(dir, 'de'))).toBe(false);
  });

  it('explains a bad result file in one located line, exit code 2, no stack trace', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...buildFixture(), schema: 'other/v9' }));
    const run = await guichet('report', bad, '--out', join(dir, 'bad'));
    expect(run.exitCode).toBe(2);
    expect(run.err).toBe(`guichet report: ${bad}: unknown result schema "other/v9"; this guichet reads "guichet.result/v1"\n`);
    const missing = await guichet('report', join(dir, 'nope.json'));
    expect(missing.exitCode).toBe(2);
    expect(missing.err).toContain('nope.json: cannot read (no such file)');
    expect(missing.err).not.toMatch(/\n\s+at /);
  });

  it('checks the output folder first, and says why it cannot write there in one line, exit code 2', async () => {
    const run = await guichet('report', resultFile, '--out', '/dev/null/x');
    expect(run).toEqual({ out: '', err: 'guichet report: cannot write to /dev/null/x: not a directory\n', exitCode: 2 });
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const onFile = await guichet('report', resultFile, '--out', join(file, 'sub'));
    expect(onFile.err).toBe(`guichet report: cannot write to ${join(file, 'sub')}: not a directory\n`);
    expect(onFile.exitCode).toBe(2);
  });

  it('says "--out" in its help, with the files it writes', async () => {
    const help = await guichet('report', '--help');
    expect(help.out).toContain('write report.html, summary.md and a copy of result.json');
    expect(help.out).toMatch(/--lang <lang>.*\(choices: "fr", "en", default: "fr"\)/);
  });
});

describe('guichet report of a live run', () => {
  const live = withLive(buildFixture({ policies: 2, replications: 1 }));

  it('renders its live section from result.json', async () => {
    const file = join(dir, 'live.json');
    writeFileSync(file, JSON.stringify(live));
    const out = join(dir, 'live');
    const run = await guichet('report', file, '--lang', 'en', '--out', out);
    expect(run.exitCode).toBe(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<h2 id="h-live">Live run: latency, errors and ledgers</h2>');
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('| baseline | cybercafé |');
  });

  it('refuses a live block of an unknown version in one located line, exit code 2, writing nothing', async () => {
    const file = join(dir, 'live-v9.json');
    const newer = structuredClone(live);
    (newer.policies[1]!.runs[0]!.live as { schema: string }).schema = 'guichet.live/v9';
    writeFileSync(file, JSON.stringify(newer));
    const out = join(dir, 'live-v9');
    const run = await guichet('report', file, '--out', out);
    expect(run).toEqual({
      out: '', exitCode: 2,
      err: `guichet report: ${file}: at policies[1].runs[0].live.schema: unknown live block schema "guichet.live/v9"; this guichet reads "guichet.live/v1"\n`,
    });
    expect(existsSync(join(out, 'report.html'))).toBe(false);
  });
});
