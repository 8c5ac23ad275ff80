/** `guichet report <result.json> [--lang fr|en] [--out DIR]`: the fairness reports of a finished run. */
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import type { Lang } from '../../reports/i18n/format.js';
import { readResultFile } from '../../reports/read-result.js';
import { ensureWritableDir, writeReports } from '../../reports/write.js';
import { writtenLines } from '../paths.js';

export function registerReport(program: Command): Command {
  return program
    .command('report')
    .description('write report.html, summary.md and a copy of result.json for a finished run (into --out, default: the folder of result.json)')
    .argument('<result.json>', 'result file written by `guichet run`')
    .addOption(new Option('--lang <lang>', 'language of the report').choices(['fr', 'en']).default('fr'))
    .option('--out <dir>', 'folder to write into (default: the folder of result.json)')
    .addHelpText('after', '\nExamples:\n  guichet report out/matrix/result.json --lang en\n  guichet report out/matrix/result.json --out out/matrix-fr')
    // Failures are thrown: cli/exit-codes.ts prints them (exit 2 for a bad result file or --out).
    .action((file: string, options: { lang: Lang; out?: string }, command: Command) => {
      const result = readResultFile(file);
      const outDir = options.out ?? dirname(file);
      ensureWritableDir(outDir);
      const paths = writeReports(result, outDir, options.lang);
      const out = command.configureOutput().writeOut ?? ((text: string) => process.stdout.write(text));
      out(`${writtenLines(paths)}\n`);
    });
}
