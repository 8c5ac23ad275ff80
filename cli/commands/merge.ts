/** `guichet merge <part.json…> [-o result.json]`: the parts of a sharded run (`guichet run --shard i/n`) made into its result.json. */
import { evaluateGates } from '../../reports/gates/evaluate.js';
import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { mergeShards } from '../../engine/run/merge-shards.js';
import { readPartFile } from '../../engine/run/read-part.js';
import { parseResult } from '../../reports/read-result.js';
import { ensureWritableDir, REPORT_FILES, writeAtomic } from '../../reports/write.js';
import { displayPath } from '../paths.js';

export function registerMerge(program: Command): Command {
  return program
    .command('merge')
    .description('merge the part files of a sharded run (`guichet run --shard i/n`, every i from 1 to n) into the result.json the unsharded run writes, byte for byte')
    .argument('<parts...>', 'part files (part-1-of-8.json …), in any order')
    .option('-o, --out <file>', 'result file to write (default: out/<scenario file name>/result.json, as `guichet run`)')
    .addHelpText('after', '\nRefuses (exit 2), listing every problem: parts of different scenarios or options, a shard given twice, a missing shard.\n\n'
      + 'Examples:\n  guichet merge parts/part-*.json -o out/matrix/result.json\n  guichet report out/matrix/result.json --lang en')
    // Failures are thrown: cli/exit-codes.ts prints them (exit 2 for parts that do not make one run).
    .action((files: string[], options: { out?: string }, command: Command) => {
      const parts = files.map(readPartFile);
      const first = parts[0]!.part;
      const merged = mergeShards(parts);
      // judged on the whole run, as `guichet run` judges it: the same bytes as the unsharded result.json
      const result = first.gates ? { ...merged, gates: evaluateGates(merged, first.gates) } : merged;
      const out = options.out ?? join('out', basename(result.scenario.file, extname(result.scenario.file)), REPORT_FILES.json);
      // the merged replications are checked as any result.json, so a damaged part never becomes a report
      parseResult(JSON.parse(JSON.stringify(result)), `merge of ${files.length} parts`);
      ensureWritableDir(dirname(out));
      writeAtomic(out, `${JSON.stringify(result, null, 2)}\n`);
      const write = command.configureOutput().writeOut ?? ((text: string) => process.stdout.write(text));
      write(`merged ${parts.length} shards of ${first.shard.count}: ${first.grid} replications (policy × replication)\nresult: ${displayPath(out)}\n`);
    });
}
