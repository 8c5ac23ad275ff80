/**
 * `guichet merge`: the parts of a sharded run put back into the run's result. Refuses, all at
 * once, parts of different runs, a shard given twice and missing shards; otherwise every cell of
 * the grid is put back in its place and the intervals are computed over the merged replications
 * by the same function as an unsharded run, so the result is byte-identical to it.
 */
import type { ReplicationResult, RunResult } from '../measure/result-types.js';
import type { PartialResult } from '../measure/partial-types.js';
import { ShardMergeError, type PartFile } from './read-part.js';
import { shardCells } from './run-shard.js';
import { summariseRun } from './run-scenario.js';

/** What differs between two parts of different keys, in the user's words. */
function differences(a: PartialResult, b: PartialResult): string[] {
  const out: string[] = [];
  if (a.guichet !== b.guichet) out.push(`guichet version (${a.guichet} vs ${b.guichet})`);
  if (a.header.scenario.file !== b.header.scenario.file) out.push(`scenario file (${a.header.scenario.file} vs ${b.header.scenario.file})`);
  if (a.header.seed !== b.header.seed) out.push(`--seed (${a.header.seed} vs ${b.header.seed})`);
  if (a.header.replications !== b.header.replications) out.push(`--replications (${a.header.replications} vs ${b.header.replications})`);
  const names = (p: PartialResult) => p.policies.map((x) => x.name).join(',');
  if (names(a) !== names(b)) out.push(`--policy (${names(a)} vs ${names(b)})`);
  return out.length > 0 ? out : ['the scenario\'s content'];
}

const label = (p: PartialResult) => `${p.shard.index}/${p.shard.count}`;

/** Every reason the parts cannot be merged (empty when they can). */
export function mergeProblems(parts: readonly PartFile[]): string[] {
  if (parts.length === 0) return ['no part files given'];
  const [first, ...rest] = parts;
  const problems: string[] = [];
  for (const p of rest) {
    if (p.part.key !== first!.part.key) {
      problems.push(`${p.file} is not of the same run as ${first!.file}: ${differences(first!.part, p.part).join(', ')} differ`);
    } else if (p.part.shard.count !== first!.part.shard.count) {
      problems.push(`${p.file} is shard ${label(p.part)} but ${first!.file} is shard ${label(first!.part)}: every part must split the run into the same number of shards`);
    }
  }
  if (problems.length > 0) return problems;
  const count = first!.part.shard.count;
  const byIndex = new Map<number, string[]>();
  for (const p of parts) byIndex.set(p.part.shard.index, [...(byIndex.get(p.part.shard.index) ?? []), p.file]);
  for (const [index, files] of [...byIndex].sort((a, b) => a[0] - b[0])) {
    if (files.length > 1) problems.push(`shard ${index}/${count} is given ${files.length} times: ${files.join(', ')}`);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    problems.push(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} (${parts.length} of ${count} given)`);
  }
  for (const p of parts) {
    const expected = shardCells(p.part.grid, p.part.shard).length;
    if (p.part.runs.length !== expected) problems.push(`${p.file}: shard ${label(p.part)} should hold ${expected} replications, it holds ${p.part.runs.length}`);
  }
  return problems;
}

/** The whole run's result; a ShardMergeError listing every problem when the parts do not make one run. */
export function mergeShards(parts: readonly PartFile[]): RunResult {
  const problems = mergeProblems(parts);
  if (problems.length > 0) throw new ShardMergeError(problems.join('\n'));
  const { header, policies, grid } = parts[0]!.part;
  const n = header.replications;
  const cells = new Array<ReplicationResult | undefined>(grid);
  for (const { file, part } of parts) {
    const expected = shardCells(grid, part.shard);
    part.runs.forEach((run, k) => {
      const at = policies.findIndex((p) => p.name === run.policy) * n + run.replication;
      // a part edited by hand or cut short: its cells are not the ones its shard number deals it
      if (at !== expected[k] || run.replication >= n) {
        throw new ShardMergeError(`${file}: replication ${run.replication} of policy "${run.policy}" does not belong to shard ${label(part)}`);
      }
      cells[at] = run.result;
    });
  }
  return summariseRun(header, policies, cells as ReplicationResult[]);
}
