import { Command, CommanderError } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { registerValidate } from './validate.js';

/** a `guichet` program with only this command, its output captured */
async function run(...args: string[]): Promise<{ out: string; err: string; exitCode: number | string | undefined }> {
  let out = '';
  let err = '';
  const program = new Command().name('guichet').exitOverride()
    .configureOutput({ writeOut: (s) => { out += s; }, writeErr: (s) => { err += s; } });
  registerValidate(program, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  await program.parseAsync(['node', 'guichet', 'validate', ...args]);
  return { out, err, exitCode: process.exitCode };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('guichet validate', () => {
  it('prints one ok line per valid file and leaves the exit code alone', async () => {
    const r = await run('scenarios/fixtures/good/minimal.yaml', 'scenarios/fixtures/good/minimal.json', 'scenarios/matrix.yaml');
    expect(r.out.split('\n')).toEqual([
      'ok  scenarios/fixtures/good/minimal.yaml  (minimal, 1 policy, 1 group, 1 crew)',
      'ok  scenarios/fixtures/good/minimal.json  (minimal, 1 policy, 1 group, 1 crew)',
      'ok  scenarios/matrix.yaml  (Hérault 2019 — every measure side by side, 7 policies, 5 groups, 4 crews)',
      '',
    ]);
    expect(r.err).toBe('');
    expect(r.exitCode).toBeUndefined();
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

  it('a YAML syntax error is bad input too', async () => {
    const r = await run('scenarios/fixtures/bad/yaml-syntax.yaml');
    expect(r.err).toMatch(/^scenarios\/fixtures\/bad\/yaml-syntax\.yaml:7:81 YAML syntax error: /);
    expect(r.err).not.toContain('    at ');
    expect(r.exitCode).toBe(2);
  });

  it('without a file, commander refuses with its usage message', async () => {
    const e = await run().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CommanderError);
    expect((e as CommanderError).code).toBe('commander.missingArgument');
  });
});
