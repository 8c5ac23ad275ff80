/**
 * `guichet export k6 <scenario> [-o test.ts]`: a k6 TypeScript script that replays the
 * scenario's live traffic at the protocol level, for runs k6 distributes (k6-operator, Grafana
 * Cloud k6). What the script cannot play faithfully is refused, located in the file (exit 2).
 */
import { Command } from 'commander';
import { formatPath, ScenarioError } from '../../scenarios/errors.js';
import { readMapping, readSource, SCENARIO_MESSAGES, validateScenario } from '../../scenarios/load.js';
import { BASELINE } from '../../scenarios/schema.js';
import { writeAtomic } from '../../reports/write.js';
import { planK6, type K6Plan } from '../export/k6-plan.js';
import { k6Script } from '../export/k6-script.js';
import type { Output } from './validate.js';

const stdio: Pick<Output, 'out'> = { out: (text) => { process.stdout.write(text); } };

/** The plan of `policy` in the scenario `file`, or a ScenarioError locating every refusal. */
export function planFromFile(file: string, policy: string = BASELINE): K6Plan {
  const read = readMapping(readSource(file, 'scenario'), file, SCENARIO_MESSAGES);
  const planned = planK6(validateScenario(read), policy);
  if (planned.ok) return planned.plan;
  throw new ScenarioError(planned.refusals.map((r) =>
    read.issue(read.locator.locate(r.path, 'value'), formatPath(r.path), r.message, r.hint)));
}

export function registerExport(program: Command, io: Pick<Output, 'out'> = stdio): Command {
  const exporter = program.command('export').description('write the scenario as a script for another load tool');
  exporter.command('k6')
    .description('write a k6 TypeScript script replaying the scenario\'s live traffic: people at arrival rates, each crew as constant VUs, live gates as thresholds')
    .argument('<scenario>', 'scenario file (.yaml, .yml or .json)')
    .option('-o, --output <file>', 'write the script to this file (default: standard output)')
    .option('--policy <name>', 'the policy whose gates become thresholds and whose flows must be exportable', BASELINE)
    .addHelpText('after', `
The script talks to the target's JSON API; start the target with --trust-proxy so that each person's and
bot's X-Forwarded-For address counts. Variables: -e BASE_URL, DURATION (10m), PEOPLE_SCALE (1), TIME_SCALE (1).
Lotteries, waiting rooms, batch releases, the registry check, the e-mail confirmation, browser clients and
driver modules are refused (exit 2, located in the file): the script could not play them faithfully.

Examples:
  guichet export k6 scenarios/herault-2019-live.yaml -o test.ts
  guichet target --scenario scenarios/herault-2019-live.yaml --trust-proxy --db :memory: --epoch 2019-01-06T19:59:30 &
  k6 run -e BASE_URL=http://127.0.0.1:8080 -e DURATION=2m test.ts
Steps for k6-operator and Grafana Cloud k6: docs/k6.md.`)
    .action((file: string, opts: { output?: string; policy: string }) => {
      const script = k6Script(planFromFile(file, opts.policy), file);
      if (opts.output === undefined) io.out(script);
      else writeAtomic(opts.output, script);
    });
  return exporter;
}
