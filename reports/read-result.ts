/**
 * Reading result.json for the reports: refuses a schema version it does not know and checks the
 * fields the renderers read (and a live run's `live` blocks, read-live.ts), with errors that name
 * the file and the JSON path. The object is returned as read (nothing stripped), so the JSON copy
 * in the report folder is complete.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { COLLATERAL_MEASURES, GATES_SCHEMA, LIVE_SCHEMA, METRICS, PARTIAL_SCHEMA, RESULT_SCHEMA } from '../engine/result.js';
import type { RunResult } from '../engine/result.js';
import { LiveBlock, unknownLiveSchema } from './read-live.js';

const Num = z.number().refine(Number.isFinite, 'expected a finite number');
/** n = 0: no replication defined the value (say, wait days when nobody was served). */
const IntervalSchema = z.looseObject({ mean: Num, low: Num, high: Num, n: z.number().int().min(0) });
/** JSON has no NaN: a replication's undefined metric arrives as null. */
const Measured = z.number().nullable();
const metricsOf = <T extends z.ZodType>(value: T) => z.looseObject(Object.fromEntries(METRICS.map((m) => [m, value])) as Record<(typeof METRICS)[number], T>);
const collateralOf = <T extends z.ZodType>(value: T) =>
  z.looseObject(Object.fromEntries(COLLATERAL_MEASURES.map((m) => [m, value.optional()])) as Record<(typeof COLLATERAL_MEASURES)[number], z.ZodOptional<T>>);

/** Scenario words in both languages; older files have none and reports fall back to names. */
const Localized = z.looseObject({ fr: z.string(), en: z.string() });
const GroupInfo = z.looseObject({
  id: z.string(), label: Localized, counter: z.string(), checksPerDay: Num, activeHours: z.string(),
  captchaSolveSeconds: Num, captchaFailRate: Num, sharedIp: Num, sharedEmail: Num, nameVariant: Num,
  buyAfterDays: Num.optional(), willingToPayEur: Num.optional(), agdref: z.boolean(),
});

const Replication = z.looseObject({
  seed: z.number(),
  metrics: metricsOf(Measured),
  collateral: collateralOf(Measured),
  groups: z.record(z.string(), z.looseObject({ traits: z.array(z.string()) })),
  waitDaysHistogram: z.array(z.number().min(0)),
  series: z.looseObject({
    daily: z.array(z.looseObject({ day: Num, bookedByLegit: Num, bookedByBots: Num })),
  }),
  /** live runs only; versioned by its own schema field */
  live: LiveBlock.optional(),
});

const Policy = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  label: Localized.optional(),
  localized: z.looseObject({ description: Localized.optional() }).optional(),
  runs: z.array(Replication).min(1),
  summary: metricsOf(IntervalSchema),
  collateral: collateralOf(IntervalSchema),
  groups: z.record(z.string(), z.looseObject({ servedBeforeDeadline: IntervalSchema, waitDaysP50: IntervalSchema, paidShare: IntervalSchema })),
});

const Result = z.looseObject({
  schema: z.literal(RESULT_SCHEMA),
  scenario: z.looseObject({
    name: z.string(),
    description: z.string().optional(),
    file: z.string(),
    start: z.string(),
    durationDays: z.number().min(0),
    objective: z.looseObject({ metric: z.enum(METRICS), higherIsBetter: z.boolean() }),
    sources: z.array(z.string()),
    assumptions: z.array(z.string()),
    label: Localized.optional(),
    localized: z.looseObject({ description: Localized.optional(), sources: z.array(Localized), assumptions: z.array(Localized) }).optional(),
    groups: z.array(GroupInfo).optional(),
    crews: z.array(z.looseObject({ id: z.string(), label: Localized })).optional(),
  }),
  seed: z.number(),
  replications: z.number().int().min(1),
  intervalMethod: z.string(),
  policies: z.array(Policy).min(1),
  /** present when the scenario has gates; versioned by its own schema field */
  gates: z.looseObject({
    schema: z.literal(GATES_SCHEMA),
    pass: z.boolean(),
    policies: z.array(z.looseObject({
      policy: z.string(),
      checks: z.array(z.looseObject({ metric: z.string(), expression: z.string(), observed: Num.nullable(), interval: IntervalSchema.optional(), pass: z.boolean() })),
    })),
  }).optional(),
});

export class ResultFileError extends Error {
  override name = 'ResultFileError';
}

/** "policies[0].summary["legit.servedBeforeDeadline"].mean" */
function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    const k = String(key);
    return /^[A-Za-z_$][\w$]*$/.test(k) ? (acc ? `${acc}.${k}` : k) : `${acc}[${JSON.stringify(k)}]`;
  }, '');
}

/** Checks a parsed value; `where` names its origin in error messages. */
export function parseResult(value: unknown, where = 'result.json'): RunResult {
  const schema = (value as { schema?: unknown } | null)?.schema;
  if (schema === PARTIAL_SCHEMA) {
    const shard = (value as { shard?: { index?: unknown; count?: unknown } }).shard;
    throw new ResultFileError(`${where}: is the part of one shard (${String(shard?.index)}/${String(shard?.count)}) of a sharded run, not a whole result; `
      + 'merge every part first: guichet merge part-*.json -o result.json');
  }
  if (value && typeof value === 'object' && schema !== RESULT_SCHEMA) {
    throw new ResultFileError(`${where}: unknown result schema ${JSON.stringify(schema ?? null)}; this guichet reads "${RESULT_SCHEMA}"`);
  }
  const live = unknownLiveSchema(value);
  if (live) {
    throw new ResultFileError(`${where}: at ${live.path}: unknown live block schema ${JSON.stringify(live.schema)}; this guichet reads "${LIVE_SCHEMA}"`);
  }
  const parsed = Result.safeParse(value);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 5).map((i) => `  at ${jsonPath(i.path) || '(top level)'}: ${i.message}`);
    const more = parsed.error.issues.length > 5 ? [`  … and ${parsed.error.issues.length - 5} more`] : [];
    throw new ResultFileError(`${where}: not a valid guichet result\n${[...lines, ...more].join('\n')}`);
  }
  return value as RunResult;
}

export function readResultFile(file: string): RunResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ResultFileError(`${file}: cannot read (${code === 'ENOENT' ? 'no such file' : (error as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ResultFileError(`${file}: not JSON (${(error as Error).message})`);
  }
  return parseResult(value, file);
}
