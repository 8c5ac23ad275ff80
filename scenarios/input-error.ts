/**
 * A problem with what the user gave the harness (a scenario or policy file, a result file, a
 * flag, an output folder), with a stable code that callers match on instead of the message's
 * words. The CLI maps every code to an exit status in one place (cli/exit-codes.ts); commands
 * only throw.
 * The message is one line (or one per located issue) the user can act on, never a stack.
 */

export const INPUT_ERROR_CODES = [
  /** a scenario file that cannot be read or is invalid (every issue, located) */
  'SCENARIO_INVALID',
  /** a policy file (`guichet target --policy`, `validate --policy`) that cannot be read or is invalid */
  'POLICY_INVALID',
  /** a result.json that is not one `guichet run` wrote */
  'RESULT_INVALID',
  /** `--policy` names a policy the scenario does not have */
  'UNKNOWN_POLICY',
  /** the output folder cannot be created or written */
  'OUTPUT_UNWRITABLE',
  /** a run that would need more memory than `--max-agents` allows */
  'TOO_LARGE',
  /** a browser group or crew, and no Chromium where GUICHET_CHROMIUM or /usr/bin/chromium says */
  'BROWSER_MISSING',
  /** flags that contradict each other */
  'FLAGS_CONFLICT',
  /** the target cannot listen on the --host/--port asked for */
  'ADDRESS_UNAVAILABLE',
  /** the target's --db cannot be used as a database */
  'DATABASE_UNUSABLE',
  /** `--driver` names no built-in driver, or a module that is not a driver (missing, no default export, …) */
  'DRIVER_INVALID',
  /** a flood the harness will not send: a host other than loopback, or no bound in time or count */
  'FLOOD_REFUSED',
  /** the target named on the command line does not answer */
  'TARGET_UNREACHABLE',
  /** `--shard i/n` cannot split this run (more shards than policy × replication cells) */
  'SHARD_INVALID',
  /** `guichet merge`: parts of different runs, a shard twice, a shard missing, or a file that is not a part */
  'SHARDS_MISMATCH',
  /** `guichet gate` or `run --gate` with nothing to judge: no gates in the result or the scenario, no baseline */
  'NO_GATES',
  /** an environment variable the command reads has a value it cannot use (GUICHET_CRASH_AT_WRITE) */
  'ENVIRONMENT_INVALID',
] as const;

export type InputErrorCode = (typeof INPUT_ERROR_CODES)[number];

export class InputError extends Error {
  override readonly name: string = 'InputError';

  constructor(readonly code: InputErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /**
   * What the CLI prints, given the command's name ("run"): "guichet run: <message>"; nothing
   * for an empty message (the command has told the details itself). Located errors
   * (ScenarioError) override it to print their file:line:col lines as they are.
   */
  format(command?: string): string {
    return this.message === '' ? '' : `guichet${command ? ` ${command}` : ''}: ${this.message}`;
  }
}
