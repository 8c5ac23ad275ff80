/**
 * Reading a shard's part file for `guichet merge`: JSON of the partial schema, with the fields
 * the merge relies on checked, and errors that name the file. The replications themselves are
 * checked once merged, by the result reader, as any result.json.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PARTIAL_SCHEMA, type PartialResult } from '../measure/partial-types.js';
import { RESULT_SCHEMA } from '../measure/result-types.js';

/** A part that cannot be merged, alone or with the others; the message names the files. */
export class ShardMergeError extends Error {}

const Count = z.number().int().min(1);
const Part = z.looseObject({
  schema: z.literal(PARTIAL_SCHEMA),
  guichet: z.string(),
  key: z.string().min(1),
  shard: z.object({ index: Count, count: Count }).refine((s) => s.index <= s.count, 'expected index ≤ count'),
  grid: Count,
  header: z.looseObject({ schema: z.literal(RESULT_SCHEMA), replications: Count, seed: z.number() }),
  policies: z.array(z.looseObject({ name: z.string().min(1), policy: z.unknown() })).min(1),
  runs: z.array(z.looseObject({ policy: z.string(), replication: z.number().int().min(0), result: z.looseObject({}) })),
});

export interface PartFile {
  file: string;
  part: PartialResult;
}

export function parsePart(value: unknown, file: string): PartFile {
  const schema = (value as { schema?: unknown } | null)?.schema;
  if (schema === RESULT_SCHEMA) {
    throw new ShardMergeError(`${file}: is a whole result (${RESULT_SCHEMA}), not a shard's part; merge the part files written by \`guichet run --shard i/n\``);
  }
  if (value && typeof value === 'object' && schema !== PARTIAL_SCHEMA) {
    throw new ShardMergeError(`${file}: unknown part schema ${JSON.stringify(schema ?? null)}; this guichet merges "${PARTIAL_SCHEMA}"`);
  }
  const parsed = Part.safeParse(value);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 5).map((i) => `  at ${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new ShardMergeError(`${file}: not a valid shard part\n${lines.join('\n')}`);
  }
  return { file, part: value as PartialResult };
}

export function readPartFile(file: string): PartFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ShardMergeError(`${file}: cannot read (${code === 'ENOENT' ? 'no such file' : (error as Error).message})`);
  }
  try {
    return parsePart(JSON.parse(text), file);
  } catch (error) {
    if (error instanceof ShardMergeError) throw error;
    throw new ShardMergeError(`${file}: not JSON (${(error as Error).message})`);
  }
}
