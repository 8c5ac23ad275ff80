/** `guichet run <scenario>`: simulate in virtual time, write result.json and the reports. */
import { basename, extname, join } from 'node:path';
import { Option, type Command } from 'commander';
import { runScenario } from '../../engine/run/run-scenario.js';
import { DEFAULT_MAX_AGENTS, estimateRunSize, runSizeProblem } from '../../engine/run/run-size.js';
import { InputError } from '../../scenarios/input-error.js';
import { loadScenarioFor } from '../../scenarios/run-mode.js';
import { gatesByPolicy, hasGates } from '../../scenarios/gates/effective.js';
import { evaluateGates } from '../../reports/gates/evaluate.js';
import { renderJunit } from '../../reports/gates/junit.js';
import { failOnGates, gateLines } from '../gate-report.js';
import { integerIn, list, numberIn, shard } from '../options.js';
import type { ShardSpec } from '../../engine/measure/partial-types.js';
import { checkShard, runShardPart } from './run-shard.js';
import { ledgerMismatch } from '../live-table.js';
import { checkLiveSetup, runScenarioLive } from './run-live.js';
import { writtenLines } from '../paths.js';
import { createProgress, LIVE_DAYS, REPLICATIONS } from '../progress.js';
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
  mode: 'sim' | 'live';
  driver?: string;
  raceSpeed?: number;
  target?: string;
  adminToken?: string;
  shard?: ShardSpec;
  gate?: boolean;
  junit?: string;
}

export function registerRun(program: Command): void {
  program.command('run')
    .description('run a scenario, simulated in virtual time (default) or live against a real target, and write result.json and a fairness report')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--seed <n>', 'override the scenario seed', integerIn(0, 2 ** 31 - 1))
    .option('--replications <n>', 'override the number of replications', integerIn(1, 1000))
    .option('--policy <names>', 'run only these policies (comma-separated; "baseline" is the scenario\'s policy)', list)
    .option('--out <dir>', 'output folder, checked before simulating (default: out/<scenario name>)')
    .option('--workers <n>', 'worker threads (default: one per core)', integerIn(1, 256))
    .addOption(new Option('--lang <lang>', 'report language').choices(['fr', 'en']).default('fr'))
    .option('--no-report', 'write result.json only')
    .option('-q, --quiet', 'no progress and no table (progress goes to stderr: a bar on a terminal, else a line every few seconds)')
    .addOption(new Option('--mode <mode>', 'sim: virtual time, deterministic; live: real HTTP (and browsers) against the reference target on 127.0.0.1').choices(['sim', 'live']).default('sim'))
    .option('--driver <name|path>', 'live: http (JSON API, default), forms (HTML forms), or a driver module (docs/drivers.md)')
    .option('--race-speed <x>', 'live: simulated seconds per real second inside race windows (default: the scenario\'s, else 1)', numberIn(0.1, 100))
    .option('--target <url>', 'live: a guichet target started separately with --test-control --trust-proxy, on this machine (default: start one per replication)')
    .addOption(new Option('--admin-token <token>', 'live, with --target: its admin token').env('GUICHET_ADMIN_TOKEN'))
    .option('--shard <i/n>', 'sim: run only shard i of n of the (policy × replication) grid and write out/…/part-i-of-n.json, for `guichet merge` (docs/shards.md)', shard)
    .option('--gate', 'exit with 99 when a gate of the scenario fails (outcomes are written into result.json and the report either way)')
    .option('--junit <out.xml>', 'write the gate outcomes as JUnit XML (one testsuite per policy, one testcase per gate)')
    .option('--max-agents <n>', 'refuse, before simulating, a run whose replication needs more memory than this many agents (about 4 KB each)', integerIn(1, 1_000_000_000), DEFAULT_MAX_AGENTS)
    .addHelpText('after', '\nExamples:\n  guichet run scenarios/herault-2019.yaml --replications 5\n  guichet run scenarios/matrix.yaml --policy baseline,lottery --out out/lottery\n'
      + '  guichet run scenarios/live-smoke.yaml --mode live\n'
      + '  guichet run scenarios/live-smoke.yaml --mode live --target http://127.0.0.1:8080 --admin-token s3cret\n'
      + '  guichet run scenarios/matrix.yaml --shard 2/8 --out parts   # then: guichet merge parts/part-*.json -o out/matrix/result.json\n\nLive runs do one replication per policy unless --replications says otherwise (docs/live.md).')
    // Failures are thrown: cli/exit-codes.ts prints them (exit 2 for bad input).
    .action(async (file: string, flags: RunFlags) => {
      const liveOnly = ([['--driver', flags.driver], ['--race-speed', flags.raceSpeed], ['--target', flags.target]] as const).find(([, v]) => v !== undefined);
      if (flags.mode === 'sim' && liveOnly) throw new InputError('FLAGS_CONFLICT', `${liveOnly[0]} only applies with --mode live`);
      if (flags.mode === 'live' && flags.shard) throw new InputError('FLAGS_CONFLICT', '--shard only applies to simulated runs (--mode sim)');
      const scenario = loadScenarioFor(file, flags.mode);
      if ((flags.gate || flags.junit !== undefined) && !hasGates(scenario)) {
        throw new InputError('NO_GATES', `${flags.gate ? '--gate' : '--junit'}: ${file} has no \`gates:\` to check`);
      }
      // refused before anything is simulated or written: a run too large would crash Node instead
      const tooLarge = runSizeProblem(estimateRunSize(scenario, flags.policy), flags.maxAgents);
      if (tooLarge) throw new InputError('TOO_LARGE', tooLarge);
      const grid = {
        ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
        ...(flags.replications !== undefined ? { replications: flags.replications } : {}),
        ...(flags.policy ? { policies: flags.policy } : {}),
      };
      if (flags.shard) checkShard(scenario, flags.shard, grid);
      if (flags.mode === 'live') await checkLiveSetup(file, scenario, flags);
      const outDir = flags.out ?? join('out', basename(file, extname(file)));
      // Before simulating: minutes of work must not end in "cannot write".
      ensureWritableDir(outDir);
      const unit = flags.mode === 'live' ? LIVE_DAYS : flags.shard ? { ...REPLICATIONS, verb: `simulating shard ${flags.shard.index}/${flags.shard.count}` } : REPLICATIONS;
      const progress = createProgress({ quiet: flags.quiet ?? false, stream: process.stderr, unit });
      const onProgress = (done: number, total: number) => progress.update(done, total);
      const simOptions = { file, ...grid, ...(flags.workers !== undefined ? { workers: flags.workers } : {}), onProgress };
      if (flags.shard) {
        let written;
        try {
          written = await runShardPart(scenario, flags.shard, simOptions, outDir);
        } finally {
          progress.stop();
        }
        console.log(written.lines.join('\n'));
        return;
      }
      let result;
      try {
        result = flags.mode === 'live'
          ? await runScenarioLive(file, scenario, flags, outDir, onProgress)
          : await runScenario(scenario, simOptions);
      } finally {
        progress.stop();
      }
      // judged before writing, so result.json and the report carry the outcomes
      if (hasGates(scenario)) result = { ...result, gates: evaluateGates(result, gatesByPolicy(scenario)) };
      if (!flags.quiet) console.log(`\n${summaryTable(result, tableWidth())}\n`);
      if (result.gates && (!flags.quiet || flags.gate)) console.log(`${gateLines(result.gates).join('\n')}\n`);
      const written = flags.report
        ? writeReports(result, outDir, flags.lang)
        : { json: writeResult(`${JSON.stringify(result, null, 2)}\n`, outDir) };
      console.log(writtenLines(written));
      if (flags.junit !== undefined) {
        writeAtomic(flags.junit, renderJunit(result.gates, undefined, `guichet gates: ${result.scenario.name}`));
        console.log(`wrote ${flags.junit}`);
      }
      // written first, so the report shows the mismatch: then the run fails loudly
      if (ledgerMismatch(result)) throw new Error('LEDGER MISMATCH: the harness and the target disagree on the bookings made (the table above and the report list them)');
      if (flags.gate) failOnGates(result.gates);
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
