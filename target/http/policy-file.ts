/**
 * Reads a `--policy` file (YAML, or JSON, which YAML parses too) and validates it with
 * TargetConfigSchema. Every error names the file, line and column of the offending node:
 * `policy.yaml:4:9: release.at: expected a time of day "HH:MM"`.
 */
import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { TargetConfigSchema, type TargetConfigInput } from '../domain/policy.js';

export class PolicyFileError extends Error {
  override readonly name = 'PolicyFileError';
}

type Key = string | number;

/** The node at `path`, or its deepest existing ancestor; for `unknownKey`, the key's own node. */
function locate(doc: Document, path: readonly Key[], unknownKey?: string): Node | undefined {
  let node: unknown = doc.contents;
  for (const key of path) {
    const next = (node as { get?: (k: Key, keepScalar: boolean) => unknown } | null)?.get?.(key, true);
    if (next === undefined || next === null) break;
    node = next;
  }
  if (unknownKey !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === unknownKey);
    if (pair && isScalar(pair.key)) return pair.key;
  }
  return node as Node | undefined;
}

function where(file: string, lc: LineCounter, node: Node | undefined): string {
  const offset = node?.range?.[0];
  if (offset === undefined) return file;
  const { line, col } = lc.linePos(offset);
  return `${file}:${line}:${col}`;
}

/** Parses and validates; throws PolicyFileError with a located message. */
export function parsePolicyText(text: string, file: string): TargetConfigInput {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0];
    const at = pos ? `${file}:${pos.line}:${pos.col}` : file;
    throw new PolicyFileError(`${at}: ${syntax.message.split('\n')[0] ?? 'invalid YAML'}`);
  }
  const value: unknown = doc.toJS();
  const r = TargetConfigSchema.safeParse(value ?? {});
  if (r.success) return value as TargetConfigInput;
  const issue = r.error.issues[0];
  if (!issue) throw new PolicyFileError(`${file}: invalid policy`);
  const path = issue.path.filter((k): k is Key => typeof k === 'string' || typeof k === 'number');
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const shown = [...path, ...(unknownKey !== undefined ? [unknownKey] : [])].join('.') || '(root)';
  throw new PolicyFileError(`${where(file, lc, locate(doc, path, unknownKey))}: ${shown}: ${issue.message}`);
}

export function loadPolicyFile(file: string): TargetConfigInput {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PolicyFileError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parsePolicyText(text, file);
}
