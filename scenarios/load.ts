/**
 * Reads a scenario file (YAML, or JSON by extension), validates it and reports every problem
 * at once, each at its file:line:col, as a ScenarioError. Never returns a half-valid scenario.
 * Policy files (load-policy.ts) go through the same reading and the same messages.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import { formatPath, ScenarioError } from './errors.js';
import type { ScenarioIssue } from './errors.js';
import { findJsonSyntaxError } from './json-syntax.js';
import { Locator } from './locate.js';
import { MAX_NESTING, tooDeep } from './nesting.js';
import type { Position } from './locate.js';
import { describeValue, dropTypoEchoes, toDrafts } from './messages.js';
import type { Draft } from './messages.js';
import { crossCheck } from './schema/cross-checks.js';
import { ScenarioSchema } from './schema.js';
import type { Scenario } from './schema.js';

export { ScenarioError, formatIssue } from './errors.js';
export type { ScenarioIssue } from './errors.js';

export function loadScenario(file: string): Scenario {
  return parseScenario(readSource(file, 'scenario'), file);
}

/** The file's text, or a ScenarioError naming what could not be read (`what`: "scenario", "policy file"). */
export function readSource(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScenarioError([{ file, line: 0, col: 0, path: '', message: readFailure(e, what) }]);
  }
}

function readFailure(e: unknown, what: string): string {
  const code = (e as { code?: unknown }).code;
  if (code === 'ENOENT') return `cannot read the ${what}: no such file`;
  if (code === 'EISDIR') return `cannot read the ${what}: this is a directory, not a file`;
  if (code === 'EACCES' || code === 'EPERM') return `cannot read the ${what}: permission denied`;
  return `cannot read the ${what}: ${e instanceof Error ? e.message : String(e)}`;
}

const EMPTY = 'the file is empty: a scenario needs at least name, start, duration, target, policy and population';
/** How readMapping words an empty file or a top level that is not a mapping, for scenarios. */
export const SCENARIO_MESSAGES = { empty: EMPTY, shape: 'name: …, start: …, target: …' } as const;

export type Issue = (at: Position, path: string, message: string, hint?: string) => ScenarioIssue;

/** A parsed file whose syntax is sound: its data, and how to point into its source. */
export interface ReadFile { data: Record<string, unknown>; locator: Locator; issue: Issue }

/**
 * YAML (or JSON by extension) into data that is a mapping at the top level; throws a
 * ScenarioError with every syntax problem otherwise. `shape` and `empty` word the messages.
 */
export function readMapping(text: string, file: string, messages: { empty: string; shape: string }): ReadFile {
  const source = text.replace(/^\uFEFF/, '');
  const lines = new LineCounter();
  const deep = tooDeep(source);
  if (deep) {
    throw new ScenarioError([{ file, line: deep.line, col: deep.col, path: '', message: `collections nested ${deep.depth} levels deep here; at most ${MAX_NESTING}`, hint: 'a scenario needs a few levels, not dozens' }]);
  }
  // merge keys (<<: *workers) let a file share settings between groups or policies
  const doc = parseDeep(() => parseDocument(source, { lineCounter: lines, prettyErrors: false, merge: true }), file);
  const locator = new Locator(doc, lines);
  const issue: Issue = (at, path, message, hint) =>
    ({ file, line: at.line, col: at.col, path, message, ...(hint ? { hint } : {}) });

  if (source.trim() === '') throw new ScenarioError([issue({ line: 1, col: 1 }, '', messages.empty)]);
  const json = extname(file).toLowerCase() === '.json';
  const read = json ? readJson(source, doc, locator, issue) : readYaml(source, doc, locator, issue, messages.empty);
  if ('issues' in read) throw new ScenarioError(read.issues);
  const data = read.data;

  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const at = locator.locate([], 'value');
    throw new ScenarioError([issue(at, '', `expected a mapping at the top level (${messages.shape}), got ${describeValue(data)}`)]);
  }
  return { data: data as Record<string, unknown>, locator, issue };
}

/**
 * Every schema problem of `data`, one per field, located and worded for people. `more` adds
 * checks zod skipped (refinements do not run once a check aborted).
 */
export function schemaIssues(
  schema: z.ZodType, read: ReadFile, zodIssues: readonly z.core.$ZodIssue[], more?: (push: (d: Draft) => void) => void,
): ScenarioIssue[] {
  const drafts: Draft[] = zodIssues.flatMap((i) => toDrafts(i, read.data, schema));
  more?.((d) => drafts.push(d));
  const seen = new Set<string>();
  const issues: ScenarioIssue[] = [];
  for (const draft of dropTypoEchoes(drafts)) {
    const path = formatPath(draft.path);
    // one message per field: the first is the most basic (a bad format before its refinements)
    if (seen.has(path)) continue;
    seen.add(path);
    issues.push(read.issue(read.locator.locate(draft.path, draft.anchor), path, draft.message, draft.hint));
  }
  return issues;
}

export function parseScenario(text: string, file: string): Scenario {
  return validateScenario(readMapping(text, file, SCENARIO_MESSAGES));
}

/** The scenario in a file already read, or a ScenarioError with every problem. */
export function validateScenario(read: ReadFile): Scenario {
  const result = ScenarioSchema.safeParse(read.data, { reportInput: true });
  if (result.success) return result.data;
  // zod skips refinements once a check aborted (a decimal where an integer goes): rerun the
  // cross-field checks on the raw data so one pass still reports everything
  throw new ScenarioError(schemaIssues(ScenarioSchema, read, result.error.issues, (push) => {
    crossCheck(read.data, ({ path, message, hint }) => push({ path, anchor: 'value', message, ...(hint ? { hint } : {}) }));
  }));
}
type Read = { data: unknown } | { issues: ScenarioIssue[] };

/** the key text starting at `offset` (the parser only marks its first character) */
function keyAt(source: string, offset: number): string {
  const m = /^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\n]+)/.exec(source.slice(offset, offset + 200));
  const text = m?.[1]?.trim() ?? '';
  return text.startsWith('"') || text.startsWith("'") ? text : JSON.stringify(text);
}

const TOO_DEEP = { message: 'YAML syntax error: collections nested too deeply to read', hint: 'a scenario needs a few levels, not thousands' } as const;

/**
 * The YAML parser recurses once per level of nesting: mostly it reports its own stack overflow
 * as a syntax error, but some shapes (thousands of nested "- ") overflow it outright.
 */
function parseDeep(parse: () => Document, file: string): Document {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new ScenarioError([{ file, line: 1, col: 1, path: '', ...TOO_DEEP }]);
  }
}

function yamlError(source: string, code: string, pos: [number, number], message: string): { message: string; hint?: string } {
  if (code === 'DUPLICATE_KEY') return { message: `duplicate key ${keyAt(source, pos[0])}: it appears earlier in the same mapping` };
  if (code === 'MULTIPLE_DOCS') return { message: 'a file holds a single YAML document', hint: 'remove this "---" and what follows, or split the file' };
  if (code === 'TAB_AS_INDENT') return { message: 'YAML syntax error: tabs are not allowed as indentation', hint: 'indent with spaces' };
  if (/call stack/i.test(message)) return TOO_DEEP;
  return { message: `YAML syntax error: ${message.charAt(0).toLowerCase()}${message.slice(1)}` };
}

function readYaml(source: string, doc: Document, locator: Locator, issue: Issue, empty: string): Read {
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => {
        const { message, hint } = yamlError(source, e.code, e.pos, e.message);
        return issue(locator.at(e.pos[0]), '', message, hint);
      }),
    };
  }
  if (doc.contents === null) return { issues: [issue({ line: 1, col: 1 }, '', empty)] };
  try {
    return { data: doc.toJS({ maxAliasCount: 1000 }) };
  } catch (e) {
    return { issues: [issue({ line: 1, col: 1 }, '', `YAML error: ${e instanceof Error ? e.message : String(e)}`)] };
  }
}

function readJson(source: string, doc: Document, locator: Locator, issue: Issue): Read {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (e) {
    const found = findJsonSyntaxError(source);
    const message = found?.message ?? (e instanceof Error ? e.message : String(e));
    return { issues: [issue(found ? locator.at(found.offset) : { line: 1, col: 1 }, '', `JSON syntax error: ${message}`)] };
  }
  // JSON.parse keeps the last of two equal keys without a word; the YAML parser notices them
  const duplicates = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY');
  if (duplicates.length > 0) {
    return { issues: duplicates.map((e) => issue(locator.at(e.pos[0]), '', yamlError(source, e.code, e.pos, e.message).message)) };
  }
  return { data };
}
