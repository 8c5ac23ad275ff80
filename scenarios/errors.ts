/** A scenario or policy file that cannot be used, with every problem found in it, each located. */
import { InputError } from './input-error.js';

export interface ScenarioIssue {
  file: string;
  /** 1-based; 0 when the problem has no position (the file cannot be read) */
  line: number;
  col: number;
  /** dotted path of the field to blame, "" for the whole file */
  path: string;
  message: string;
  hint?: string;
}

/** `file:line:col path: message (hint)`, the shape editors and CI logs turn into links. */
export function formatIssue(i: ScenarioIssue): string {
  const where = i.line > 0 ? `${i.file}:${i.line}:${i.col}` : i.file;
  const what = i.path ? `${i.path}: ${i.message}` : i.message;
  return `${where} ${what}${i.hint ? ` (${i.hint})` : ''}`;
}

export class ScenarioError extends InputError {
  override readonly name = 'ScenarioError';
  readonly issues: ScenarioIssue[];

  /** `code`: POLICY_INVALID when the file was read as a policy file */
  constructor(issues: ScenarioIssue[], code: 'SCENARIO_INVALID' | 'POLICY_INVALID' = 'SCENARIO_INVALID') {
    const sorted = [...issues].sort((a, b) => a.line - b.line || a.col - b.col);
    super(code, sorted.map(formatIssue).join('\n'));
    this.issues = sorted;
  }

  /** one line per issue, in file order (the issues name their file: no command prefix) */
  override format(): string {
    return this.issues.map(formatIssue).join('\n');
  }
}

/** "population.legit[0].counter"; keys that are not plain words are quoted: gates["legit.paidShare"] */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}
