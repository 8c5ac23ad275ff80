/**
 * `guichet run --shard` and `guichet merge` in process, as a user runs them, on the shipped
 * matrix: the merged result.json must be the unsharded run's, byte for byte.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runProgram } from '../exit-codes.js';
import { registerMerge } from './merge.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const MATRIX = join(ROOT, 'scenarios/matrix.yaml');
const dir = mkdtempSync(join(tmpdir(), 'guichet-cli-merge-'));

async function guichet(...args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  let out = '';
  let err = '';
  const program = new Command('guichet').exitOverride().configureOutput({ writeOut: (s) => { out += s; }, writeErr: (s) => { err += s; } });
  registerRun(program);
  registerMerge(program);
  registerReport(program);
  // `run` prints its paths with console.log
  const log = vi.spyOn(console, 'log').mockImplementation((s: unknown) => { out += `${String(s)}\n`; });
  try {
    return { exitCode: await runProgram(program, args, 'user'), out, err };
  } finally {
    log.mockRestore();
  }
}

// three of the matrix's policies (the lottery is the slowest): the merge is checked on several
// policies and replications, and the suite does not simulate the whole matrix twice
const POLICIES = ['baseline', 'lottery', 'waiting-room'];
const CELLS = POLICIES.length * 2;
const sim = ['--replications', '2', '--policy', POLICIES.join(','), '--workers', '1', '--quiet'];
const parts = join(dir, 'parts');
const partFiles = () => readdirSync(parts).map((f) => join(parts, f));

describe('guichet run --shard, guichet merge (matrix.yaml, 3 policies × 2 replications in 3 shards)', () => {
  beforeAll(async () => {
    expect((await guichet('run', MATRIX, ...sim, '--no-report', '--out', join(dir, 'whole'))).exitCode).toBe(0);
    for (const i of [1, 2, 3]) {
      const run = await guichet('run', MATRIX, ...sim, '--shard', `${i}/3`, '--out', parts);
      expect(run.exitCode, run.err).toBe(0);
      expect(run.out).toContain(`shard ${i}/3: ${CELLS / 3} of ${CELLS} replications`);
    }
  }, 900_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('merges the parts into the unsharded result.json, byte for byte, and the report reads it', async () => {
    const merged = join(dir, 'merged', 'result.json');
    const merge = await guichet('merge', ...partFiles(), '-o', merged);
    expect(merge).toEqual({ exitCode: 0, err: '', out: `merged 3 shards of 3: ${CELLS} replications (policy × replication)\nresult: ${merged}\n` });
    expect(readFileSync(merged)).toEqual(readFileSync(join(dir, 'whole', 'result.json')));
    const report = await guichet('report', merged, '--lang', 'en');
    expect(report.exitCode, report.err).toBe(0);
    expect(readFileSync(join(dir, 'merged', 'summary.md'), 'utf8')).toContain('### In short');
  });

  it('refuses a missing shard and a report of a part, exit 2, saying what to do', async () => {
    const [first, second] = partFiles();
    const merge = await guichet('merge', first!, second!, '-o', join(dir, 'nope', 'result.json'));
    expect(merge.exitCode).toBe(2);
    expect(merge.err).toMatch(/^guichet merge: missing shard 3\/3 \(2 of 3 given\)\n$/);
    const report = await guichet('report', first!);
    expect(report.exitCode).toBe(2);
    expect(report.err).toMatch(/is the part of one shard \(1\/3\) of a sharded run, not a whole result; merge every part first/);
  });
});

describe('guichet run --shard: bad values are refused before anything runs (exit 2)', () => {
  it.each(['0/3', '4/3', '3', 'a/b'])('--shard %s', async (value) => {
    const run = await guichet('run', MATRIX, '--shard', value, '--out', join(dir, 'bad'));
    expect(run.exitCode).toBe(2);
    expect(run.err).toContain(`expected i/n with 1 ≤ i ≤ n (shard i of n, counted from 1, e.g. 2/8), got "${value}"`);
  });

  it('more shards than cells, and --shard on a live run', async () => {
    const many = await guichet('run', MATRIX, '--replications', '2', '--policy', POLICIES.join(','), '--shard', `1/${CELLS + 1}`, '--out', join(dir, 'bad'));
    expect(many.exitCode).toBe(2);
    expect(many.err).toContain(`this run has ${CELLS} (policy × replication) cells, so at most ${CELLS} shards`);
    const live = await guichet('run', MATRIX, '--mode', 'live', '--shard', '1/2', '--out', join(dir, 'bad'));
    expect(live.exitCode).toBe(2);
    expect(live.err).toContain('--shard only applies to simulated runs');
  });
});
