/**
 * `guichet gate <result.json>`: judges a finished run on its gates (those recorded in the result,
 * or a scenario's with --scenario) and, with --baseline, against an earlier run. Exit 0 when
 * everything holds, 99 when a gate fails or a metric regressed, 2 on bad input; --junit writes
 * the outcomes for CI.
 */
import { Command, InvalidArgumentError } from 'commander';
import { readResultFile } from '../../reports/read-result.js';
import { compareToBaseline, type BaselineComparison } from '../../reports/gates/baseline.js';
import { evaluateGates, recordedGates, type PolicyGateDefs } from '../../reports/gates/evaluate.js';
import { renderJunit } from '../../reports/gates/junit.js';
import { writeAtomic } from '../../reports/write.js';
import { gatesByPolicy } from '../../scenarios/gates/effective.js';
import { InputError } from '../../scenarios/input-error.js';
import { loadScenarioFor } from '../../scenarios/run-mode.js';
import type { GatesResult, RunResult } from '../../engine/result.js';
import { failOnGates, gateLines } from '../gate-report.js';

interface GateFlags {
  scenario?: string;
  baseline?: string;
  tolerance?: number;
  junit?: string;
}

function tolerance(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number ≥ 0 such as 0.02, got "${text}"`);
  return n;
}

/** A result with live blocks was a live run: its scenario may carry live gates. */
const modeOf = (r: RunResult) => (r.policies.some((p) => p.runs.some((run) => run.live)) ? 'live' : 'sim');

export function registerGate(program: Command): Command {
  return program.command('gate')
    .description('judge a finished run on its gates (and against a baseline run): exit 0 when all hold, 99 when one fails, 2 on bad input')
    .argument('<result.json>', 'result file written by `guichet run`')
    .option('--scenario <file>', 'judge on this scenario\'s gates instead of those recorded in result.json')
    .option('--baseline <base.json>', 'an earlier result.json: fail when a metric regressed beyond the tolerance, as the replications\' intervals tell')
    .option('--tolerance <x>', 'with --baseline: shares and points in their own scale (0.02 = 2 points), other metrics relative to the baseline (0.02 = 2 %)', tolerance)
    .option('--junit <out.xml>', 'write the outcomes as JUnit XML (one testsuite per policy, one testcase per gate)')
    .addHelpText('after', '\nExamples:\n  guichet gate out/matrix/result.json --junit out/matrix/gates.xml\n'
      + '  guichet gate out/pr/result.json --baseline out/main/result.json --tolerance 0.02\n\nThe gate grammar: README.md, "Gate your anti-bot measures in CI".')
    .action((file: string, flags: GateFlags, command: Command) => {
      if (flags.tolerance !== undefined && flags.baseline === undefined) throw new InputError('FLAGS_CONFLICT', '--tolerance only applies with --baseline');
      const result = readResultFile(file);
      const baseline = flags.baseline !== undefined ? readResultFile(flags.baseline) : undefined;
      const defs: PolicyGateDefs[] = flags.scenario !== undefined ? gatesByPolicy(loadScenarioFor(flags.scenario, modeOf(result))) : recordedGates(result);
      const anyGate = defs.some((d) => d.gates.length > 0);
      if (!anyGate && !baseline) {
        throw new InputError('NO_GATES', `${file}: no gates to judge (${flags.scenario ?? 'its scenario'} has no \`gates:\`); add gates to the scenario, or give --baseline`);
      }
      const gates: GatesResult | undefined = anyGate ? evaluateGates(result, defs) : undefined;
      const comparison: BaselineComparison | undefined = baseline ? compareToBaseline(result, baseline, flags.tolerance ?? 0.02) : undefined;
      const out = command.configureOutput().writeOut ?? ((text: string) => process.stdout.write(text));
      out(`${gateLines(gates, comparison).join('\n')}\n`);
      if (flags.junit !== undefined) {
        writeAtomic(flags.junit, renderJunit(gates, comparison, `guichet gates: ${result.scenario.name}`));
        out(`wrote ${flags.junit}\n`);
      }
      failOnGates(gates, comparison);
    });
}
