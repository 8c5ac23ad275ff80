/**
 * Reads a scenario file (YAML, or JSON by extension), validates it and reports every problem
 * at once, each at its file:line:col, as a ScenarioError. Never returns a half-valid scenario.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { formatPath, ScenarioError } from './errors.js';
import type { ScenarioIssue } from './errors.js';
import { findJsonSyntaxError } from './json-syntax.js';
import { Locator } from './locate.js';
import type { Position } from './locate.js';
import { describeValue, dropTypoEchoes, toDrafts } from './messages.js';
import type { Draft } from './messages.js';
import { crossCheck } from './schema/cross-checks.js';
import { ScenarioSchema } from './schema.js';
import type { Scenario } from './schema.js';

export { ScenarioError, formatIssue } from './errors.js';
export type { ScenarioIssue } from './errors.js';

export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScenarioError([{ file, line: 0, col: 0, path: '', message: readFailure(e) }]);
  }
  return parseScenario(text, file);
}

function readFailure(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (code === 'ENOENT') return 'cannot read the scenario: no such file';
  if (code === 'EISDIR') return 'cannot read the scenario: this is a directory, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot read the scenario: permission denied';
  return `cannot read the scenario: ${e instanceof Error ? e.message : String(e)}`;
}

const EMPTY = 'the file is empty: a scenario needs at least name, start, duration, target, policy and population';

export function parseScenario(text: string, file: string): Scenario {
  const source = text.replace(/^\uFEFF/, '');
  const lines = new LineCounter();
  // merge keys (<<: *workers) let a file share settings between groups or policies
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, merge: true });
  const locator = new Locator(doc, lines);
  const issue = (at: Position, path: string, message: string, hint?: string): ScenarioIssue =>
    ({ file, line: at.line, col: at.col, path, message, ...(hint ? { hint } : {}) });

  if (source.trim() === '') throw new ScenarioError([issue({ line: 1, col: 1 }, '', EMPTY)]);
  const json = extname(file).toLowerCase() === '.json';
  const read = json ? readJson(source, doc, locator, issue) : readYaml(source, doc, locator, issue);
  if ('issues' in read) throw new ScenarioError(read.issues);
  const data = read.data;

  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const at = locator.locate([], 'value');
    throw new ScenarioError([issue(at, '', `expected a mapping at the top level (name: …, start: …, target: …), got ${describeValue(data)}`)]);
  }

  const result = ScenarioSchema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  // zod skips refinements once a check aborted (a decimal where an integer goes): rerun the
  // cross-field checks on the raw data so one pass still reports everything
  const drafts: Draft[] = result.error.issues.flatMap((i) => toDrafts(i, data, ScenarioSchema));
  crossCheck(data, ({ path, message, hint }) => drafts.push({ path, anchor: 'value', message, ...(hint ? { hint } : {}) }));
  const seen = new Set<string>();
  const issues: ScenarioIssue[] = [];
  for (const draft of dropTypoEchoes(drafts)) {
    const path = formatPath(draft.path);
    // one message per field: the first is the most basic (a bad format before its refinements)
    if (seen.has(path)) continue;
    seen.add(path);
    issues.push(issue(locator.locate(draft.path, draft.anchor), path, draft.message, draft.hint));
  }
  throw new ScenarioError(issues);
}

type Issue = (at: Position, path: string, message: string, hint?: string) => ScenarioIssue;
type Read = { data: unknown } | { issues: ScenarioIssue[] };

/** the key text starting at `offset` (the parser only marks its first character) */
function keyAt(source: string, offset: number): string {
  const m = /^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\n]+)/.exec(source.slice(offset, offset + 200));
  const text = m?.[1]?.trim() ?? '';
  return text.startsWith('"') || text.startsWith("'") ? text : JSON.stringify(text);
}

function yamlError(source: string, code: string, pos: [number, number], message: string): { message: string; hint?: string } {
  if (code === 'DUPLICATE_KEY') return { message: `duplicate key ${keyAt(source, pos[0])}: it appears earlier in the same mapping` };
  if (code === 'MULTIPLE_DOCS') return { message: 'a scenario file holds a single YAML document', hint: 'remove this "---" and what follows, or split the file' };
  if (code === 'TAB_AS_INDENT') return { message: 'YAML syntax error: tabs are not allowed as indentation', hint: 'indent with spaces' };
  return { message: `YAML syntax error: ${message.charAt(0).toLowerCase()}${message.slice(1)}` };
}

function readYaml(source: string, doc: Document, locator: Locator, issue: Issue): Read {
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => {
        const { message, hint } = yamlError(source, e.code, e.pos, e.message);
        return issue(locator.at(e.pos[0]), '', message, hint);
      }),
    };
  }
  if (doc.contents === null) return { issues: [issue({ line: 1, col: 1 }, '', EMPTY)] };
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
