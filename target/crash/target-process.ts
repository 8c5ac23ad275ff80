/**
 * `guichet target` as a child process on a SQLite file, for the crash tests: the TypeScript
 * sources through tsx, with only the target command registered. It can be armed to kill itself
 * at its n-th store write (GUICHET_CRASH_AT_WRITE), and killed from outside with SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CRASH_AT_WRITE_ENV } from '../storage/crash-point.js';
import { ADMIN_TOKEN } from './http-client.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The program the child runs: the CLI with only `guichet target` registered (other commands being edited cannot break it). */
export const TARGET_ONLY_CLI = `
import { Command } from 'commander';
const { registerTarget } = await import('./cli/commands/target.ts');
const { runProgram } = await import('./cli/exit-codes.ts');
const program = new Command('guichet').exitOverride();
registerTarget(program);
process.exitCode = await runProgram(program, process.argv.slice(1), 'user');
`;

export interface TargetChild {
  proc: ChildProcess;
  /** resolves with the URL once listening; rejects when the process exits before */
  url: Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

export interface ChildOptions { db: string; policyFile: string; epoch: string; crashAtWrite?: number }

export function startTargetChild(o: ChildOptions): TargetChild {
  const env: NodeJS.ProcessEnv = { ...process.env, GUICHET_ADMIN_TOKEN: '' };
  delete env[CRASH_AT_WRITE_ENV];
  if (o.crashAtWrite !== undefined) env[CRASH_AT_WRITE_ENV] = String(o.crashAtWrite);
  const args = ['target', '--port', '0', '--db', o.db, '--policy', o.policyFile, '--epoch', o.epoch,
    '--admin-token', ADMIN_TOKEN, '--test-control'];
  const proc = spawn(process.execPath, ['--import', 'tsx/esm', '--input-type=module', '-e', TARGET_ONLY_CLI, ...args], {
    cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const url = new Promise<string>((resolve, reject) => {
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /guichet target listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    void exit.then(({ code, signal }) => reject(new Error(`target exited (${code ?? signal}) before listening`)));
  });
  url.catch(() => {});
  return { proc, url, exit, output: () => out };
}
