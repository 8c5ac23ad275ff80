import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { runProgram } from '../exit-codes.js';
import { registerValidate } from './validate.js';

/** a `guichet` program with only this command, its output captured */
async function run(...args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  let out = '';
  let err = '';
  const program = new Command().name('guichet').exitOverride()
    .configureOutput({ writeOut: (s) => { out += s; }, writeErr: (s) => { err += s; } });
  registerValidate(program, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  const exitCode = await runProgram(program, ['node', 'guichet', 'validate', ...args]);
  return { out, err, exitCode };
}

describe('guichet validate', () => {
  it('prints one ok line per valid file, exit code 0', async () => {
    const r = await run('scenarios/fixtures/good/minimal.yaml', 'scenarios/fixtures/good/minimal.json', 'scenarios/matrix.yaml');
    expect(r.out.split('\n')).toEqual([
      'ok  scenarios/fixtures/good/minimal.yaml  (minimal, 1 policy, 1 group, 1 crew)',
      'ok  scenarios/fixtures/good/minimal.json  (minimal, 1 policy, 1 group, 1 crew)',
      'ok  scenarios/matrix.yaml  (Hérault 2019 — every measure side by side, 8 policies, 5 groups, 4 crews)',
      '',
    ]);
    expect(r.err).toBe('');
    expect(r.exitCode).toBe(0);
  });

  it('says when a scenario only runs live', async () => {
    const r = await run('scenarios/live-smoke.yaml', 'scenarios/fixtures/good/minimal.yaml');
    const [live, sim] = r.out.split('\n');
    expect(live).toMatch(/^ok {2}scenarios\/live-smoke\.yaml .*; live only: run it with --mode live\)$/);
    expect(sim).not.toContain('live only');
    expect(r.exitCode).toBe(0);
  });

  it('prints located errors on stderr, exit code 2, no stack trace', async () => {
    const r = await run('scenarios/fixtures/good/minimal.yaml', 'scenarios/fixtures/bad/unknown-counter.yaml', 'scenarios/fixtures/bad/missing.yaml');
    expect(r.out).toBe('ok  scenarios/fixtures/good/minimal.yaml  (minimal, 1 policy, 1 group, 1 crew)\n');
    expect(r.err.split('\n')).toEqual([
      'scenarios/fixtures/bad/unknown-counter.yaml:13:16 population.legit[0].counter: unknown counter "renwal" (did you mean "renewal"?)',
      'scenarios/fixtures/bad/missing.yaml cannot read the scenario: no such file',
      '2 of 3 scenario files invalid',
      '',
    ]);
    expect(r.err).not.toContain('    at ');
    expect(r.exitCode).toBe(2);
  });

  it('checks policy files, told by their keys, with every error located', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-validate-'));
    const good = join(dir, 'policy.yaml');
    writeFileSync(good, 'release: { kind: weekly, day: sun, at: "20:00", horizon: 8w }\nmeasures:\n  captcha: { kind: challenge }\n');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'release: { kind: weekly, day: sun, at: "20:00", horizon: soon }\nmesures: {}\n');
    const r = await run(good, bad, 'scenarios/fixtures/good/minimal.yaml');
    expect(r.out.split('\n')).toEqual([
      `ok  ${good}  (policy file: weekly release, 1 measure, no flaw, the default counters)`,
      'ok  scenarios/fixtures/good/minimal.yaml  (minimal, 1 policy, 1 group, 1 crew)',
      '',
    ]);
    expect(r.err.split('\n')).toEqual([
      `${bad}:1:58 release.horizon: expected a duration such as "90s", "15m", "8w", got "soon"`,
      `${bad}:2:1 mesures: unknown key "mesures" (did you mean "measures"?)`,
      '1 of 3 files invalid',
      '',
    ]);
    expect(r.exitCode).toBe(2);
  });

  it('--policy checks every file as a policy file, and names a scenario passed as one', async () => {
    const r = await run('--policy', 'scenarios/fixtures/good/minimal.yaml');
    expect(r.out).toBe('');
    expect(r.err).toBe('scenarios/fixtures/good/minimal.yaml:3:1 this looks like a scenario file, not a policy file '
      + '(use its `policy:` section in a file of its own, or pass it with --scenario)\n');
    expect(r.exitCode).toBe(2);
  });

  it('a YAML syntax error is bad input too', async () => {
    const r = await run('scenarios/fixtures/bad/yaml-syntax.yaml');
    expect(r.err).toMatch(/^scenarios\/fixtures\/bad\/yaml-syntax\.yaml:7:81 YAML syntax error: /);
    expect(r.err).not.toContain('    at ');
    expect(r.exitCode).toBe(2);
  });

  it('without a file, commander refuses with its usage message, exit code 2', async () => {
    const r = await run();
    expect(r.err).toMatch(/^error: missing required argument 'file'/);
    expect(r.exitCode).toBe(2);
  });
});
