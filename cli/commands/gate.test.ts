/**
 * `guichet run --gate` and `guichet gate` on a real simulated run: the captcha fixture passes its
 * gates; the same scenario with the captcha removed fails, with exit 99 and a JUnit failure that
 * names the metric. And the baseline flow, and bad input (exit 2).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runProgram } from '../exit-codes.js';
import { registerGate } from './gate.js';
import { registerRun } from './run.js';

const FIXTURE = new URL('../../scenarios/fixtures/good/gated-captcha.yaml', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'guichet-cli-gate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `guichet <args>` in process; run prints with console.log, which is captured too. */
async function guichet(...args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  let out = '';
  let err = '';
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out += `${a.join(' ')}\n`; });
  const program = new Command('guichet').exitOverride().configureOutput({ writeOut: (s) => { out += s; }, writeErr: (s) => { err += s; } });
  registerRun(program);
  registerGate(program);
  try {
    const exitCode = await runProgram(program, args, 'user');
    return { out, err, exitCode };
  } finally {
    log.mockRestore();
  }
}

const weakened = join(dir, 'no-captcha.yaml');
const strong = join(dir, 'strong');
const weak = join(dir, 'weak');

beforeAll(async () => {
  const text = readFileSync(FIXTURE, 'utf8');
  const without = text.replace(/ {2}measures:\n {4}captcha: \{ kind: challenge \}\n/, '');
  expect(without).not.toBe(text);
  writeFileSync(weakened, without);
  expect((await guichet('run', FIXTURE, '--quiet', '--no-report', '--out', strong)).exitCode).toBe(0);
  // without --gate the run succeeds and records the failed outcomes
  expect((await guichet('run', weakened, '--quiet', '--no-report', '--out', weak)).exitCode).toBe(0);
}, 120_000);

describe('guichet gate', () => {
  it('passes the scenario whose captcha the gates expect (exit 0), and records the outcomes in result.json', async () => {
    const run = await guichet('gate', join(strong, 'result.json'), '--junit', join(dir, 'strong.xml'));
    expect(run.exitCode).toBe(0);
    expect(run.out).toMatch(/^PASS {2}baseline {2}bots\.costEur mean>=1: observed/m);
    const result = JSON.parse(readFileSync(join(strong, 'result.json'), 'utf8'));
    expect(result.gates).toMatchObject({ schema: 'guichet.gates/v1', pass: true });
    expect(readFileSync(join(dir, 'strong.xml'), 'utf8')).toContain('failures="0"');
  });

  it('fails the weakened policy with exit 99 and a JUnit failure naming the metric, its value, interval and limit', async () => {
    const xml = join(dir, 'weak.xml');
    const run = await guichet('gate', join(weak, 'result.json'), '--junit', xml);
    expect(run.exitCode).toBe(99);
    expect(run.err).toBe('guichet gate: 1 gate failed\n');
    const junit = readFileSync(xml, 'utf8');
    expect(junit).toMatch(/<testsuite name="baseline" tests="2" failures="1"/);
    const failure = /<testcase classname="baseline" name="bots.costEur mean&gt;=1">\s*<failure message="([^"]+)"/.exec(junit);
    expect(failure?.[1]).toBe('bots.costEur mean&gt;=1: observed 0 (95 % interval 0..0 over 3 replications), limit 1');
    expect(JSON.parse(readFileSync(join(weak, 'result.json'), 'utf8')).gates.pass).toBe(false);
  });

  it('run --gate exits 99 itself, after writing the result', async () => {
    const out = join(dir, 'weak-gated');
    const run = await guichet('run', weakened, '--quiet', '--no-report', '--gate', '--out', out);
    expect(run.exitCode).toBe(99);
    expect(run.out).toContain('FAIL  baseline  bots.costEur mean>=1');
    expect(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')).gates.pass).toBe(false);
  }, 60_000);

  it('judges a result on another scenario\'s gates with --scenario', async () => {
    const run = await guichet('gate', join(strong, 'result.json'), '--scenario', weakened);
    expect(run.exitCode).toBe(0);
  });

  it('flags the captcha\'s removal as a regression against the baseline run, since the intervals separate', async () => {
    const run = await guichet('gate', join(weak, 'result.json'), '--baseline', join(strong, 'result.json'), '--junit', join(dir, 'base.xml'));
    expect(run.exitCode).toBe(99);
    expect(run.out).toMatch(/^FAIL {2}baseline {2}baseline bots\.costEur: regressed/m);
    expect(readFileSync(join(dir, 'base.xml'), 'utf8')).toMatch(/name="baseline bots.costEur">\s*<failure/);
    // the other way round nothing got worse
    expect((await guichet('gate', join(strong, 'result.json'), '--baseline', join(weak, 'result.json'))).out).not.toMatch(/regressed/);
  });

  it('refuses bad input with exit 2', async () => {
    expect((await guichet('gate', join(dir, 'missing.json'))).exitCode).toBe(2);
    expect((await guichet('gate', join(strong, 'result.json'), '--tolerance', '0.1')).exitCode).toBe(2);
    expect((await guichet('gate', join(strong, 'result.json'), '--baseline', join(weak, 'result.json'), '--tolerance', '-1')).exitCode).toBe(2);
    const bad = join(dir, 'bad-gate.yaml');
    writeFileSync(bad, readFileSync(FIXTURE, 'utf8').replace('["mean>=1"]', '["mean>=1", "avg=>1"]').replace('legit.servedBeforeDeadline:', 'legit.servedBeforDeadline:'));
    const run = await guichet('gate', join(strong, 'result.json'), '--scenario', bad);
    expect(run.exitCode).toBe(2);
    // every problem at once, each located
    expect(run.err).toMatch(/bad-gate\.yaml:\d+:\d+ gates\["bots\.costEur"\]\[1\]: "avg=>1" is not a threshold/);
    expect(run.err).toMatch(/bad-gate\.yaml:\d+:\d+ gates\["legit\.servedBeforDeadline"\]: unknown metric .*did you mean "legit\.servedBeforeDeadline"/);
  });
});
