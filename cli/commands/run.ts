/** `guichet run <scenario>`: simulate in virtual time, write result.json and the reports. */
import { basename, extname, join } from 'node:path';
import { Option, type Command } from 'commander';
import { runScenario } from '../../engine/run/run-scenario.js';
import { DEFAULT_MAX_AGENTS, estimateRunSize, runSizeProblem } from '../../engine/run/run-size.js';
import { InputError } from '../../scenarios/input-error.js';
import { loadScenario } from '../../scenarios/load.js';
import { integerIn, list } from '../options.js';
import { writtenLines } from '../paths.js';
import { createProgress } from '../progress.js';
import { summaryTable, TABLE_WIDTH } from '../summary-table.js';
import { ensureWritableDir, REPORT_FILES, writeAtomic, writeReports } from '../../reports/write.js';

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
    .option('--out <dir>', 'output folder, checked before simulating (default: out/<scenario name>)')
    .option('--workers <n>', 'worker threads (default: one per core)', integerIn(1, 256))
    .addOption(new Option('--lang <lang>', 'report language').choices(['fr', 'en']).default('fr'))
    .option('--no-report', 'write result.json only')
    .option('-q, --quiet', 'no progress and no table (progress goes to stderr: a bar on a terminal, else a line every few seconds)')
    .option('--max-agents <n>', 'refuse, before simulating, a run whose replication needs more memory than this many agents (about 4 KB each)', integerIn(1, 1_000_000_000), DEFAULT_MAX_AGENTS)
    .addHelpText('after', '\nExamples:\n  guichet run scenarios/herault-2019.yaml --replications 5\n  guichet run scenarios/matrix.yaml --policy baseline,lottery --out out/lottery')
    // Failures are thrown: cli/exit-codes.ts prints them (exit 2 for bad input).
    .action(async (file: string, flags: RunFlags) => {
      const scenario = loadScenario(file);
      // refused before anything is simulated or written: a run too large would crash Node instead
      const tooLarge = runSizeProblem(estimateRunSize(scenario, flags.policy), flags.maxAgents);
      if (tooLarge) throw new InputError('TOO_LARGE', tooLarge);
      const outDir = flags.out ?? join('out', basename(file, extname(file)));
      // Before simulating: minutes of work must not end in "cannot write".
      ensureWritableDir(outDir);
      const progress = createProgress({ quiet: flags.quiet ?? false, stream: process.stderr });
      let result;
      try {
        result = await runScenario(scenario, {
          file,
          ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
          ...(flags.replications !== undefined ? { replications: flags.replications } : {}),
          ...(flags.policy ? { policies: flags.policy } : {}),
          ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
          onProgress: (done, total) => progress.update(done, total),
        });
      } finally {
        progress.stop();
      }
      if (!flags.quiet) console.log(`\n${summaryTable(result, tableWidth())}\n`);
      const written = flags.report
        ? writeReports(result, outDir, flags.lang)
        : { json: writeResult(`${JSON.stringify(result, null, 2)}\n`, outDir) };
      console.log(writtenLines(written));
    });
}

function writeResult(json: string, outDir: string): string {
  const path = join(outDir, REPORT_FILES.json);
  writeAtomic(path, json);
  return path;
}

/** 100 columns, or fewer on a narrower terminal (the table then turns into one block per policy). */
function tableWidth(): number {
  return process.stdout.isTTY && process.stdout.columns > 0 ? Math.min(TABLE_WIDTH, process.stdout.columns) : TABLE_WIDTH;
}
