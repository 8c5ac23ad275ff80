/**
 * The one place where failures become exit statuses: commands throw, `runProgram` prints one
 * clean message and returns the status. 0 ok, 1 unexpected (a bug: the message, no stack),
 * 2 bad input (the user can fix it: a file, a flag, a folder, a port), 99 a failed gate or a
 * regression against a baseline (the run worked, the system under test did not pass; as k6).
 */
import { CommanderError, type Command } from 'commander';
import { DriverModuleError } from '../engine/drivers/driver-module.js';
import { FloodRefusedError } from '../engine/live/flood/spec.js';
import { BrowserMissingError } from '../engine/drivers/browser/browser-missing.js';
import { UnknownPolicyError } from '../engine/run/run-scenario.js';
import { ShardMergeError } from '../engine/run/read-part.js';
import { ShardError } from '../engine/run/run-shard.js';
import { ResultFileError } from '../reports/read-result.js';
import { OutputError } from '../reports/write.js';
import { InputError, type InputErrorCode } from '../scenarios/input-error.js';
import { GateFailedError } from './gate-report.js';
import { displayPath } from './paths.js';

export const EXIT = { ok: 0, unexpected: 1, badInput: 2, gateFailed: 99 } as const;

/** Every input error is bad input today; a code may get its own status later, here. */
export function exitCodeOf(_code: InputErrorCode): number {
  return EXIT.badInput;
}

/**
 * The error as an InputError when it is the user's to fix. Errors of the layers that may not
 * import scenarios/ (reports, engine) get their code here.
 */
export function asInputError(e: unknown): InputError | undefined {
  if (e instanceof InputError) return e;
  if (e instanceof ResultFileError) return new InputError('RESULT_INVALID', e.message, { cause: e });
  if (e instanceof UnknownPolicyError) return new InputError('UNKNOWN_POLICY', e.message, { cause: e });
  if (e instanceof ShardError) return new InputError('SHARD_INVALID', e.message, { cause: e });
  if (e instanceof ShardMergeError) return new InputError('SHARDS_MISMATCH', e.message, { cause: e });
  if (e instanceof DriverModuleError) return new InputError('DRIVER_INVALID', e.message, { cause: e });
  if (e instanceof FloodRefusedError) return new InputError('FLOOD_REFUSED', e.message, { cause: e });
  if (e instanceof OutputError) return new InputError('OUTPUT_UNWRITABLE', `cannot write to ${displayPath(e.path)}: ${e.reason}`, { cause: e });
  if (e instanceof BrowserMissingError) return new InputError('BROWSER_MISSING', e.message, { cause: e });
  return undefined;
}

/** What to print ('' for nothing) and the status, for a failure of `guichet <command>` ("" when no command ran). */
export function describeFailure(e: unknown, command: string): { message: string; exitCode: number } {
  const input = asInputError(e);
  if (input) return { message: input.format(command), exitCode: exitCodeOf(input.code) };
  if (e instanceof GateFailedError) return { message: `guichet${command ? ` ${command}` : ''}: ${e.message}`, exitCode: EXIT.gateFailed };
  // unexpected: one line, as before, without the command (it is not the user's input to fix)
  return { message: `guichet: ${e instanceof Error ? e.message : String(e)}`, exitCode: EXIT.unexpected };
}

/**
 * Parses and runs `program` (built with exitOverride), prints any failure on its error output
 * and returns the exit status. Commander has printed its own errors (bad flags) already.
 */
export async function runProgram(program: Command, argv: readonly string[], from?: 'node' | 'user'): Promise<number> {
  let command = '';
  program.hook('preAction', (_program, action) => {
    // a subcommand is named with its parents below the program: "export k6"
    const names: string[] = [];
    for (let c: Command | null = action; c !== null && c !== program; c = c.parent) names.unshift(c.name());
    command = names.join(' ');
  });
  try {
    await program.parseAsync(argv, from ? { from } : undefined);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    const { message, exitCode } = describeFailure(e, command);
    const writeErr = program.configureOutput().writeErr ?? ((text: string) => process.stderr.write(text));
    // empty when the command has printed the details itself (validate, file by file)
    if (message !== '') writeErr(`${message}\n`);
    return exitCode;
  }
}
