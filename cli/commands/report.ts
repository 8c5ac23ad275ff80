/** `guichet report <result.json> [--lang fr|en] [--out DIR]`: the fairness reports of a finished run. */
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import type { RunResult } from '../../engine/result.js';
import type { Lang } from '../../reports/i18n/format.js';
import { readResultFile, ResultFileError } from '../../reports/read-result.js';
import { writeReports as writeReportFiles, type ReportPaths } from '../../reports/write.js';

export type { ReportPaths } from '../../reports/write.js';

/** Also called by `guichet run` after a run. Returns the paths written. */
export function writeReports(result: RunResult, outDir: string, lang: 'fr' | 'en'): ReportPaths {
  return writeReportFiles(result, outDir, lang);
}

export function registerReport(program: Command): Command {
  return program
    .command('report')
    .description('write report.html, summary.md and a copy of result.json for a finished run')
    .argument('<result.json>', 'result file written by `guichet run`')
    .addOption(new Option('--lang <lang>', 'language of the report').choices(['fr', 'en']).default('fr'))
    .option('--out <dir>', 'folder to write into (default: the folder of result.json)')
    .action((file: string, options: { lang: Lang; out?: string }, command: Command) => {
      try {
        const result = readResultFile(file);
        const paths = writeReports(result, options.out ?? dirname(file), options.lang);
        const out = command.configureOutput().writeOut ?? ((text: string) => process.stdout.write(text));
        out(`${paths.html}\n${paths.markdown}\n${paths.json}\n`);
      } catch (error) {
        if (error instanceof ResultFileError) command.error(`guichet report: ${error.message}`, { exitCode: 2, code: 'guichet.badResult' });
        const e = error as NodeJS.ErrnoException;
        command.error(`guichet report: ${e.code ? `${e.code}: ` : ''}${e.message}`, { exitCode: 1, code: 'guichet.reportFailed' });
      }
    });
}
