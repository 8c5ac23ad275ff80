/**
 * Turns zod issues into sentences for the person editing the scenario: what was expected,
 * what they wrote, and a hint when a close spelling exists. zod's own wording ("Invalid
 * input: expected int, received number") is rewritten.
 */
import type { z } from 'zod';
import { groupedNumber, readableNumber } from '../target/domain/policy.js';
import type { Anchor } from './locate.js';
import { allowedKeys } from './schema-walk.js';
import { closest, didYouMean } from './suggest.js';

export interface Draft {
  path: PropertyKey[];
  anchor: Anchor;
  message: string;
  hint?: string;
  /** a required field that is absent */
  missing?: boolean;
  /** for an unknown key: the allowed key it is probably a typo of */
  typoOf?: string;
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  record: 'a mapping (key: value)',
  date: 'a date',
  null: 'nothing',
};

/** how a value reads in an error message: a string ("abc"), a number (3.5), a list, … */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)})`;
  // YAML reads 1e400 and .inf as Infinity: "got a number (Infinity)" would leave the reader puzzled
  if (typeof v === 'number' && Number.isNaN(v)) return 'not a number (NaN)';
  if (typeof v === 'number' && !Number.isFinite(v)) return `a number too large to hold (${v})`;
  if (typeof v === 'number') return Number.isInteger(v) ? `a number (${v})` : `a decimal number (${v})`;
  if (typeof v === 'boolean') return `${v}`;
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return `a date (${v.toISOString().slice(0, 10)})`;
  return 'a mapping';
}

const quote = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));
const oneOf = (values: readonly unknown[]): string => values.map(quote).join(' | ');

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const seg of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[seg] : undefined;
  return v;
}

function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, input: unknown): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum);
  const inclusive = issue.inclusive !== false;
  if (issue.origin === 'array' || issue.origin === 'set') {
    return small ? `needs at least ${bound} item${bound === 1 ? '' : 's'}` : `holds at most ${bound} item${bound === 1 ? '' : 's'}`;
  }
  if (issue.origin === 'string') return small && bound === 1 ? 'must not be empty' : `must be ${small ? 'at least' : 'at most'} ${bound} characters`;
  const relation = small ? (inclusive ? 'at least' : 'greater than') : (inclusive ? 'at most' : 'less than');
  return `must be ${relation} ${groupedNumber(bound)}, got ${typeof input === 'number' ? readableNumber(input) : describeValue(input)}`;
}

/** zod's default regex message names the pattern; ours say what to write. */
function formatMessage(issue: z.core.$ZodIssueInvalidStringFormat, input: unknown): string {
  const custom = !issue.message.startsWith('Invalid');
  const expected = custom ? issue.message : `expected text matching ${issue.pattern ?? issue.format}`;
  return `${expected}, got ${JSON.stringify(input)}`;
}

/**
 * Drops "missing required field x" when the same mapping has an unknown key that is a typo of x:
 * one mistake, one message.
 */
export function dropTypoEchoes(drafts: Draft[]): Draft[] {
  const parentOf = (path: PropertyKey[]): string => JSON.stringify(path.slice(0, -1).map(String));
  const typos = new Set(drafts.filter((d) => d.typoOf !== undefined).map((d) => `${parentOf(d.path)}\u0000${d.typoOf}`));
  return drafts.filter((d) => !(d.missing && typos.has(`${parentOf(d.path)}\u0000${String(d.path[d.path.length - 1])}`)));
}

/** One issue of zod becomes one or more drafts (an unrecognized_keys issue names several keys). */
export function toDrafts(issue: z.core.$ZodIssue, data: unknown, root: z.ZodType): Draft[] {
  const path = [...issue.path];
  const input = 'input' in issue ? issue.input : valueAt(data, path);
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) {
        const key = path[path.length - 1];
        return [{ path, anchor: 'value', missing: true, message: typeof key === 'number' ? 'missing item' : `missing required field "${String(key)}"` }];
      }
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return [{ path, anchor: 'value', message: `expected ${expected}, got ${describeValue(input)}` }];
    }
    case 'unrecognized_keys': {
      // a key already present is not what a typo meant
      const present = valueAt(data, path);
      const allowed = allowedKeys(root, path, data).filter((k) => typeof present !== 'object' || present === null || !(k in present));
      return issue.keys.map((key) => {
        const typoOf = closest(key, allowed);
        return {
          path: [...path, key], anchor: 'key' as const, message: `unknown key "${key}"`,
          ...(typoOf === undefined ? {} : { hint: `did you mean "${typoOf}"?`, typoOf }),
        };
      });
    }
    case 'invalid_value': {
      if (input === undefined) {
        return [{ path, anchor: 'value', missing: true, message: `missing required field "${String(path[path.length - 1])}": ${issue.values.length > 1 ? 'one of ' : ''}${oneOf(issue.values)}` }];
      }
      const hint = typeof input === 'string' ? didYouMean(input, issue.values.filter((v): v is string => typeof v === 'string')) : undefined;
      const expected = issue.values.length === 1 ? `expected ${quote(issue.values[0])}` : `expected one of ${oneOf(issue.values)}`;
      return [{ path, anchor: 'value', message: `${expected}, got ${describeValue(input)}`, ...(hint ? { hint } : {}) }];
    }
    case 'invalid_union': {
      const options = 'options' in issue ? issue.options : undefined;
      if (issue.discriminator !== undefined && options) {
        const tag = valueAt(data, path);
        const hint = typeof tag === 'string' ? didYouMean(tag, options.filter((o): o is string => typeof o === 'string')) : undefined;
        const message = tag === undefined
          ? `missing required field "${String(path[path.length - 1])}": one of ${oneOf(options)}`
          : `expected one of ${oneOf(options)}, got ${describeValue(tag)}`;
        return [{ path, anchor: 'value', message, ...(hint ? { hint } : {}) }];
      }
      // "text, or { fr, en }": when one form took the value's type, its own issues say what is wrong
      const branches = 'errors' in issue ? issue.errors : [];
      const typed = branches.filter((b) => !b.some((i) => i.path.length === 0 && i.code === 'invalid_type'));
      if (typed.length === 1) return typed[0]!.flatMap((i) => toDrafts({ ...i, path: [...path, ...i.path] } as z.core.$ZodIssue, data, root));
      const expected = branches.map((b) => b[0]?.code === 'invalid_type' ? EXPECTED[b[0].expected] : undefined);
      if (branches.length > 0 && expected.every((e) => e !== undefined)) {
        return [{ path, anchor: 'value', message: `expected ${[...new Set(expected)].join(' or ')}, got ${describeValue(input)}` }];
      }
      return [{ path, anchor: 'value', message: `${describeValue(input)} matches none of the allowed forms` }];
    }
    case 'invalid_key': {
      const inner = issue.issues[0];
      const why = inner?.code === 'invalid_format' && !inner.message.startsWith('Invalid') ? inner.message : inner?.message ?? 'not allowed here';
      return [{ path, anchor: 'key', message: `invalid key ${JSON.stringify(String(input))}: ${why}` }];
    }
    case 'too_small':
    case 'too_big':
      return [{ path, anchor: 'value', message: sizeMessage(issue, input) }];
    case 'invalid_format':
      return [{ path, anchor: 'value', message: formatMessage(issue, input) }];
    case 'not_multiple_of':
      return [{ path, anchor: 'value', message: `must be a multiple of ${String(issue.divisor)}, got ${describeValue(input)}` }];
    case 'custom': {
      const hint = (issue.params as { hint?: unknown } | undefined)?.hint;
      return [{ path, anchor: 'value', message: issue.message, ...(typeof hint === 'string' ? { hint } : {}) }];
    }
    default:
      return [{ path, anchor: 'value', message: issue.message }];
  }
}
