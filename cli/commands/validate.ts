/**
 * `guichet validate <file...>`: check scenario and policy files and print every located error.
 * A file whose top-level keys are all a policy file's (release, measures, flaws, counters) is
 * checked as a policy file; `--policy` checks every file as one.
 */
import { liveOnlyPaths } from '../../scenarios/run-mode.js';
import { Command, Option } from 'commander';
import { ScenarioError } from '../../scenarios/errors.js';
import { InputError } from '../../scenarios/input-error.js';
import { loadConfigFile, type TargetConfig } from '../../scenarios/load-policy.js';
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

/**
 * Ends a validation that found invalid files. Their errors are printed as each file is read,
 * so this carries only the closing summary ("2 of 3 scenario files invalid", or nothing).
 */
class InvalidFiles extends InputError {
  override readonly name = 'InvalidFiles';

  override format(): string {
    return this.message;
  }
}

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Hérault 2019, 7 policies, 5 groups, 4 crews" (and whether only a live run takes it) */
export function describeScenario(s: Scenario): string {
  const policies = effectivePolicies(s).length;
  const liveOnly = liveOnlyPaths(s).length > 0 ? '; live only: run it with --mode live' : '';
  return `${s.name}, ${policies === 1 ? '1 policy' : `${policies} policies`}, ${count(s.population.legit.length, 'group')}, `
    + `${count(s.population.scalpers.length, 'crew')}${liveOnly}`;
}

/** "policy file: weekly release, 1 measure, no flaw, 2 counters" */
export function describePolicy(p: TargetConfig): string {
  const measures = Object.values(p.measures).filter((m) => m !== undefined).length;
  const counters = p.counters ? count(Object.keys(p.counters).length, 'counter') : 'the default counters';
  const flaws = p.flaws.length === 0 ? 'no flaw' : count(p.flaws.length, 'flaw');
  return `policy file: ${p.release.kind} release, ${count(measures, 'measure')}, ${flaws}, ${counters}`;
}

export function registerValidate(program: Command, io: Output = stdio): Command {
  return program.command('validate')
    .description('check scenario and policy files; print each error as file:line:col path: message')
    .argument('<file...>', 'scenario or policy files (.yaml, .yml or .json)')
    .addOption(new Option('--policy', 'check every file as a policy file (as `guichet target --policy` reads it)'))
    .addHelpText('after', '\nA file with only release, measures, flaws and counters at its top level is a policy file;\n'
      + 'any other is a scenario. Exit code 2 when a file is invalid.\n\n'
      + 'Examples:\n  guichet validate scenarios/*.yaml\n  guichet validate --policy policy.yaml')
    .action((files: string[], opts: { policy?: boolean }) => {
      const invalid: ScenarioError[] = [];
      let policies = 0;
      for (const file of files) {
        try {
          const read = loadConfigFile(file, opts.policy ? 'policy' : undefined);
          if (read.kind === 'policy') policies++;
          io.out(`ok  ${file}  (${read.kind === 'policy' ? describePolicy(read.policy) : describeScenario(read.scenario)})\n`);
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw e;
          invalid.push(e);
          io.err(`${e.format()}\n`);
        }
      }
      if (invalid.length > 0) {
        const noun = opts.policy ? 'policy files' : policies > 0 ? 'files' : 'scenario files';
        const code = invalid.every((e) => e.code === 'POLICY_INVALID') ? 'POLICY_INVALID' : 'SCENARIO_INVALID';
        throw new InvalidFiles(code, files.length > 1 ? `${invalid.length} of ${files.length} ${noun} invalid` : '');
      }
    });
}
