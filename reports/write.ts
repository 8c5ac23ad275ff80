/** Writes the three report files of a run into one folder. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RunResult } from '../engine/result.js';
import type { Lang } from './i18n/format.js';
import { renderHtml } from './html/render.js';
import { renderMarkdown } from './markdown.js';

export interface ReportPaths {
  html: string;
  markdown: string;
  json: string;
}

export const REPORT_FILES = { html: 'report.html', markdown: 'summary.md', json: 'result.json' } as const;

/** Renders before writing anything, so a rendering error leaves no half-written folder. */
export function writeReports(result: RunResult, outDir: string, lang: Lang): ReportPaths {
  const page = renderHtml(result, lang);
  const summary = renderMarkdown(result, lang);
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const paths: ReportPaths = {
    html: join(dir, REPORT_FILES.html),
    markdown: join(dir, REPORT_FILES.markdown),
    json: join(dir, REPORT_FILES.json),
  };
  writeAtomic(paths.html, page);
  writeAtomic(paths.markdown, summary);
  writeAtomic(paths.json, json);
  return paths;
}

/** Through a temporary file and a rename: a crash never leaves half a report behind. */
export function writeAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}
