/**
 * `guichet run --shard i/n`: simulates the shard's share of the grid and writes its part file
 * (no report: a report needs every replication, `guichet merge` then `guichet report`).
 */
import { gatesByPolicy, hasGates } from '../../scenarios/gates/effective.js';
import { join } from 'node:path';
import { runShard, ShardError, shardProblem, gridSize } from '../../engine/run/run-shard.js';
import type { ShardSpec } from '../../engine/measure/partial-types.js';
import type { RunOptions } from '../../engine/run/run-scenario.js';
import type { Scenario } from '../../scenarios/schema.js';
import { writeAtomic } from '../../reports/write.js';
import { displayPath } from '../paths.js';
import { VERSION } from '../version.js';

/** "part-2-of-8.json": every shard can write into one folder (a merge job that downloads all artifacts together). */
export function partFileName(shard: ShardSpec): string {
  return `part-${shard.index}-of-${shard.count}.json`;
}

/** Refused before anything is simulated or written. */
export function checkShard(scenario: Scenario, shard: ShardSpec, opts: Pick<RunOptions, 'seed' | 'replications' | 'policies'>): void {
  const problem = shardProblem(shard, gridSize(scenario, opts));
  if (problem) throw new ShardError(problem);
}

/** Runs the shard and writes its part; returns the lines to print. */
export async function runShardPart(
  scenario: Scenario, shard: ShardSpec, opts: RunOptions, outDir: string,
): Promise<{ path: string; lines: string[] }> {
  const simulated = await runShard(scenario, { ...opts, shard, version: VERSION });
  const part = hasGates(scenario)
    ? { ...simulated, gates: gatesByPolicy(scenario).map(({ policy, gates }) => ({ policy, gates: gates.map(({ metric, expression }) => ({ metric, expression })) })) }
    : simulated;
  const path = join(outDir, partFileName(shard));
  writeAtomic(path, `${JSON.stringify(part, null, 2)}\n`);
  return {
    path,
    lines: [
      `shard ${shard.index}/${shard.count}: ${part.runs.length} of ${part.grid} replications (policy × replication)`,
      `part: ${displayPath(path)}`,
    ],
  };
}
