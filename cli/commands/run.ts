/** `guichet run <scenario>`: simulate in virtual time, write result.json and the reports. */
import { basename, extname, join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { runScenario, UnknownPolicyError } from '../../engine/run-matrix.js';
import { DEFAULT_MAX_AGENTS, estimateRunSize, runSizeProblem } from '../../engine/run-size.js';
import { loadScenario, ScenarioError } from '../../scenarios/load.js';
import { integerIn, list, oneOf } from '../options.js';
import { summaryTable } from '../summary-table.js';
import { writeAtomic, writeReports } from '../../reports/write.js';

interface RunFlags {
  seed?: number;
  replications?: number;
  policy?: string[];
  out?: string;
  quiet?: boolean;
  report: boolean;
  lang: 'fr' | 'en';
  workers?: number;
  maxAgents: number;
}

export function registerRun(program: Command): void {
  program.command('run')
    .description('simulate a scenario in virtual time and write result.json and a fairness report')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--seed <n>', 'override the scenario seed', integerIn(0, 2 ** 31 - 1))
    .option('--replications <n>', 'override the number of replications', integerIn(1, 1000))
    .option('--policy <names>', 'run only these policies (comma-separated; "baseline" is the scenario\'s policy)', list)
    .option('--out <dir>', 'output folder (default: out/<scenario name>)')
    .option('--workers <n>', 'worker threads (default: one per core)', integerIn(1, 256))
    .option('--lang <lang>', 'report language', oneOf(['fr', 'en'] as const), 'fr')
    .option('--no-report', 'write result.json only')
    .option('-q, --quiet', 'no progress bar and no table')
    .option('--max-agents <n>', 'refuse, before simulating, a run whose replication needs more memory than this many agents (about 4 KB each)', integerIn(1, 1_000_000_000), DEFAULT_MAX_AGENTS)
    .addHelpText('after', '\nExamples:\n  guichet run scenarios/herault-2019.yaml --replications 5\n  guichet run scenarios/matrix.yaml --policy baseline,lottery --out out/lottery')
    .action(async (file: string, flags: RunFlags) => {
      let scenario;
      try {
        scenario = loadScenario(file);
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        console.error(e.format());
        process.exitCode = 2;
        return;
      }
      // refused before anything is simulated or written: a run too large would crash Node instead
      const tooLarge = runSizeProblem(estimateRunSize(scenario, flags.policy), flags.maxAgents);
      if (tooLarge) {
        console.error(`guichet run: ${tooLarge}`);
        process.exitCode = 2;
        return;
      }
      const outDir = resolve(flags.out ?? join('out', basename(file, extname(file))));
      const bar = !flags.quiet && process.stderr.isTTY
        ? new cliProgress.SingleBar({ format: 'simulating {bar} {value}/{total} replications | {duration_formatted}', hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic)
        : undefined;
      let result;
      try {
        result = await runScenario(scenario, {
          file,
          ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
          ...(flags.replications !== undefined ? { replications: flags.replications } : {}),
          ...(flags.policy ? { policies: flags.policy } : {}),
          ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
          onProgress: (done, total) => {
            if (!bar) return;
            if (done === 1) bar.start(total, 0);
            bar.update(done);
          },
        });
      } catch (e) {
        if (!(e instanceof UnknownPolicyError)) throw e;
        console.error(`guichet run: ${e.message}`);
        process.exitCode = 2;
        return;
      } finally {
        bar?.stop();
      }
      if (!flags.quiet) console.log(`\n${summaryTable(result)}\n`);
      if (flags.report) {
        const written = writeReports(result, outDir, flags.lang);
        console.log(`result: ${written.json}\nreport: ${written.html}\nsummary: ${written.markdown}`);
      } else {
        const path = join(outDir, 'result.json');
        writeAtomic(path, `${JSON.stringify(result, null, 2)}\n`);
        console.log(`result: ${path}`);
      }
    });
}
