/** `guichet validate <file...>`: check scenario files and print every located error. */
import type { Command } from 'commander';
import { loadScenario, ScenarioError } from '../../scenarios/load.js';
import { effectivePolicies } from '../../scenarios/schema.js';
import type { Scenario } from '../../scenarios/schema.js';

/** where the command writes; tests pass their own to capture it */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const stdio: Output = {
  out: (text) => { process.stdout.write(text); },
  err: (text) => { process.stderr.write(text); },
};

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Hérault 2019, 7 policies, 5 groups, 4 crews" */
export function describeScenario(s: Scenario): string {
  const policies = effectivePolicies(s).length;
  return `${s.name}, ${policies === 1 ? '1 policy' : `${policies} policies`}, ${count(s.population.legit.length, 'group')}, `
    + `${count(s.population.scalpers.length, 'crew')}`;
}

export function registerValidate(program: Command, io: Output = stdio): Command {
  return program.command('validate')
    .description('check scenario files; print each error as file:line:col path: message')
    .argument('<file...>', 'scenario files (.yaml, .yml or .json)')
    .addHelpText('after', '\nExit code 2 when a file is invalid.\n\nExample:\n  guichet validate scenarios/*.yaml')
    .action((files: string[]) => {
      let invalid = 0;
      for (const file of files) {
        try {
          const scenario = loadScenario(file);
          io.out(`ok  ${file}  (${describeScenario(scenario)})\n`);
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw e;
          invalid++;
          io.err(`${e.format()}\n`);
        }
      }
      if (invalid > 0) {
        if (files.length > 1) io.err(`${invalid} of ${files.length} scenario files invalid\n`);
        process.exitCode = 2;
      }
    });
}
