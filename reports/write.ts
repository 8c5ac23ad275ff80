/**
 * Writes the files of a run into one folder, each atomically (a temporary file, then a rename),
 * so an interrupted or failed write never leaves half a file where a reader expects a whole one.
 * File-system failures come out as an OutputError whose message is one plain line.
 */
import { mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
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

/** "cannot write to out/x: not a directory"; `path` is the file or folder that could not be written. */
export class OutputError extends Error {
  override name = 'OutputError';
  constructor(readonly path: string, readonly reason: string) {
    super(`cannot write to ${path}: ${reason}`);
  }
}

const REASONS: Record<string, string> = {
  ENOTDIR: 'not a directory',
  EEXIST: 'not a directory',
  EISDIR: 'is a directory',
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many symbolic links',
};

/** The reason of a file-system error in a few words, as `mkdir` or `cp` would say it. */
export function reasonOf(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return (e.code !== undefined ? REASONS[e.code] : undefined) ?? e.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
}

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdir never returns on some paths (under
 * /proc it retries forever), and a file in the way must read "not a directory".
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      if (!statSync(d).isDirectory()) throw Object.assign(new Error(`not a directory: ${d}`), { code: 'ENOTDIR' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(d) === d) throw e;
      missing.push(d);
    }
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      // another process made it meanwhile: that is what we wanted
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(d).isDirectory()) throw e;
    }
  }
}

/**
 * Creates `dir` if needed and proves a file can be written in it, before any long work whose
 * result would otherwise be lost. Throws an OutputError naming `dir` as given.
 */
export function ensureWritableDir(dir: string): void {
  const probe = join(dir, `.guichet-probe-${process.pid}`);
  try {
    makeDirs(dir);
    writeFileSync(probe, '');
  } catch (e) {
    throw new OutputError(dir, reasonOf(e));
  }
  try { unlinkSync(probe); } catch { /* already gone: nothing left behind */ }
}

/** Renders before writing anything, so a rendering error leaves no half-written folder. */
export function writeReports(result: RunResult, outDir: string, lang: Lang): ReportPaths {
  const page = renderHtml(result, lang);
  const summary = renderMarkdown(result, lang);
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const dir = resolve(outDir);
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

/** Through a temporary file and a rename: a crash never leaves half a file behind. */
export function writeAtomic(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    makeDirs(dirname(path));
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* never created */ }
    throw new OutputError(path, reasonOf(e));
  }
}
