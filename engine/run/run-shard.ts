/**
 * `guichet run --shard i/n`: one deterministic share of a run's (policy × replication) grid.
 * Cells are dealt round-robin in grid order (cell t goes to shard t mod n + 1), so each shard
 * gets every policy's replications in turn: policies differ much in cost (a lottery holds every
 * registration), and contiguous blocks would give one shard all the expensive ones. Shard sizes
 * differ by one at most, and no shard is empty because n may not exceed the grid.
 */
import { createHash } from 'node:crypto';
import type { Scenario } from '../../scenarios/schema.js';
import { PARTIAL_SCHEMA, type PartialResult, type ShardSpec } from '../measure/partial-types.js';
import { planRun, runHeader, simulateTasks, type RunOptions } from './run-scenario.js';

/** A --shard that does not fit the run (the flag's own syntax is the CLI's to check). */
export class ShardError extends Error {}

/** "2/8" → { index: 2, count: 8 }; undefined when it is not i/n with 1 ≤ i ≤ n. */
export function parseShard(text: string): ShardSpec | undefined {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && count >= 1 && index <= count ? { index, count } : undefined;
}

/** The grid cells (indices in policy-major order) of `shard`. */
export function shardCells(grid: number, shard: ShardSpec): number[] {
  const cells: number[] = [];
  for (let t = shard.index - 1; t < grid; t += shard.count) cells.push(t);
  return cells;
}

/** Same scenario (as validated, so comments and key order of the file do not matter), same path, same options ⇒ same key. */
export function runKey(seeded: Scenario, file: string, replications: number, policies: readonly string[], version: string): string {
  const canonical = JSON.stringify({ version, file, replications, policies, scenario: seeded });
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}

export interface ShardOptions extends RunOptions {
  shard: ShardSpec;
  /** the guichet version, carried by the part and compared by the merge */
  version: string;
}

/** The size of a run's grid, to check --shard before simulating. */
export function gridSize(scenario: Scenario, opts: Pick<RunOptions, 'seed' | 'replications' | 'policies'>): number {
  return planRun(scenario, opts).tasks.length;
}

/** Why `shard` cannot split this grid, or undefined. */
export function shardProblem(shard: ShardSpec, grid: number): string | undefined {
  if (shard.count <= grid) return undefined;
  return `--shard ${shard.index}/${shard.count}: this run has ${grid} (policy × replication) cells, so at most ${grid} shards; `
    + `use --shard i/${grid} or fewer shards, or more --replications`;
}

export async function runShard(scenario: Scenario, opts: ShardOptions): Promise<PartialResult> {
  const plan = planRun(scenario, opts);
  const grid = plan.tasks.length;
  const problem = shardProblem(opts.shard, grid);
  if (problem) throw new ShardError(problem);
  const cells = shardCells(grid, opts.shard);
  const results = await simulateTasks(cells.map((t) => plan.tasks[t]!), opts);
  const names = plan.policies.map((p) => p.name);
  return {
    schema: PARTIAL_SCHEMA,
    guichet: opts.version,
    key: runKey(plan.seeded, opts.file, plan.replications, names, opts.version),
    shard: opts.shard,
    grid,
    header: runHeader(plan.seeded, opts.file, plan.replications),
    policies: plan.policies,
    runs: cells.map((t, k) => ({ policy: plan.tasks[t]!.policy.name, replication: plan.tasks[t]!.replication, result: results[k]! })),
  };
}
