#!/usr/bin/env node
/**
 * The `guichet` command. Each subcommand lives in cli/commands/<name>.ts and registers itself;
 * this file only wires them and turns unexpected failures into one clean line.
 */
import { Command, CommanderError } from 'commander';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerSchema } from './commands/schema.js';
import { registerTarget } from './commands/target.js';
import { registerValidate } from './commands/validate.js';
import { VERSION } from './version.js';

const program = new Command()
  .name('guichet')
  .description('Load simulation and resilience tests for appointment booking systems:\nwho gets the slots when scalper bots compete with people, and which measure helps?')
  .version(VERSION)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerRun(program);
registerReport(program);
registerValidate(program);
registerSchema(program);
registerTarget(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // commander printed its message already; bad flags are bad input
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    console.error(`guichet: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
