import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { runProgram } from '../exit-codes.js';
import { registerExport } from './export.js';

const dir = mkdtempSync(join(tmpdir(), 'guichet-export-cli-'));

/** a `guichet` program with only this command, its output captured */
async function run(...args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  let out = '';
  let err = '';
  const program = new Command().name('guichet').exitOverride()
    .configureOutput({ writeOut: (s) => { out += s; }, writeErr: (s) => { err += s; } });
  registerExport(program, { out: (s) => { out += s; } });
  const exitCode = await runProgram(program, ['node', 'guichet', 'export', ...args]);
  return { out, err, exitCode };
}

describe('guichet export k6', () => {
  it('prints the script on standard output by default', async () => {
    const r = await run('k6', 'scenarios/herault-2019-live.yaml');
    expect(r.exitCode).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^\/\/ k6 load test of "Hérault 2019 live/);
    expect(r.out).toContain("import http from 'k6/http';");
    expect(r.out).toContain('"http_req_duration{population:people}": [\n      "p(95)<500"\n    ]');
  });

  it('writes the same script to -o', async () => {
    const file = join(dir, 'test.ts');
    const r = await run('k6', 'scenarios/herault-2019-live.yaml', '-o', file);
    expect(r).toEqual({ out: '', err: '', exitCode: 0 });
    expect(readFileSync(file, 'utf8')).toBe((await run('k6', 'scenarios/herault-2019-live.yaml')).out);
  });

  it('exports another policy with --policy, and names it', async () => {
    const r = await run('k6', 'scenarios/herault-2019-live.yaml', '--policy', 'rate-limit');
    expect(r.exitCode).toBe(0);
    expect(r.out.split('\n')[0]).toContain('policy rate-limit:');
  });

  it('refuses what the script cannot play: located, exit 2, no file written', async () => {
    const file = join(dir, 'lottery.ts');
    const r = await run('k6', 'scenarios/lottery.yaml', '-o', file);
    expect(r.exitCode).toBe(2);
    expect(r.err).toMatch(/^scenarios\/lottery\.yaml:\d+:\d+ policy\.release\.kind: a lottery release is not exported to k6: .*\n$/);
    expect(existsSync(file)).toBe(false);
  });

  it('an invalid scenario, an unknown policy, an unwritable output: exit 2 with the reason, no stack', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: x\nstart: 2019-13-01\n');
    const invalid = await run('k6', bad);
    expect(invalid.exitCode).toBe(2);
    expect(invalid.err).toContain(`${bad}:2:8 start:`);
    const unknown = await run('k6', 'scenarios/herault-2019-live.yaml', '--policy', 'nope');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.err).toMatch(/policies: the scenario has no policy "nope" \(its policies: baseline, rate-limit\)/);
    const unwritable = await run('k6', 'scenarios/herault-2019-live.yaml', '-o', join(dir, 'bad.yaml', 'test.ts'));
    expect(unwritable.exitCode).toBe(2);
    expect(unwritable.err).toMatch(/^guichet export k6: cannot write to .*bad\.yaml\/test\.ts: not a directory\n$/);
    for (const r of [invalid, unknown, unwritable]) expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('without a tool: says which ones exist', async () => {
    const r = await run('jmeter', 'scenarios/herault-2019-live.yaml');
    expect(r.exitCode).toBe(2);
    expect(r.err).toMatch(/unknown command 'jmeter'/);
  });
});
