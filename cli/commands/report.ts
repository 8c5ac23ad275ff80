/** `guichet report <result.json> [--lang fr|en] [--out DIR]`: the fairness reports of a finished run. */
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import type { Lang } from '../../reports/i18n/format.js';
import { readResultFile, ResultFileError } from '../../reports/read-result.js';
import { ensureWritableDir, OutputError, writeReports } from '../../reports/write.js';
import { displayPath, writtenLines } from '../paths.js';

export function registerReport(program: Command): Command {
  return program
    .command('report')
    .description('write report.html, summary.md and a copy of result.json for a finished run (into --out, default: the folder of result.json)')
    .argument('<result.json>', 'result file written by `guichet run`')
    .addOption(new Option('--lang <lang>', 'language of the report').choices(['fr', 'en']).default('fr'))
    .option('--out <dir>', 'folder to write into (default: the folder of result.json)')
    .addHelpText('after', '\nExamples:\n  guichet report out/matrix/result.json --lang en\n  guichet report out/matrix/result.json --out out/matrix-fr')
    .action((file: string, options: { lang: Lang; out?: string }, command: Command) => {
      // bad input, not bad usage: one line, without commander's "(run with --help for usage)"
      const fail = (message: string) => command.showHelpAfterError(false).error(`guichet report: ${message}`, { exitCode: 2, code: 'guichet.badInput' });
      try {
        const result = readResultFile(file);
        const outDir = options.out ?? dirname(file);
        ensureWritableDir(outDir);
        const paths = writeReports(result, outDir, options.lang);
        const out = command.configureOutput().writeOut ?? ((text: string) => process.stdout.write(text));
        out(`${writtenLines(paths)}\n`);
      } catch (error) {
        if (error instanceof ResultFileError) fail(error.message);
        if (error instanceof OutputError) fail(`cannot write to ${displayPath(error.path)}: ${error.reason}`);
        throw error; // unexpected: main prints it in one line, exit code 1
      }
    });
}
