import { describe, expect, it } from 'vitest';
import { mergeShards } from './merge-shards.js';
import { parsePart, ShardMergeError, type PartFile } from './read-part.js';
import { runScenario } from './run-scenario.js';
import { runShard } from './run-shard.js';
import { scenario } from '../test-support/scenarios.js';
import type { PartialResult } from '../measure/partial-types.js';

const small = () => scenario({
  duration: '5w', warmup: '1w', replications: 3,
  policies: { lottery: { release: { kind: 'lottery', day: 'sun', at: '20:00', horizon: '4w' } } },
});

/** A part as the merge reads it: through JSON, as written to disk and read back. */
const onDisk = (part: PartialResult, file: string): PartFile => parsePart(JSON.parse(JSON.stringify(part)), file);

const simulated = new Map<string, Promise<PartFile[]>>();
/** Every part of a `count`-way split (simulated once per split: the tests only read them). */
function parts(count: number, opts: { seed?: number } = {}): Promise<PartFile[]> {
  const key = `${count}/${opts.seed ?? ''}`;
  if (!simulated.has(key)) simulated.set(key, simulateParts(count, opts));
  return simulated.get(key)!;
}

async function simulateParts(count: number, opts: { seed?: number }): Promise<PartFile[]> {
  const out: PartFile[] = [];
  for (let index = 1; index <= count; index++) {
    out.push(onDisk(await runShard(small(), { file: 'small.yaml', workers: 1, version: '0.0.0', shard: { index, count }, ...opts }), `part-${index}-of-${count}.json`));
  }
  return out;
}

const refusal = (fn: () => unknown): string => {
  try { fn(); } catch (e) { expect(e).toBeInstanceOf(ShardMergeError); return (e as Error).message; }
  throw new Error('expected the merge to refuse');
};

describe('mergeShards', () => {
  it('puts the shards back into the unsharded run\'s result, byte for byte, whatever the order of the parts', async () => {
    const whole = JSON.stringify(await runScenario(small(), { file: 'small.yaml', workers: 1 }), null, 2);
    const four = await parts(4);
    expect(four.map((p) => p.part.runs.length)).toEqual([2, 2, 1, 1]);
    expect(JSON.stringify(mergeShards(four), null, 2)).toBe(whole);
    expect(JSON.stringify(mergeShards([...four].reverse()), null, 2)).toBe(whole);
    expect(JSON.stringify(mergeShards(await parts(1)), null, 2)).toBe(whole);
  }, 120_000);

  it('refuses, all at once, a shard twice and missing shards, naming them', async () => {
    const four = await parts(4);
    const message = refusal(() => mergeShards([four[0]!, four[0]!, four[2]!]));
    expect(message).toContain('shard 1/4 is given 2 times: part-1-of-4.json, part-1-of-4.json');
    expect(message).toContain('missing shards 2/4, 4/4 (3 of 4 given)');
    expect(refusal(() => mergeShards([]))).toBe('no part files given');
  }, 120_000);

  it('refuses parts of different runs and says what differs, and parts of different splits', async () => {
    const four = await parts(4);
    const reseeded = await parts(2, { seed: 8 });
    expect(refusal(() => mergeShards([four[0]!, reseeded[1]!]))).toMatch(/part-2-of-2\.json is not of the same run as part-1-of-4\.json: --seed \(7 vs 8\) differ/);
    const two = await parts(2);
    expect(refusal(() => mergeShards([two[0]!, four[1]!]))).toMatch(/part-2-of-4\.json is shard 2\/4 but part-1-of-2\.json is shard 1\/2/);
    const edited = onDisk({ ...four[1]!.part, key: 'sha256:0' }, 'edited.json');
    expect(refusal(() => mergeShards([four[0]!, edited]))).toMatch(/not of the same run.*the scenario's content differ/);
  }, 120_000);

  it('refuses a part whose replications are not its shard\'s', async () => {
    const [a, b] = await parts(2);
    const short = onDisk({ ...b!.part, runs: b!.part.runs.slice(1) }, 'short.json');
    expect(refusal(() => mergeShards([a!, short]))).toMatch(/short\.json: shard 2\/2 should hold 3 replications, it holds 2/);
    const swapped = onDisk({ ...b!.part, runs: [...b!.part.runs].reverse() }, 'swapped.json');
    expect(refusal(() => mergeShards([a!, swapped]))).toMatch(/swapped\.json: replication \d of policy "\w+" does not belong to shard 2\/2/);
  }, 120_000);
});

describe('parsePart', () => {
  it('tells a whole result from a part, and names the file and the field of a damaged part', () => {
    expect(() => parsePart({ schema: 'guichet.result/v1' }, 'result.json')).toThrow(/result\.json: is a whole result .*merge the part files/);
    expect(() => parsePart({ schema: 'guichet.partial/v9' }, 'p.json')).toThrow(/p\.json: unknown part schema "guichet.partial\/v9"/);
    expect(() => parsePart({ schema: 'guichet.partial/v1', shard: { index: 3, count: 2 } }, 'p.json')).toThrow(/p\.json: not a valid shard part\n {2}at /);
  });
});
