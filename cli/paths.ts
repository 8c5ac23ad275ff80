/** How the CLI shows the paths it wrote: relative to the working directory when inside it, as in the README. */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ReportPaths } from '../reports/write.js';

export function displayPath(path: string, cwd = process.cwd()): string {
  const absolute = resolve(cwd, path);
  const rel = relative(cwd, absolute);
  if (rel === '') return '.';
  return rel.split(sep)[0] === '..' || isAbsolute(rel) ? absolute : rel;
}

/** "result: out/x/result.json", then the report and the summary when they were written. */
export function writtenLines(paths: Partial<ReportPaths> & { json: string }, cwd = process.cwd()): string {
  return [
    `result: ${displayPath(paths.json, cwd)}`,
    ...(paths.html !== undefined ? [`report: ${displayPath(paths.html, cwd)}`] : []),
    ...(paths.markdown !== undefined ? [`summary: ${displayPath(paths.markdown, cwd)}`] : []),
  ].join('\n');
}
