#!/usr/bin/env node
/**
 * The `guichet` command. Each subcommand lives in cli/commands/<name>.ts and registers itself;
 * this file only wires them. Commands throw; exit-codes.ts turns a failure into one clean
 * message and the exit status (2 for bad input, 1 for the unexpected, 99 for a failed gate).
 */
import { Command } from 'commander';
import { registerExport } from './commands/export.js';
import { registerMerge } from './commands/merge.js';
import { registerGate } from './commands/gate.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerSchema } from './commands/schema.js';
import { registerStress } from './commands/stress.js';
import { registerTarget } from './commands/target.js';
import { registerValidate } from './commands/validate.js';
import { runProgram } from './exit-codes.js';
import { VERSION } from './version.js';

// `guichet … | head` closes the pipe early: the reader has what it wanted, so stop quietly (as cat does)
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const program = new Command()
  .name('guichet')
  .description('Load simulation and resilience tests for appointment booking systems:\nwho gets the slots when scalper bots compete with people, and which measure helps?')
  .version(VERSION)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerRun(program);
registerReport(program);
registerMerge(program);
registerGate(program);
registerValidate(program);
registerSchema(program);
registerTarget(program);
registerStress(program);
registerExport(program);

process.exitCode = await runProgram(program, process.argv);
