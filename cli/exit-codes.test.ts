import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { DriverModuleError } from '../engine/drivers/driver-module.js';
import { FloodRefusedError } from '../engine/live/flood/spec.js';
import { BrowserMissingError } from '../engine/drivers/browser/browser-missing.js';
import { UnknownPolicyError } from '../engine/run/run-scenario.js';
import { ShardMergeError } from '../engine/run/read-part.js';
import { ShardError } from '../engine/run/run-shard.js';
import { ResultFileError } from '../reports/read-result.js';
import { OutputError } from '../reports/write.js';
import { ScenarioError } from '../scenarios/errors.js';
import { InputError } from '../scenarios/input-error.js';
import { asInputError, describeFailure, EXIT, runProgram } from './exit-codes.js';
import { GateFailedError } from './gate-report.js';

describe('asInputError', () => {
  it('gives the errors of reports and engine their stable code, and keeps input errors as they are', () => {
    const own = new InputError('TOO_LARGE', 'too large');
    expect(asInputError(own)).toBe(own);
    expect(asInputError(new ResultFileError('r.json: not JSON'))).toMatchObject({ code: 'RESULT_INVALID', message: 'r.json: not JSON' });
    expect(asInputError(new UnknownPolicyError('unknown policy "x"'))).toMatchObject({ code: 'UNKNOWN_POLICY', message: 'unknown policy "x"' });
    expect(asInputError(new ShardError('at most 14 shards'))).toMatchObject({ code: 'SHARD_INVALID', message: 'at most 14 shards' });
    expect(describeFailure(new ShardMergeError('missing shard 3/3'), 'merge')).toEqual({ message: 'guichet merge: missing shard 3/3', exitCode: EXIT.badInput });
    expect(describeFailure(new DriverModuleError('driver module ./d.mjs has no default export'), 'run'))
      .toEqual({ message: 'guichet run: driver module ./d.mjs has no default export', exitCode: EXIT.badInput });
    expect(asInputError(new FloodRefusedError('host "x" is not loopback'))).toMatchObject({ code: 'FLOOD_REFUSED', message: 'host "x" is not loopback' });
    expect(asInputError(new OutputError('/dev/null/x', 'not a directory'))).toMatchObject({
      code: 'OUTPUT_UNWRITABLE', message: 'cannot write to /dev/null/x: not a directory',
    });
    expect(describeFailure(new BrowserMissingError('/opt/none/chromium'), 'run')).toEqual({
      message: 'guichet run: no Chromium at /opt/none/chromium: install it (apt-get install chromium) or set GUICHET_CHROMIUM to its executable',
      exitCode: EXIT.badInput,
    });
  });

  it('leaves anything else unexpected', () => {
    expect(asInputError(new Error('boom'))).toBeUndefined();
    expect(asInputError(new TypeError('x is undefined'))).toBeUndefined();
    expect(asInputError('a string')).toBeUndefined();
  });
});

describe('describeFailure', () => {
  it('prints bad input after the command, located errors as they are, exit 2', () => {
    expect(describeFailure(new InputError('TOO_LARGE', 'this run is too large'), 'run'))
      .toEqual({ message: 'guichet run: this run is too large', exitCode: EXIT.badInput });
    const located = new ScenarioError([
      { file: 's.yaml', line: 9, col: 3, path: 'seed', message: 'expected a number' },
      { file: 's.yaml', line: 2, col: 1, path: 'nmae', message: 'unknown key', hint: 'did you mean "name"?' },
    ]);
    expect(describeFailure(located, 'run')).toEqual({
      message: 's.yaml:2:1 nmae: unknown key (did you mean "name"?)\ns.yaml:9:3 seed: expected a number',
      exitCode: 2,
    });
  });

  it('ends a failed gate with 99, as k6 does: the run worked, the measures did not pass', () => {
    expect(describeFailure(new GateFailedError('1 gate failed'), 'gate')).toEqual({ message: 'guichet gate: 1 gate failed', exitCode: 99 });
    expect(EXIT.gateFailed).toBe(99);
  });

  it('prints an unexpected error in one line without a stack, exit 1', () => {
    const unexpected = describeFailure(new Error('boom'), 'run');
    expect(unexpected).toEqual({ message: 'guichet: boom', exitCode: EXIT.unexpected });
    expect(describeFailure('thrown text', '').message).toBe('guichet: thrown text');
  });
});

describe('runProgram', () => {
  /** a program with one command `go` that runs `action`, its error output captured */
  async function run(action: () => void | Promise<void>, args: string[] = ['go']) {
    let err = '';
    const program = new Command('guichet').exitOverride().configureOutput({ writeOut: () => {}, writeErr: (s) => { err += s; } });
    program.command('go').option('--n <n>', 'a number').action(action);
    const exitCode = await runProgram(program, args, 'user');
    return { err, exitCode };
  }

  it('returns 0 when the command succeeds, and prints nothing', async () => {
    expect(await run(() => {})).toEqual({ err: '', exitCode: 0 });
  });

  it('names the command that threw the input error (also from an async action)', async () => {
    expect(await run(async () => { throw new InputError('FLAGS_CONFLICT', '--a and --b: pass one of them'); }))
      .toEqual({ err: 'guichet go: --a and --b: pass one of them\n', exitCode: 2 });
  });

  it('maps the errors of other layers through the same table', async () => {
    expect(await run(() => { throw new OutputError('out/x', 'permission denied'); }))
      .toEqual({ err: 'guichet go: cannot write to out/x: permission denied\n', exitCode: 2 });
  });

  it('prints nothing more for an input error with no message (the command told the details)', async () => {
    expect(await run(() => { throw new InputError('SCENARIO_INVALID', ''); })).toEqual({ err: '', exitCode: 2 });
  });

  it('exits 1 on the unexpected', async () => {
    expect(await run(() => { throw new RangeError('index out of range'); }))
      .toEqual({ err: 'guichet: index out of range\n', exitCode: 1 });
  });

  it("treats commander's own refusals (unknown option, unknown command) as bad input, and --help as success", async () => {
    const unknownOption = await run(() => {}, ['go', '--nope']);
    expect(unknownOption.exitCode).toBe(2);
    expect(unknownOption.err).toMatch(/unknown option '--nope'/);
    expect((await run(() => {}, ['nothing'])).exitCode).toBe(2);
    expect((await run(() => {}, ['go', '--help'])).exitCode).toBe(0);
  });
});
